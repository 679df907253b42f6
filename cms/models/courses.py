"""Courses and their lessons. A course is a catalogue item whose children are lessons; a learner
completes it when every required lesson is done (``learning.progress``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import LessonStreamBlock
from cms.forms import CataloguePageForm, LessonPageForm
from learning.organisations.permissions import OwnedPageMixin
from learning.progress.context import course_context, lesson_context

from .catalogue_item import AwardedCompetence, CatalogueItemPage, PhonePreviewMixin
from .serving import ViewRestrictionsMixin


class CoursePage(CatalogueItemPage):
    """A course of short lessons that awards competences when every required lesson is done."""

    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("What the learner will be able to do, and why it matters."),
    )

    # The completion rule (``learning.progress.rule``): every required lesson done, a lesson
    # with a quiz only by passing it; whether videos must also be watched is the author's call.
    require_videos_watched = models.BooleanField(
        _("videos must be watched"),
        default=False,
        help_text=_(
            "A required lesson with a video is done only when the learner has watched the "
            "video to the end (as the player measures it)."
        ),
    )

    content_panels = (
        Page.content_panels
        + CatalogueItemPage.audience_panels
        + [
            FieldPanel("introduction"),
            InlinePanel("competence_links", label=_("Competences awarded"), min_num=0),
            MultiFieldPanel(
                [FieldPanel("require_videos_watched")],
                heading=_("Completion rule"),
                help_text=_(
                    "The course is complete when every required lesson is done. A lesson with "
                    "a quiz is done when the quiz is passed; the others when the learner marks "
                    "them done."
                ),
            ),
        ]
    )
    search_fields = CatalogueItemPage.search_fields + [index.SearchField("introduction")]
    base_form_class = CataloguePageForm

    parent_page_types = ["cms.CatalogPage"]
    subpage_types = ["cms.LessonPage"]
    template = "cms/course_page.html"

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    activity_kind = "course"
    format_label = _("Course")

    def lessons(self):
        """The live lessons in order. One query (a course's children are all lessons, so they
        come as LessonPage without Wagtail's ``specific()`` fetching them again)."""
        return LessonPage.objects.child_of(self).live().order_by("path")

    def required_lesson_ids(self):
        """Ids of the live lessons that count towards completion. One query."""
        return set(
            LessonPage.objects.child_of(self)
            .live()
            .filter(required=True)
            .values_list("pk", flat=True)
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(course_context(self, request.user))
        return context


class CourseCompetence(AwardedCompetence):
    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="competence_links")


class LessonPage(ViewRestrictionsMixin, OwnedPageMixin, PhonePreviewMixin, Page):
    """One piece of a course, about ten minutes, that the learner marks done."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=400)
    body = StreamField(LessonStreamBlock(), verbose_name=_("content"), blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=10)
    required = models.BooleanField(
        _("required for completion"),
        default=True,
        help_text=_("Untick for extra material that the course can be completed without."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("estimated_minutes"),
        FieldPanel("required"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    base_form_class = LessonPageForm

    parent_page_types = ["cms.CoursePage"]
    subpage_types = []
    template = "cms/lesson_page.html"

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    activity_kind = "lesson"

    def course(self):
        """The course the lesson belongs to (its parent, by the page type rules). One query."""
        return CoursePage.objects.parent_of(self).get()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_context(self, request.user))
        return context
