"""The "review by a second educator" workflow, its one task and its assignment to the root of
the page tree, so that every installation reviews before it publishes (``cms/workflows.py``
does the same, idempotently, for ``setup_review_workflow``). Also: the video block's chapters
text gets a length limit, and help texts say captions go on the video's own form."""

import django.db.models.deletion
import wagtail.fields
from django.db import migrations, models

# Danish, since Wagtail shows the name in its buttons ("Send til <name>"); the English names
# of older installations are renamed.
WORKFLOW_NAME = "gennemsyn hos en anden underviser"
TASK_NAME = "Gennemsyn hos en anden underviser"
OLD_NAMES = {"Review by a second educator": WORKFLOW_NAME, "Second educator review": TASK_NAME}


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
    for old, new in OLD_NAMES.items():
        Workflow.objects.filter(name=old).update(name=new)
        Task.objects.filter(name=old).update(name=new)
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
        ("cms", "0005_course_completion_rule"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(create_workflow, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='lessonpage',
            name='body',
            field=wagtail.fields.StreamField([('text', 0), ('image', 4), ('callout', 8), ('steps', 13), ('system_tabs', 19), ('document', 23), ('video', 27), ('quiz', 30)], blank=True, block_lookup={0: ('cms.blocks.content.TextBlock', (), {}), 1: ('wagtail.images.blocks.ImageChooserBlock', (), {'label': 'Image'}), 2: ('wagtail.blocks.CharBlock', (), {'help_text': 'What the image shows, for people who cannot see it. Required to publish.', 'label': 'Alt text', 'max_length': 250}), 3: ('wagtail.blocks.CharBlock', (), {'label': 'Caption', 'max_length': 250, 'required': False}), 4: ('wagtail.blocks.StructBlock', [[('image', 1), ('alt', 2), ('caption', 3)]], {}), 5: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('tip', 'Tip'), ('important', 'Important'), ('warning', 'Warning')], 'label': 'Kind'}), 6: ('wagtail.blocks.CharBlock', (), {'label': 'Heading', 'max_length': 120, 'required': False}), 7: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ol', 'ul'], 'label': 'Text'}), 8: ('wagtail.blocks.StructBlock', [[('kind', 5), ('heading', 6), ('text', 7)]], {}), 9: ('wagtail.blocks.CharBlock', (), {'label': 'Step', 'max_length': 160}), 10: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ol', 'ul'], 'label': 'Details', 'required': False}), 11: ('wagtail.blocks.StructBlock', [[('title', 9), ('text', 10)]], {}), 12: ('wagtail.blocks.ListBlock', (11,), {'label': 'Steps', 'min_num': 1}), 13: ('wagtail.blocks.StructBlock', [[('heading', 6), ('steps', 12)]], {}), 14: ('wagtail.blocks.CharBlock', (), {'default': 'Sådan gør du i dit system', 'label': 'Heading', 'max_length': 120, 'required': False}), 15: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('nordepj', 'NordEPJ (hospitals)'), ('municipal', 'The municipal care record (Nexus, Cura)'), ('gp', 'The GP system')], 'label': 'System'}), 16: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ol', 'ul'], 'label': 'How to do it in this system'}), 17: ('wagtail.blocks.StructBlock', [[('system', 15), ('text', 16)]], {}), 18: ('wagtail.blocks.ListBlock', (17,), {'label': 'Systems', 'min_num': 1}), 19: ('wagtail.blocks.StructBlock', [[('heading', 14), ('tabs', 18)]], {}), 20: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': 'Document'}), 21: ('wagtail.blocks.CharBlock', (), {'help_text': "Leave empty to use the document's title.", 'label': 'Link text', 'max_length': 160, 'required': False}), 22: ('wagtail.blocks.CharBlock', (), {'label': 'Description', 'max_length': 250, 'required': False}), 23: ('wagtail.blocks.StructBlock', [[('document', 20), ('title', 21), ('description', 22)]], {}), 24: ('wagtailmedia.blocks.VideoChooserBlock', (), {'help_text': "An MP4 or WebM video; add its Danish captions on the video's own form (Media).", 'label': 'Video'}), 25: ('wagtail.blocks.CharBlock', (), {'help_text': "Shown under the video; leave empty to use the video's own title.", 'label': 'Title', 'max_length': 200, 'required': False}), 26: ('wagtail.blocks.TextBlock', (), {'help_text': "One chapter per line: “mm:ss Title”, e.g. “01:30 Log ind”. Leave empty to use the video's chapters track, if any.", 'label': 'Chapters', 'max_length': 10000, 'required': False}), 27: ('wagtail.blocks.StructBlock', [[('video', 24), ('title', 25), ('chapters', 26)]], {}), 28: ('wagtail.snippets.blocks.SnippetChooserBlock', ('quizzes.Quiz',), {'label': 'Quiz'}), 29: ('wagtail.blocks.CharBlock', (), {'help_text': 'Defaults to the quiz title.', 'label': 'Heading', 'max_length': 120, 'required': False}), 30: ('wagtail.blocks.StructBlock', [[('quiz', 28), ('heading', 29)]], {})}, verbose_name='content'),
        ),
        migrations.AlterField(
            model_name='videoguidepage',
            name='video',
            field=models.ForeignKey(blank=True, help_text="Add its Danish captions on the video's own form (Media) before publishing.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailmedia.media', verbose_name='video'),
        ),
    ]
