"""Lesson content blocks: text, image, callout, numbered steps, document download.

Every block describes itself for the editor (icon, description, preview) and renders through its
own template under ``templates/blocks/``.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]
SHORT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class TextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "blocks/text.html"
        description = _("Paragraphs, lists and h2/h3 headings in plain Danish.")
        preview_value = "<h2>Sådan gør du</h2><p>Åbn medicinkortet og tjek, at det er afstemt.</p>"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Alt text"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it. Required to publish."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"
        description = _("A screenshot or picture with alt text and an optional caption.")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        default="tip",
        choices=[("tip", _("Tip")), ("important", _("Important")), ("warning", _("Warning"))],
    )
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=SHORT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "blocks/callout.html"
        description = _("A highlighted tip, point of attention or warning.")
        preview_value = {
            "kind": "important",
            "heading": "Husk",
            "text": "<p>Skriv aldrig CPR-nummer i emnefeltet.</p>",
        }


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=160)
    text = blocks.RichTextBlock(label=_("Details"), features=SHORT_FEATURES, required=False)

    class Meta:
        icon = "list-ol"


class StepsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Numbered steps")
        template = "blocks/steps.html"
        description = _("A procedure the learner follows one step at a time.")
        preview_value = {
            "heading": "Send en korrespondancemeddelelse",
            "steps": [
                {"title": "Vælg modtager", "text": "<p>Søg på enhedens navn eller SOR-kode.</p>"},
                {"title": "Skriv emne og tekst", "text": ""},
            ],
        }


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=160,
        help_text=_("Leave empty to use the document's title."),
    )
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=250)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "blocks/document.html"
        description = _("A quick guide or checklist the learner can download.")
