"""Admin for the question bank, quizzes and course evaluations, plus a menu link to the item
analysis (shown to those allowed to see it)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from learning.organisations.permissions import OwnedContentPolicy

from .models import CourseEvaluation, Question, Quiz
from .permissions import can_view_analysis

# Questions, quizzes and pre/post tests are changed only by educators of their owner.
for _model in (Question, Quiz, CourseEvaluation):
    register_permission_policy(_model, OwnedContentPolicy(_model))


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Question bank")
    list_display = ["text", "kind", "competence"]
    list_filter = ["kind", "competence"]
    search_fields = ["text"]
    ordering = ["competence__code", "text"]


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "form"
    menu_label = _("Quizzes")
    list_display = ["title", "selection", "pass_mark", "competence"]
    list_filter = ["selection", "competence"]
    search_fields = ["title"]


class CourseEvaluationViewSet(SnippetViewSet):
    model = CourseEvaluation
    icon = "pick"
    menu_label = _("Pre- and post-tests")
    list_display = ["name", "course_page", "pre_test", "post_test"]


class QuizzesGroup(SnippetViewSetGroup):
    menu_label = _("Quizzes")
    menu_icon = "form"
    menu_order = 320
    items = (QuestionViewSet, QuizViewSet, CourseEvaluationViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return QuizzesGroup()


class AnalysisMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_analysis(request.user)


@hooks.register("register_admin_menu_item")
def register_analysis_menu_item():
    return AnalysisMenuItem(
        _("Item analysis"), reverse("quizzes:analysis"), icon_name="table", order=330
    )
