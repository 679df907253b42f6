"""The authoring workflow: draft → review by a second educator → publish.

Created by a data migration (``cms/migrations/0004_review_workflow_and_chapters_limit``),
and again, idempotently, by ``manage.py setup_review_workflow`` and the demo loader. It is
assigned to the root of the page tree, so every page goes through it; its one task lets the
educators of the page's owner approve, except the person who submitted
(``SecondEducatorApprovalTask``). Reviewers are told by e-mail through Wagtail's own notifier
(``ReviewerNotifier``).
"""

from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.models import Page, Workflow, WorkflowPage, WorkflowTask

from cms.models import SecondEducatorApprovalTask
from learning.organisations.permissions import reviewers_of

# Danish, since Wagtail shows the name in its buttons ("Send til <name>"); the English names
# of older installations are renamed.
WORKFLOW_NAME = "gennemsyn hos en anden underviser"
TASK_NAME = "Gennemsyn hos en anden underviser"
OLD_NAMES = {"Review by a second educator": WORKFLOW_NAME, "Second educator review": TASK_NAME}


def ensure_review_workflow():
    """Create the workflow and its task if missing and assign it to the tree. Returns it."""
    for old, new in OLD_NAMES.items():
        Workflow.objects.filter(name=old).update(name=new)
        SecondEducatorApprovalTask.objects.filter(name=old).update(name=new)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = SecondEducatorApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = SecondEducatorApprovalTask.objects.create(name=TASK_NAME, active=True)
    # Reviewers come from the page's owner, not from groups (older installations had Editors).
    task.groups.clear()
    # Saved directly: Workflow.workflow_tasks is a modelcluster relation, and creating through
    # it would only add to the unsaved cluster.
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(
        page=Page.get_first_root_node(), defaults={"workflow": workflow}
    )
    return workflow


class ReviewerNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    """Wagtail's "submitted for review" e-mail, sent to the educators who may review the page
    (the task's groups are empty, so Wagtail's own notifier reaches only superusers)."""

    def can_handle(self, instance, **kwargs):
        return super().can_handle(instance, **kwargs) and isinstance(
            instance.task.specific, SecondEducatorApprovalTask
        )

    def get_recipient_users(self, task_state, **kwargs):
        user = kwargs.get("user")
        return reviewers_of(
            task_state.workflow_state.content_object, exclude=user.pk if user else None
        )


reviewer_notifier = ReviewerNotifier()  # module-level: signals hold receivers weakly
