"""StreamField blocks for lessons. Content blocks live in ``content.py``, the per-system tabs in
``systems.py``; the video block comes from the video app and the quiz block from ``quizzes``."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .content import CalloutBlock, DocumentBlock, ImageBlock, StepsBlock, TextBlock
from .systems import SystemTabsBlock


class LessonStreamBlock(blocks.StreamBlock):
    text = TextBlock()
    image = ImageBlock()
    callout = CalloutBlock()
    steps = StepsBlock()
    system_tabs = SystemTabsBlock()
    document = DocumentBlock()

    class Meta:
        block_counts = {}
        label = _("Lesson content")


__all__ = ["LessonStreamBlock"]
