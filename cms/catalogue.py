"""Catalogue filters and search: sector, role, competence, format, length, and Wagtail search
over titles, summaries and transcripts.

The catalogue holds at most a few hundred pages, so filters run as a handful of queries plus a
pass in Python (sectors are a JSON list, which SQLite cannot filter).
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django import forms
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from cms.models import CourseCompetence, CoursePage, VideoGuideCompetence, VideoGuidePage
from learning.competences.models import Competence
from learning.organisations.models import JobRole, Sector
from learning.progress.queries import enrolments_by_page
from learning.progress.required import RequiredCompetences

FORMATS = [("course", _("Course")), ("video", _("Video guide"))]
LENGTHS = {
    "short": (_("Up to 10 minutes"), 0, 10),
    "medium": (_("11 to 30 minutes"), 11, 30),
    "long": (_("More than 30 minutes"), 31, 10_000),
}


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("All sectors")), *Sector.choices]
    )
    role = forms.ModelChoiceField(
        label=_("Role"),
        required=False,
        empty_label=_("All roles"),
        queryset=JobRole.objects.filter(is_active=True),
    )
    competence = forms.ModelChoiceField(
        label=_("Competence"),
        required=False,
        empty_label=_("All competences"),
        queryset=Competence.objects.none(),
        to_field_name="code",
    )
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("All formats")), *FORMATS]
    )
    length = forms.ChoiceField(
        label=_("Length"),
        required=False,
        choices=[("", _("Any length"))]
        + [(key, label) for key, (label, _low, _high) in LENGTHS.items()],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only competences some course or guide awards: the others would always give nothing.
        # Two subqueries, not a UNION: the link models are ordered, and SQLite refuses ORDER BY
        # inside a compound statement.
        self.fields["competence"].queryset = Competence.objects.filter(
            Q(pk__in=CourseCompetence.objects.values("competence_id"))
            | Q(pk__in=VideoGuideCompetence.objects.values("competence_id"))
        )


@dataclass
class CatalogueEntry:
    page: object
    required: bool = False
    enrolment: object = None

    @property
    def is_video(self):
        return self.page.activity_kind == "video-guide"


def _filtered(queryset, data):
    role, competence, length = data.get("role"), data.get("competence"), data.get("length")
    if role:
        queryset = queryset.filter(Q(target_roles=role) | Q(target_roles__isnull=True))
    if competence:
        queryset = queryset.filter(competence_links__competence=competence)
    if length in LENGTHS:
        _label, low, high = LENGTHS[length]
        queryset = queryset.filter(estimated_minutes__gte=low, estimated_minutes__lte=high)
    return queryset.distinct()


# The text a learner searches, per model: what the page shows in the catalogue and on itself.
SEARCHED_TEXT = {
    "coursepage": ("title", "summary", "introduction"),
    "videoguidepage": ("title", "summary", "transcript"),
}


def _containing_every_word(model, words):
    """A condition: each word occurs somewhere in the page's text, also inside a word.

    Danish joins words into compounds ("udskrivningskonference", "Korrespondancemeddelelsen"),
    and a full-text index keeps each compound as one word, so a search for "udskrivning" or
    "journal" found nothing. A case-insensitive "contains" per word finds them, on SQLite and
    PostgreSQL alike; with a few hundred pages in the catalogue it needs no index.
    """
    fields = SEARCHED_TEXT[model._meta.model_name]
    condition = Q()
    for word in words:
        condition &= reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields))
    return condition


def _searched(queryset, model, query):
    """``queryset`` narrowed to pages matching ``query``: Wagtail's full-text search (Danish
    stemming on PostgreSQL, so "udskrivningen" finds "udskrivning") or every word found inside
    the page's text (prefixes and parts of compounds). Searches the whole model and intersects,
    because the search backend cannot filter on many-to-many fields."""
    words = query.split()
    if not words:
        return queryset
    found = [page.pk for page in model.objects.live().search(query, operator="and")]
    return queryset.filter(Q(pk__in=found) | _containing_every_word(model, words))


def find(catalogue, data):
    """The live courses and guides under ``catalogue`` matching the cleaned filter ``data``.

    A few queries per format; returns specific pages sorted by title.
    """

    pages = []
    wanted = data.get("format")
    for model, link, kind in (
        (CoursePage, CourseCompetence, "course"),
        (VideoGuidePage, VideoGuideCompetence, "video"),
    ):
        if wanted and wanted != kind:
            continue
        queryset = _filtered(model.objects.child_of(catalogue).live(), data)
        queryset = _searched(queryset, model, (data.get("q") or "").strip())
        # The cards show competences (read with their links: one query per format, not two),
        # not roles.
        links = Prefetch("competence_links", link.objects.select_related("competence"))
        pages += queryset.prefetch_related(links)
    sector = data.get("sector")
    if sector:
        pages = [p for p in pages if not p.target_sectors or sector in p.target_sectors]
    return sorted(pages, key=lambda page: page.title.lower())


def catalogue_context(catalogue, request):
    """Context for the catalogue page: the filter form and the entries, required ones first."""
    form = CatalogueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    pages = find(catalogue, data)
    user = request.user
    required = RequiredCompetences.for_user(user)
    enrolments = enrolments_by_page(user, [page.pk for page in pages])
    entries = [
        CatalogueEntry(page, required.is_required(page), enrolments.get(page.pk)) for page in pages
    ]
    entries.sort(key=lambda entry: not entry.required)
    return {
        "filter_form": form,
        "entries": entries,
        "is_filtered": bool(data and any(data.values())),
    }
