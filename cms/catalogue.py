"""Catalogue filters and search: sector, role, competence, format, length, and Wagtail search
over titles, summaries and transcripts.

The catalogue holds at most a few hundred pages, so filters run as a handful of queries plus a
pass in Python (sectors are a JSON list, which SQLite cannot filter).
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django import forms
from django.core.cache import cache
from django.db.models import Prefetch, Q
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from cms.models import CourseCompetence, CoursePage, VideoGuideCompetence, VideoGuidePage
from learning.competences.models import Competence, CompetenceArea, Framework
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
        self.fields["competence"].queryset = awarded_competences()
        # The lists to choose from come from the cache; a chosen value is still checked against
        # the database (the fields' querysets).
        roles, competences = filter_choices()
        self.fields["role"].choices = [("", self.fields["role"].empty_label), *roles]
        self.fields["competence"].choices = [
            ("", self.fields["competence"].empty_label),
            *competences,
        ]


def awarded_competences():
    """Only competences some course or guide awards: the others would always give nothing.
    Two subqueries, not a UNION: the link models are ordered, and SQLite refuses ORDER BY
    inside a compound statement."""
    return Competence.objects.filter(
        Q(pk__in=CourseCompetence.objects.values("competence_id"))
        | Q(pk__in=VideoGuideCompetence.objects.values("competence_id"))
    )


# The filter's role and competence lists are the same for everyone and change rarely, so they
# are kept in Django's cache (issue 16: two queries on every catalogue page) and forgotten
# whenever a role, a competence or a page's competence link is saved or deleted. The timeout
# bounds what the signals cannot see: writes in bulk, and a change made by another process where
# the cache is one per process (a production without Redis).
FILTER_CHOICES_KEY = "catalogue:filter-choices"
FILTER_CHOICES_TIMEOUT = 5 * 60


def _filter_choices():
    roles = [(role.pk, str(role)) for role in JobRole.objects.filter(is_active=True)]
    competences = [(c.code, str(c)) for c in awarded_competences()]
    return roles, competences


def filter_choices():
    """([(role id, label)], [(competence code, label)]) for the filter form. Two queries, then
    none until something they show changes."""
    return cache.get_or_set(FILTER_CHOICES_KEY, _filter_choices, FILTER_CHOICES_TIMEOUT)


def forget_filter_choices(**kwargs):
    cache.delete(FILTER_CHOICES_KEY)


def connect_signals():
    """Called from ``CmsConfig.ready``, so every process forgets the lists, not only those
    that have shown the catalogue."""
    for model in (
        JobRole,
        Competence,
        CompetenceArea,
        Framework,
        CourseCompetence,
        VideoGuideCompetence,
    ):
        post_save.connect(forget_filter_choices, sender=model, dispatch_uid=f"catalogue-{model}")
        post_delete.connect(
            forget_filter_choices, sender=model, dispatch_uid=f"catalogue-{model}-deleted"
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


def _search(query):
    """Ids of the live courses and guides Wagtail's full-text search finds for ``query`` (Danish
    stemming on PostgreSQL, so "udskrivningen" finds "udskrivning"); one search over both page
    types. The search backend cannot filter on many-to-many fields, so ``find`` intersects."""
    searched = Page.objects.live().type(CoursePage, VideoGuidePage)
    return [page.pk for page in searched.search(query, operator="and")]


def _searched(queryset, model, words, found):
    """``queryset`` narrowed to pages the search ``found`` or that hold every word inside their
    text (prefixes and parts of compounds)."""
    return queryset.filter(Q(pk__in=found) | _containing_every_word(model, words))


def find(catalogue, data):
    """The live courses and guides under ``catalogue`` matching the cleaned filter ``data``.

    A few queries per format; returns specific pages sorted by title.
    """

    pages = []
    wanted = data.get("format")
    query = (data.get("q") or "").strip()
    words = query.split()
    found = _search(query) if words else None
    for model, link, kind in (
        (CoursePage, CourseCompetence, "course"),
        (VideoGuidePage, VideoGuideCompetence, "video"),
    ):
        if wanted and wanted != kind:
            continue
        queryset = _filtered(model.objects.child_of(catalogue).live(), data)
        if words:
            queryset = _searched(queryset, model, words, found)
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
