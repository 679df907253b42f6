"""A unit too large to count live reads the snapshot rows counted for that unit: the same numbers
as the live path, including for someone with jobs inside and outside it, and only its units."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from learning.accounts.factories import UserFactory
from learning.organisations.factories import DelegationFactory, JobAssignmentFactory
from learning.reports.dashboard import Filters, build_dashboard
from learning.reports.models import CoverageSnapshot
from learning.reports.permissions import coverage_roots
from learning.reports.snapshots import take_snapshot, trend

from .conftest import days
from .test_region_dashboard import FILTERS, numbers
from .test_views import csv_rows, screen_table

LIMIT = 6  # Hjemmeplejen and Mariagerfjord (11 people each) are large; the teams have 6


@pytest.fixture
def shared(richer_tree):
    """Lone works in Hjørring (since a year) and in Team Syd as an SSA (since 20 days), with no
    records. Both places require N8: overdue in Hjørring, due in Team Syd. Region-wide she counts
    once, with the worst (overdue, in Hjørring); Hjemmeplejen's dashboards count what it
    requires of her (due, in Team Syd)."""
    lone = UserFactory(first_name="Lone", last_name="Testesen")
    JobAssignmentFactory(
        user=lone, unit=richer_tree["other"], role=richer_tree["ssh"], starts_on=days(-365)
    )
    JobAssignmentFactory(
        user=lone, unit=richer_tree["south"], role=richer_tree["ssa"], starts_on=days(-20)
    )
    richer_tree["people"]["lone"] = lone
    return richer_tree


@pytest.fixture
def large_units(settings):
    settings.REPORTS_LIVE_PEOPLE_LIMIT = LIMIT


SCOPES = {
    "the manager's own scope": lambda tree, manager, admin: (coverage_roots(manager), None),
    "an admin's chosen unit": lambda tree, manager, admin: (
        coverage_roots(admin),
        tree["home_care"],
    ),
    "an admin's chosen municipality": lambda tree, manager, admin: (
        coverage_roots(admin),
        tree["municipality"],
    ),
}


@pytest.mark.parametrize("filter_name", FILTERS)
@pytest.mark.parametrize("scope_name", SCOPES)
def test_the_snapshot_gives_a_large_units_dashboard_the_live_numbers(
    manager, admin_user, shared, settings, scope_name, filter_name
):
    roots, unit = SCOPES[scope_name](shared, manager, admin_user)
    filters = FILTERS[filter_name](shared)
    live = build_dashboard(roots, filters, unit=unit)
    settings.REPORTS_LIVE_PEOPLE_LIMIT = LIMIT
    take_snapshot()
    from_snapshot = build_dashboard(roots, filters, unit=unit)
    assert (live.taken_on, from_snapshot.taken_on) == (None, timezone.localdate())
    assert numbers(from_snapshot.table) == numbers(live.table)
    assert live.table.rows or filter_name == "expiring within 30 days, by role"


def n8(scope):
    """{unit name: (overdue, due)} on N8 in Hjørring and Team Syd, from one scope's rows."""
    found = {}
    for cell in CoverageSnapshot.objects.filter(
        scope=scope, competence__code="N8", unit__name__in=["Hjørring Kommune", "Team Syd"]
    ).select_related("unit"):
        overdue, due = found.get(cell.unit.name, (0, 0))
        found[cell.unit.name] = (overdue + cell.overdue, due + cell.due)
    return found


def test_region_wide_rows_count_a_shared_person_where_a_subtree_would_not(shared, large_units):
    take_snapshot()
    # Region-wide: Olaf and Lone overdue in Hjørring; Frida and Hans overdue, Emil due in Syd.
    assert n8(None) == {"Hjørring Kommune": (2, 0), "Team Syd": (2, 1)}
    assert n8(shared["home_care"]) == {"Team Syd": (2, 2)}  # and Lone due


def test_only_units_above_the_limit_get_rows_of_their_own(shared, large_units):
    take_snapshot()
    scopes = set(CoverageSnapshot.objects.exclude(scope=None).values_list("scope", flat=True))
    assert scopes == {shared["municipality"].pk, shared["home_care"].pk}


def test_a_large_units_rows_hold_only_its_own_units(shared, large_units):
    take_snapshot()
    home_care = shared["home_care"]
    paths = CoverageSnapshot.objects.filter(scope=home_care).values_list("unit__path", flat=True)
    assert paths and all(path.startswith(home_care.path) for path in paths)


