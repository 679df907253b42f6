"""Coverage pages: the dashboard, drill-down to people, one person's record, exports, the
region view. Every access decision goes through ``learning.reports.permissions`` (which composes
the organisations' permissions module). Units and people outside the scope answer 404, so nobody
learns what exists elsewhere; a user with no scope at all gets 403.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from learning.competences.models import Competence
from learning.competences.status import subtree_predicate
from learning.organisations.models import Organisation

from . import permissions
from .charts import line_chart
from .content import course_figures, courses, funnel, video_drop_off
from .coverage import person_rows, statuses_for_people
from .dashboard import _paths_q, build_dashboard, build_people
from .exports import FORMATS, export_response
from .forms import CoverageFilterForm, RegionFilterForm
from .models import AccessLog
from .region import build_region
from .snapshots import trend


def _require_coverage(user):
    if not permissions.can_view_coverage(user):
        raise PermissionDenied


def _unit_in_scope(user, unit_id):
    """(the unit, {id: unit} of every unit the user may see) if the user may see the unit, else
    404 (also for malformed or unknown ids). One query: the units under the user's coverage
    roots (``permissions.can_view_unit`` holds for exactly these), which also give the page its
    breadcrumbs and the units below the one shown."""
    paths = [path for _id, path in permissions.coverage_roots(user)]
    units = {u.pk: u for u in Organisation.objects.filter(_paths_q(paths))} if paths else {}
    try:
        return units[int(unit_id)], units
    except (TypeError, ValueError, KeyError):
        raise Http404 from None


def _format(fmt):
    if fmt not in FORMATS:
        raise Http404
    return fmt


def _dashboard(request):
    _require_coverage(request.user)
    unit_id = request.GET.get("unit")
    unit, units = _unit_in_scope(request.user, unit_id) if unit_id else (None, None)
    form = CoverageFilterForm(request.GET or None)
    filters = form.filters()
    dashboard = build_dashboard(
        permissions.coverage_roots(request.user),
        filters,
        unit,
        units=units,
        competences=form.competences,
        roles=form.roles,
    )
    return form, filters, dashboard


def _trend(paths, filters):
    if not paths:
        return [], None
    # A subquery, not a list: the units are read inside the trend's one query.
    unit_ids = Organisation.objects.filter(_paths_q(paths)).values("id")
    months = trend(unit_ids, filters.competence_id, filters.role_id)
    chart = line_chart([(month.strftime("%m/%Y"), counts.share) for month, counts in months])
    return months, chart


@login_required
@require_GET
def dashboard(request):
    """Coverage for the user's units, or one unit's children, with filters and a trend."""
    form, filters, dashboard = _dashboard(request)
    roots = permissions.coverage_roots(request.user)
    paths = [dashboard.unit.path] if dashboard.unit else [path for _id, path in roots]
    months, chart = _trend(paths, filters)
    query = filters.query()
    if dashboard.unit:
        query["unit"] = dashboard.unit.pk
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "dashboard": dashboard,
            "table": dashboard.table,
            "months": months,
            "chart": chart,
            "query": urlencode(query),
            "people_query": urlencode(filters.query()),
        },
    )


@login_required
@require_GET
def dashboard_export(request, fmt):
    _format(fmt)
    form, _filters, dashboard = _dashboard(request)
    name = f"daekning-{dashboard.on:%Y-%m-%d}"  # the day of the numbers: a snapshot's, or today
    return export_response(dashboard.table, fmt, name, _("Competence coverage"), form.description())


def _people(request, unit_id):
    _require_coverage(request.user)
    unit, units = _unit_in_scope(request.user, unit_id)
    form = CoverageFilterForm(request.GET or None)
    table, person_ids, _totals = build_people(
        unit, form.filters(), units=units, competences=form.competences, roles=form.roles
    )
    return unit, form, table, person_ids


@login_required
@require_GET
def people(request, unit_id):
    """Drill-down: everyone at or below a unit with their status per competence. Logged."""
    unit, form, table, person_ids = _people(request, unit_id)
    AccessLog.record(request.user, person_ids, "people_list")
    return render(
        request,
        "reports/people.html",
        {
            "unit": unit,
            "form": form,
            "table": table,
            "query": urlencode(form.filters().query()),
        },
    )


@login_required
@require_GET
def people_export(request, unit_id, fmt):
    _format(fmt)
    unit, form, table, person_ids = _people(request, unit_id)
    AccessLog.record(request.user, person_ids, "people_export")
    name = f"personer-{unit.pk}-{timezone.localdate():%Y-%m-%d}"
    return export_response(table, fmt, name, _("Status per person"), form.description())


@login_required
@require_GET
def person(request, user_id):
    """One person's status per competence in the viewer's scope. Every view is logged."""
    _require_coverage(request.user)
    person = get_object_or_404(get_user_model(), pk=user_id)
    today = timezone.localdate()
    # The person's facts come first: their active jobs also answer whether the viewer may see
    # them (``can_view_person``), which would otherwise ask the database again.
    found = list(statuses_for_people([person.pk], today))
    statuses, jobs = found[0] if found else ([], [])
    if not permissions.can_view_person_with_jobs(request.user, [j.unit_path for j in jobs], today):
        raise Http404
    AccessLog.record(request.user, [person.pk], "person")
    paths = [path for _id, path in permissions.coverage_roots(request.user)]
    rows = person_rows(statuses, jobs, today, subtree_predicate(paths))
    competences = Competence.objects.in_bulk({row.competence_id for row in rows})
    units = Organisation.objects.in_bulk({row.unit_id for row in rows})
    return render(
        request,
        "reports/person.html",
        {
            "person": person,
            "rows": [(row, competences[row.competence_id], units[row.unit_id]) for row in rows],
        },
    )


def _region(request):
    if not permissions.can_view_region(request.user):
        raise PermissionDenied
    form = RegionFilterForm(request.GET or None)
    table, taken_on = build_region(form.competence_id())
    return form, table, taken_on


@login_required
@require_GET
def region(request):
    """Aggregated coverage by sector and organisation, small groups suppressed."""
    form, table, taken_on = _region(request)
    months = trend(None, form.competence_id())
    chart = line_chart([(month.strftime("%m/%Y"), counts.share) for month, counts in months])
    competence_id = form.competence_id()
    return render(
        request,
        "reports/region.html",
        {
            "form": form,
            "table": table,
            "taken_on": taken_on,
            "months": months,
            "chart": chart,
            "query": urlencode({"competence": competence_id} if competence_id else {}),
        },
    )


@login_required
@require_GET
def region_export(request, fmt):
    _format(fmt)
    form, table, _taken_on = _region(request)
    name = f"region-{timezone.localdate():%Y-%m-%d}"
    return export_response(table, fmt, name, _("Coverage in the region"), form.description())


def _require_educator(user):
    if not permissions.can_view_content_analytics(user):
        raise PermissionDenied


@login_required
@require_GET
def content(request):
    """Per course: enrolments, completion, median time, pre/post change. Aggregated."""
    _require_educator(request.user)
    return render(
        request,
        "reports/content.html",
        {"figures": [course_figures(course) for course in courses()]},
    )


@login_required
@require_GET
def content_course(request, page_id):
    """One course's completion funnel by lesson and the drop-off in its videos."""
    _require_educator(request.user)
    course = get_object_or_404(courses(), pk=page_id)
    return render(
        request,
        "reports/content_course.html",
        {
            "course": course,
            "figures": course_figures(course),
            "funnel": funnel(course),
            "videos": video_drop_off(course),
            "tenths": range(10, 101, 10),
        },
    )
