"""Admin for the competence framework (snippets), requirements and records.

Frameworks and competences are snippets so editors can tag content with them later; requirements
and records are platform-admin only here (managers manage their own units' requirements in the
manager pages).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from learning.organisations.permissions import PlatformAdminPermissionPolicy

from .models import Competence, CompetenceRecord, Framework, Requirement

for _model in (Requirement, CompetenceRecord):
    register_permission_policy(_model, PlatformAdminPermissionPolicy(_model))


class FrameworkViewSet(SnippetViewSet):
    model = Framework
    icon = "list-ul"
    menu_label = _("Frameworks")
    list_display = ["name", "code"]


class CompetenceViewSet(SnippetViewSet):
    model = Competence
    icon = "tick-inverse"
    menu_label = _("Competences")
    list_display = ["code", "name", "area"]
    list_filter = ["area__framework"]
    search_fields = ["code", "name"]
    ordering = ["area__framework__name", "area__sort_order", "code"]


class RequirementViewSet(ModelViewSet):
    model = Requirement
    icon = "warning"
    menu_label = _("Requirements")
    form_fields = [
        "unit",
        "include_subtree",
        "role",
        "competence",
        "level",
        "due_within_days",
        "renew_every_months",
    ]
    list_display = ["unit", "role", "competence", "level", "due_within_days", "renew_every_months"]
    list_filter = ["level", "role"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return Requirement.objects.select_related("unit", "role", "competence")


class CompetenceRecordViewSet(ModelViewSet):
    model = CompetenceRecord
    icon = "doc-full"
    menu_label = _("Competence records")
    list_display = ["user", "competence", "level", "achieved_at", "valid_until", "evidence"]
    list_filter = ["evidence", "level"]
    copy_view_enabled = False
    panels = [
        FieldPanel(name)
        for name in (
            "user",
            "competence",
            "level",
            "achieved_at",
            "valid_until",
            "evidence",
            "note",
        )
    ]
    form_fields = ["user", "competence", "level", "achieved_at", "valid_until", "evidence", "note"]

    def get_queryset(self, request):
        return CompetenceRecord.objects.select_related("user", "competence")


class CompetencesGroup(SnippetViewSetGroup):
    menu_label = _("Competences")
    menu_icon = "tick-inverse"
    menu_order = 310
    items = (
        FrameworkViewSet,
        CompetenceViewSet,
        RequirementViewSet("requirements"),
        CompetenceRecordViewSet("competence_records"),
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return CompetencesGroup()
