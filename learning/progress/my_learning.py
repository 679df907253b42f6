""" "My learning": what is required of me, what is in progress, what is done, my competences."""

from collections import defaultdict

from wagtail.models import Page

from learning.competences.models import Competence, CompetenceRecord
from learning.competences.status import Status
from learning.organisations.models import ManagerScope, Organisation

from . import activities
from .context import resume_lesson
from .models import Certificate, Enrolment
from .queries import done_lesson_ids
from .required import RequiredCompetences

# Order on the page: the most urgent first.
URGENCY = [
    Status.OVERDUE,
    Status.EXPIRED,
    Status.DUE,
    Status.EXPIRING_30,
    Status.EXPIRING_60,
    Status.EXPIRING_90,
]


def _pages_awarding(competence_ids):
    """{competence id: [(page, level)]} over live courses and guides. Two queries."""
    found = defaultdict(list)
    for kind in (activities.COURSE, activities.VIDEO_GUIDE):
        model = activities.page_type(kind)._meta.get_field("competence_links").related_model
        links = model.objects.filter(
            competence_id__in=competence_ids, page__live=True
        ).select_related("page")
        for link in links:
            found[link.competence_id].append((link.page, link.level))
    return found


def _managers_over(unit_paths):
    """{unit path: [manager, ...]}: who manages each unit (its own managers first, then those
    above it). One query. A learner with a requirement no course grants is told whom to ask."""
    ancestors = {
        path: [path[:end] for end in range(len(path), 0, -Organisation.steplen)]
        for path in unit_paths
    }
    wanted = {p for paths in ancestors.values() for p in paths}
    if not wanted:
        return {}
    by_path = defaultdict(list)
    for scope in (
        ManagerScope.objects.active_on()
        .filter(unit__path__in=wanted)
        .select_related("manager", "unit")
        .order_by("manager__last_name", "manager__first_name")
    ):
        by_path[scope.unit.path].append(scope.manager)
    return {
        path: list(dict.fromkeys(m for p in paths for m in by_path.get(p, ())))
        for path, paths in ancestors.items()
    }


def _required(statuses):
    open_statuses = [s for s in statuses if s.status in URGENCY]
    open_statuses.sort(key=lambda s: (URGENCY.index(s.status), s.deadline))
    ids = {s.requirement.competence_id for s in open_statuses}
    competences = Competence.objects.in_bulk(ids)
    awarding = _pages_awarding(ids)
    rows = []
    for status in open_statuses:
        level = status.requirement.level
        rows.append(
            {
                "status": status,
                "competence": competences.get(status.requirement.competence_id),
                "pages": [
                    page
                    for page, awarded in awarding[status.requirement.competence_id]
                    if awarded >= level
                ],
            }
        )
    # Nothing here grants it: the way forward is a manager's sign-off, so say whom to ask.
    unmet = [row for row in rows if not row["pages"]]
    managers = _managers_over({row["status"].assignment.unit_path for row in unmet})
    for row in unmet:
        row["ask"] = managers.get(row["status"].assignment.unit_path, [])[:3]
    return rows


def _enrolments(user):
    enrolments = list(Enrolment.objects.filter(user=user).order_by("-last_activity_at"))
    pages = Page.objects.filter(pk__in=[e.page_id for e in enrolments]).specific().in_bulk()
    certificates = {
        (c.page_id, c.registration): c
        for c in Certificate.objects.filter(user=user, revoked_at__isnull=True)
    }
    in_progress, done = [], []
    for item in enrolments:
        page = pages.get(item.page_id)
        if page is None or not page.live:
            continue
        if item.completed_at is None:
            resume = None
            if page.activity_kind == "course":
                resume = resume_lesson(list(page.lessons()), done_lesson_ids(item))
            in_progress.append({"enrolment": item, "page": page, "resume": resume})
        else:
            done.append(
                {
                    "enrolment": item,
                    "page": page,
                    "certificate": certificates.get((page.pk, item.registration)),
                }
            )
    done.sort(key=lambda row: row["enrolment"].completed_at, reverse=True)
    return in_progress, done


def my_learning_context(user):
    """A handful of queries plus one per course in progress (to find where to resume)."""
    required = RequiredCompetences.for_user(user)
    in_progress, done = _enrolments(user)
    records = (
        CompetenceRecord.objects.filter(user=user)
        .select_related("competence")
        .order_by("competence__code", "-achieved_at")
    )
    latest = {}
    for record in records:
        latest.setdefault(record.competence_id, record)
    # The catalogue's link comes from the header's cached facts (cms.navigation), in the template.
    return {
        "required": _required(required.statuses),
        "in_progress": in_progress,
        "done": done,
        "records": list(latest.values()),
    }
