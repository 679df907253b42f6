"""The authoring workflow: draft → review by a second educator → publish.

Created by ``manage.py setup_review_workflow`` (and by the demo loader); idempotent. It is
assigned to the catalogue, so every course, lesson and video guide goes through it, and its one
task lets any member of the Editors group approve, except the person who submitted.
"""

from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow, WorkflowPage

from cms.models import CatalogPage, SecondEducatorApprovalTask

WORKFLOW_NAME = "Review by a second educator"
TASK_NAME = "Second educator review"
REVIEW_GROUP = "Editors"


def ensure_review_workflow():
    """Create the workflow and task if missing and assign it to every catalogue. Returns it."""
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = SecondEducatorApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = SecondEducatorApprovalTask.objects.create(name=TASK_NAME, active=True)
    group, _ = Group.objects.get_or_create(name=REVIEW_GROUP)
    task.groups.add(group)
    if not workflow.workflow_tasks.filter(task=task).exists():
        workflow.workflow_tasks.create(task=task, sort_order=0)
    for catalogue in CatalogPage.objects.all():
        WorkflowPage.objects.update_or_create(
            page=Page.objects.get(pk=catalogue.pk), defaults={"workflow": workflow}
        )
    return workflow