def test_the_managers_page_says_which_days_snapshot_it_shows(client, manager, shared, large_units):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    take_snapshot(yesterday)
    client.force_login(manager)
    response = client.get(reverse("reports:dashboard"))
    assert response.context["dashboard"].taken_on == yesterday
    shown = date_format(yesterday, "SHORT_DATE_FORMAT")
    lead = response.content.decode().split('class="lead">')[1].split("</p>")[0]
    assert shown in lead and shown in str(response.context["table"].note)


def test_the_managers_export_equals_her_snapshot_table_and_carries_its_day(
    client, manager, shared, large_units
):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    take_snapshot(yesterday)
    client.force_login(manager)
    screen = screen_table(client.get(reverse("reports:dashboard")), "coverage")
    export = client.get(reverse("reports:export", args=["csv"]))
    assert csv_rows(export)[: len(screen)] == screen and len(screen) > 2
    assert f'filename="daekning-{yesterday:%Y-%m-%d}.csv"' in export["Content-Disposition"]


def test_the_managers_snapshot_page_shows_nothing_outside_her_scope(
    client, manager, shared, large_units
):
    take_snapshot()
    client.force_login(manager)
    response = client.get(reverse("reports:dashboard"), {"unit": shared["home_care"].pk})
    body = response.content.decode()
    assert response.context["dashboard"].taken_on == timezone.localdate()
    assert "Team Syd" in body
    assert "Hjørring Kommune" not in body and "Mariagerfjord Kommune" not in body


@pytest.mark.parametrize("view", ["reports:dashboard", "reports:export"])
def test_a_manager_cannot_open_a_large_unit_above_her_scope(
    client, manager, shared, large_units, view
):
    take_snapshot()
    client.force_login(manager)
    args = ["csv"] if view == "reports:export" else []
    response = client.get(reverse(view, args=args), {"unit": shared["municipality"].pk})
    assert response.status_code == 404


def test_a_unit_that_shrank_below_the_limit_is_counted_live_again(manager, shared, settings):
    settings.REPORTS_LIVE_PEOPLE_LIMIT = LIMIT
    take_snapshot(timezone.localdate() - datetime.timedelta(days=1))
    settings.REPORTS_LIVE_PEOPLE_LIMIT = 100
    take_snapshot()
    assert not CoverageSnapshot.objects.exclude(scope=None).exists()
    assert build_dashboard(coverage_roots(manager), Filters()).taken_on is None


def test_the_trend_reads_only_the_region_wide_rows(shared, settings):
    month_start = timezone.localdate().replace(day=1)
    take_snapshot(month_start)
    region_only = [(day, counts.people) for day, counts in trend()]
    settings.REPORTS_LIVE_PEOPLE_LIMIT = LIMIT
    take_snapshot(month_start)
    assert CoverageSnapshot.objects.exclude(scope=None).exists()
    assert [(day, counts.people) for day, counts in trend()] == region_only


def test_a_region_wide_cell_is_stored_once_per_day(shared):
    take_snapshot()
    cell = CoverageSnapshot.objects.filter(scope=None).first()
    cell.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        cell.save()


def test_a_large_units_dashboard_costs_the_same_queries_with_more_people(
    manager, shared, large_units
):
    roots = coverage_roots(manager)

    def queries():
        take_snapshot()
        with CaptureQueriesContext(connection) as captured:
            dashboard = build_dashboard(roots, Filters())
        assert dashboard.taken_on is not None
        return len(captured.captured_queries)

    before = queries()
    for number in range(5):
        person = UserFactory(first_name=f"Ny{number}", last_name="Testesen")
        JobAssignmentFactory(
            user=person, unit=shared["north"], role=shared["ssh"], starts_on=days(-10)
        )
    assert queries() == before


def test_a_deputy_of_a_large_unit_reads_its_snapshot_rows(client, manager, shared, large_units):
    deputy = UserFactory()
    DelegationFactory(unit=shared["home_care"], deputy=deputy, granted_by=manager)
    take_snapshot()
    client.force_login(deputy)
    response = client.get(reverse("reports:dashboard"))
    assert response.context["dashboard"].taken_on == timezone.localdate()
    assert {row[0].text for row in response.context["table"].rows} == {"Hjemmeplejen"}


def test_an_expired_delegation_to_a_large_unit_shows_nothing(client, manager, shared, large_units):
    deputy = UserFactory()
    DelegationFactory(
        unit=shared["home_care"],
        deputy=deputy,
        granted_by=manager,
        starts_on=days(-30),
        ends_on=days(-1),
    )
    take_snapshot()
    client.force_login(deputy)
    assert client.get(reverse("reports:dashboard")).status_code == 403
    assert client.get(reverse("reports:export", args=["csv"])).status_code == 403
