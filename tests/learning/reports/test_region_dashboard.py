"""The dashboard of the whole region reads the daily snapshot (above a number of people); every
smaller scope stays live. Same numbers either way, and the page says which day they are from.
Large units below the top: test_subtree_snapshot.py."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from learning.competences.factories import CompetenceRecordFactory
from learning.competences.status import Status
from learning.organisations.models import Sector
from learning.reports.dashboard import GROUP_BY_ROLE, Filters, build_dashboard
from learning.reports.permissions import coverage_roots
from learning.reports.snapshots import take_snapshot

from .conftest import achieved
from .test_views import csv_rows, screen_table


@pytest.fixture
def large_region(settings):
    """Treat the hand-built region as too large to count live."""
    settings.REPORTS_LIVE_PEOPLE_LIMIT = 0


def numbers(table):
    return [[cell.text for cell in row] for row in table.rows + table.totals]


FILTERS = {
    "none": lambda tree: Filters(),
    "by role": lambda tree: Filters(group=GROUP_BY_ROLE),
    "one role": lambda tree: Filters(role_id=tree["ssa"].pk),
    "one sector": lambda tree: Filters(sector=Sector.MUNICIPALITY),
    "one competence": lambda tree: Filters(competence_id=tree["n8"].pk),
    "overdue only": lambda tree: Filters(status=Status.OVERDUE),
    "expiring within 30 days, by role": lambda tree: Filters(
        group=GROUP_BY_ROLE, status=Status.EXPIRING_30
    ),
}


@pytest.mark.parametrize("name", FILTERS)
def test_the_snapshot_gives_the_regions_dashboard_the_live_numbers(
    admin_user, richer_tree, settings, name
):
    filters = FILTERS[name](richer_tree)
    roots = coverage_roots(admin_user)
    live = build_dashboard(roots, filters)
    take_snapshot()
    settings.REPORTS_LIVE_PEOPLE_LIMIT = 0
    from_snapshot = build_dashboard(roots, filters)
    assert (live.taken_on, from_snapshot.taken_on) == (None, timezone.localdate())
    assert numbers(from_snapshot.table) == numbers(live.table)
    assert live.table.rows or name == "expiring within 30 days, by role"


def overdue_n8(admin_user):
    dashboard = build_dashboard(coverage_roots(admin_user), Filters(status=Status.OVERDUE))
    return next(row for row in dashboard.table.totals if row[1].text.startswith("N8"))[2].value


def test_the_regions_dashboard_shows_the_snapshot_not_todays_changes(
    admin_user, tree, settings, large_region
):
    take_snapshot()
    before = overdue_n8(admin_user)
    frida = tree["people"]["frida"]  # N8 overdue in the snapshot
    CompetenceRecordFactory(user=frida, competence=tree["n8"], level=1, achieved_at=achieved(0))
    assert overdue_n8(admin_user) == before
    settings.REPORTS_LIVE_PEOPLE_LIMIT = 10_000
    assert overdue_n8(admin_user) == before - 1  # live, Frida's new record counts


def test_the_regions_page_says_which_days_snapshot_it_shows(client, admin_user, tree, large_region):
    three_days_ago = timezone.localdate() - datetime.timedelta(days=3)
    take_snapshot(three_days_ago)
    client.force_login(admin_user)
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    assert response.context["dashboard"].taken_on == three_days_ago
    shown = date_format(three_days_ago, "SHORT_DATE_FORMAT")
    lead = response.content.decode().split('class="lead">')[1].split("</p>")[0]
    assert shown in lead  # in the lead on the page
    assert shown in str(response.context["table"].note)  # and in the note every export carries


def test_the_regions_export_equals_its_snapshot_table(client, admin_user, tree, large_region):
    take_snapshot()
    client.force_login(admin_user)
    screen = screen_table(client.get(reverse("reports:dashboard")), "coverage")
    export = client.get(reverse("reports:export", args=["csv"]))
    assert csv_rows(export)[: len(screen)] == screen and len(screen) > 2


def test_the_regions_export_is_named_after_the_snapshots_day(
    client, admin_user, tree, large_region
):
    three_days_ago = timezone.localdate() - datetime.timedelta(days=3)
    take_snapshot(three_days_ago)
    client.force_login(admin_user)
    export = client.get(reverse("reports:export", args=["csv"]))
    assert f'filename="daekning-{three_days_ago:%Y-%m-%d}.csv"' in export["Content-Disposition"]


def test_a_small_region_is_counted_live_even_with_a_snapshot(admin_user, tree):
    take_snapshot()
    assert build_dashboard(coverage_roots(admin_user), Filters()).taken_on is None


def test_without_a_snapshot_the_region_is_counted_live(admin_user, tree, large_region):
    dashboard = build_dashboard(coverage_roots(admin_user), Filters())
    assert dashboard.taken_on is None and dashboard.table.rows


def test_a_unit_below_the_limit_is_counted_live(admin_user, tree, settings):
    settings.REPORTS_LIVE_PEOPLE_LIMIT = 3  # Mariagerfjord has 9 people, the region's tree 1
    take_snapshot()
    dashboard = build_dashboard(coverage_roots(admin_user), Filters(), unit=tree["region"])
    assert dashboard.taken_on is None and dashboard.rows


def test_a_small_managers_dashboard_stays_live(manager, tree, settings):
    settings.REPORTS_LIVE_PEOPLE_LIMIT = 9  # Hjemmeplejen has 9 people: not more than the limit
    take_snapshot()
    dashboard = build_dashboard(coverage_roots(manager), Filters())
    assert dashboard.taken_on is None and dashboard.rows


def test_a_large_managers_dashboard_from_the_snapshot_shows_only_her_units(
    manager, tree, large_region
):
    take_snapshot()
    dashboard = build_dashboard(coverage_roots(manager), Filters())
    assert dashboard.taken_on == timezone.localdate()
    assert {row[0].text for row in dashboard.table.rows} == {"Hjemmeplejen"}


def test_a_manager_cannot_open_the_regions_top_level(client, manager, tree, large_region):
    take_snapshot()
    client.force_login(manager)
    response = client.get(reverse("reports:dashboard"))
    assert response.context["dashboard"].unit is None
    body = response.content.decode()
    assert "Hjemmeplejen" in body
    assert "Hjørring Kommune" not in body and "Region Nordjylland" not in body
