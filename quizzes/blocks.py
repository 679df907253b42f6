"""The quiz block for lesson StreamFields (cms adds it to the lesson body)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from .models import Quiz


class QuizBlock(blocks.StructBlock):
    """A quiz inside a lesson: its title, rules and a button to start it. The questions are
    never rendered into the lesson, so their answers cannot leak through the page."""

    quiz = SnippetChooserBlock("quizzes.Quiz", label=_("Quiz"))
    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        max_length=120,
        help_text=_("Defaults to the quiz title."),
    )

    class Meta:
        icon = "form"
        template = "quizzes/blocks/quiz_block.html"
        label = _("Quiz")
        description = _("A quiz from the question bank, with its rules and a start button.")

    def get_preview_value(self):
        return self.to_python({"quiz": getattr(Quiz.objects.first(), "pk", None), "heading": ""})
