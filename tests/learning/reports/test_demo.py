"""The issue's "done when" on the demo: Hanne sees her units, gets a digest; the region view
is aggregated and suppressed."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse


@pytest.fixture
def demo(db):
    call_command("load_demo", "--quiet-logins")
    return get_user_model().objects.get(email="hanne@example.org")


def test_the_demo_manager_sees_coverage_exports_it_and_gets_a_digest(client, demo):
    from learning.reports.digests import send_digest

    client.force_login(demo)
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200 and response.context["table"].rows
    assert response.context["months"]  # the demo has month-start snapshots for the trend
    export = client.get(reverse("reports:export", args=["xlsx"]))
    assert export.status_code == 200
    assert send_digest(demo.pk) is True
    [message] = mail.outbox
    assert message.to == ["hanne@example.org"]


def test_the_demo_region_view_suppresses_small_groups(client, demo):
    client.force_login(get_user_model().objects.get(email="admin@example.org"))
    table = client.get(reverse("reports:region")).context["table"]
    assert table.rows
    assert any(row[3].value is None for row in table.rows)  # some cells hidden
    assert all(row[3].value is None or row[3].value >= 5 for row in table.rows)
