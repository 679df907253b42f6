"""StreamField blocks for lessons. Content blocks live in ``content.py``, the per-system tabs in
``systems.py``; the video block comes from the video app and the quiz block from ``quizzes``."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from learning.packages.blocks import PackageBlock
from learning.video.blocks import VideoBlock
from quizzes.blocks import QuizBlock

from .content import CalloutBlock, DocumentBlock, ImageBlock, StepsBlock, TextBlock
from .systems import SystemTabsBlock


class LessonStreamBlock(blocks.StreamBlock):
    text = TextBlock()
    image = ImageBlock()
    callout = CalloutBlock()
    steps = StepsBlock()
    system_tabs = SystemTabsBlock()
    document = DocumentBlock()
    # "video" is the name the publish check in cms/forms.py looks for (Danish captions).
    video = VideoBlock()
    # Quizzes live inside lessons rather than as pages under the course: a lesson is the unit
    # of a course's order and completion, and the quiz attempt records the lesson it came from.
    quiz = QuizBlock()
    # A cmi5 package (learning.packages): its AUs with status and start buttons; the lesson is
    # completed when every package in it is satisfied (learning.packages.satisfaction).
    package = PackageBlock()

    class Meta:
        block_counts = {}
        label = _("Lesson content")


__all__ = ["LessonStreamBlock"]
