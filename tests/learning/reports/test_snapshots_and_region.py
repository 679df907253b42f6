"""Snapshots give the same numbers as the live path; the region view is aggregated, suppressed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.accounts.factories import UserFactory
from learning.organisations.factories import JobAssignmentFactory
from learning.reports import tasks
from learning.reports.coverage import aggregate, rows_for_people
from learning.reports.models import CoverageSnapshot
from learning.reports.region import build_region, suppress
from learning.reports.snapshots import backfill, take_snapshot, trend


def test_a_snapshot_holds_the_same_counts_as_the_live_path(tree):
    take_snapshot()
    from django.contrib.auth import get_user_model

    people = list(get_user_model().objects.values_list("pk", flat=True))
    live = aggregate(
        rows_for_people(people, timezone.localdate()), lambda row: (row.unit_id, row.role_id)
    )
    stored = {
        (s.unit_id, s.role_id, s.competence_id): (
            s.people,
            s.met,
            s.due,
            s.overdue,
            s.expiring_30,
            s.expiring_60,
            s.expiring_90,
            s.expired,
        )
        for s in CoverageSnapshot.objects.all()
    }
    expected = {
        (unit, role, competence): (
            c.people,
            c["met"],
            c["due"],
            c["overdue"],
            c["expiring_30"],
            c["expiring_60"],
            c["expiring_90"],
            c["expired"],
        )
        for (unit, role), by_competence in live.items()
        for competence, c in by_competence.items()
    }
    assert stored == expected and stored


def test_taking_the_snapshot_twice_stores_it_once(tree):
    first = take_snapshot()
    assert tasks.take_coverage_snapshot() == first
    assert CoverageSnapshot.objects.count() == first


def test_older_daily_snapshots_are_pruned_but_month_starts_kept(tree):
    today = timezone.localdate()
    month_start = today.replace(day=1) - datetime.timedelta(days=31)
    month_start = month_start.replace(day=1)
    take_snapshot(month_start)
    take_snapshot(month_start + datetime.timedelta(days=3))
    take_snapshot(today)
    days = set(CoverageSnapshot.objects.values_list("taken_on", flat=True))
    assert days == {month_start, today}


def test_the_trend_has_one_point_per_month(tree):
    backfill(3)
    points = trend()
    assert len(points) == 3
    assert [p[0].day for p in points] == [1, 1, 1]


def test_small_groups_are_suppressed_with_a_second_cell_to_protect_the_total():
    assert suppress({"a": 3, "b": 10, "c": 7}, 5) == {"a", "c"}
    assert suppress({"a": 3, "b": 2, "c": 7}, 5) == {"a", "b"}
    assert suppress({"a": 30, "b": 10}, 5) == set()


def region_rows(table, organisation):
    return [row for row in table.rows if row[1].text == organisation]


def test_the_region_view_hides_organisations_with_fewer_than_five_people(tree):
    take_snapshot()
    table, _taken_on = build_region(k=5)
    # Hjørring has Olaf only: suppressed; so is Mariagerfjord, the only other municipality,
    # or the municipal total minus Mariagerfjord would give Hjørring away.
    [hjorring] = region_rows(table, "Hjørring Kommune")
    assert all(cell.value is None for cell in hjorring[3:])
    [mariagerfjord_n8] = [
        row for row in region_rows(table, "Mariagerfjord Kommune") if row[2].text.startswith("N8")
    ]
    assert all(cell.value is None for cell in mariagerfjord_n8[3:])


def test_the_region_view_shows_organisations_with_enough_people(tree):
    for _n in range(5):
        JobAssignmentFactory(user=UserFactory(), unit=tree["other"], role=tree["ssh"])
    take_snapshot()
    table, _taken_on = build_region(k=5)
    [mariagerfjord_n8] = [
        row for row in region_rows(table, "Mariagerfjord Kommune") if row[2].text.startswith("N8")
    ]
    [hjorring] = region_rows(table, "Hjørring Kommune")
    assert (mariagerfjord_n8[3].value, hjorring[3].value) == (9, 6)


def test_the_region_view_names_nobody(admin_user, client, tree):
    take_snapshot()
    client.force_login(admin_user)
    response = client.get(reverse("reports:region"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Mariagerfjord Kommune" in body
    # Every person of the tree is a Testesen; a first name alone ("Bo") can be part of a word.
    assert "Testesen" not in body
    assert not any(person.get_full_name() in body for person in tree["people"].values())


def test_a_committee_member_sees_the_region_view(client, tree, settings):
    from django.contrib.auth.models import Group

    member = UserFactory()
    member.groups.add(Group.objects.create(name="Udvalget"))
    settings.REPORTS_COMMITTEE_GROUP = "Udvalget"
    client.force_login(member)
    assert client.get(reverse("reports:region")).status_code == 200


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_the_region_export_is_only_for_admins_and_the_committee(client, manager, tree, fmt):
    client.force_login(manager)
    assert client.get(reverse("reports:region_export", args=[fmt])).status_code == 403


def test_the_region_export_equals_the_region_table(admin_user, client, tree):
    from .test_views import csv_rows, screen_table

    take_snapshot()
    for _n in range(5):  # make Hjørring large enough to show
        JobAssignmentFactory(user=UserFactory(), unit=tree["other"], role=tree["ssh"])
    take_snapshot()
    client.force_login(admin_user)
    screen = screen_table(client.get(reverse("reports:region")), "region")
    export = client.get(reverse("reports:region_export", args=["csv"]))
    assert csv_rows(export) == screen and len(screen) > 3
