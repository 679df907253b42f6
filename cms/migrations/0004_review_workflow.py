"""The "review by a second educator" workflow, its one task and its assignment to the root of
the page tree, so that every installation reviews before it publishes (``cms/workflows.py``
does the same, idempotently, for ``setup_review_workflow``)."""

from django.db import migrations

WORKFLOW_NAME = "Review by a second educator"
TASK_NAME = "Second educator review"


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Task = apps.get_model("cms", "SecondEducatorApprovalTask")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="cms", model="secondeducatorapprovaltask"
    )
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = Task.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = Task.objects.create(name=TASK_NAME, active=True, content_type=content_type)
    WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, defaults={"sort_order": 0})
    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_lesson_video_and_quiz_blocks"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
