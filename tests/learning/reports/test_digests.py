"""Digests: one per manager and period, never empty, with who needs attention."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext

from learning.accounts.factories import UserFactory
from learning.organisations.factories import ManagerScopeFactory, OrganisationFactory
from learning.reports import tasks
from learning.reports.digests import managers, period_start, send_digest
from learning.reports.models import DigestDelivery

NO_REQUIREMENTS = "No requirements apply to anyone in your units, so there is nothing to report."
NOTHING_TO_REPORT = "Nothing to report: nobody is overdue, and nothing expires within 30 days."


def test_a_manager_receives_a_digest_naming_who_is_overdue(manager, tree):
    assert send_digest(manager.pk) is True
    [message] = mail.outbox
    assert message.to == [manager.email]
    assert "Frida" in message.body and "Hans" in message.body
    assert "Olaf" not in message.body  # works in Hjørring, not in her units
    html = message.alternatives[0][0]
    assert "Frida" in html


def test_a_digest_is_not_sent_twice_in_the_same_period(manager, tree):
    send_digest(manager.pk)
    assert send_digest(manager.pk) is False
    assert len(mail.outbox) == 1
    assert DigestDelivery.objects.get().sent_at is not None


def test_a_second_worker_finds_the_claim_and_sends_nothing(manager, tree):
    DigestDelivery.objects.create(manager=manager, period_start=period_start(timezone.localdate()))
    assert send_digest(manager.pk) is False
    assert mail.outbox == []


def test_the_next_period_gets_a_new_digest(manager, tree, settings):
    settings.REPORTS_DIGEST_FREQUENCY = "monthly"
    today = timezone.localdate()
    send_digest(manager.pk, today)
    next_month = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    assert send_digest(manager.pk, next_month) is True
    assert len(mail.outbox) == 2


def in_danish(msgid):
    with translation.override("da"):  # e-mails are rendered in the site's language
        return gettext(msgid)


def test_a_digest_for_units_without_requirements_says_so(db):
    quiet = UserFactory(first_name="Stille")
    ManagerScopeFactory(manager=quiet, unit=OrganisationFactory(name="Tom enhed"))
    send_digest(quiet.pk)
    [message] = mail.outbox
    assert in_danish(NO_REQUIREMENTS) in message.body
    assert "<table" not in message.alternatives[0][0]


def test_a_digest_where_everyone_is_covered_says_there_is_nothing_to_report(tree):
    calm = UserFactory(first_name="Rolig")
    ManagerScopeFactory(manager=calm, unit=tree["north"])  # Team Nord minus Bo: all met
    tree["people"]["bo"].job_assignments.update(
        ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    for key in ("cecilie", "dorte"):
        tree["people"][key].job_assignments.update(
            ends_on=timezone.localdate() - datetime.timedelta(days=1)
        )
    send_digest(calm.pk)
    [message] = mail.outbox
    assert in_danish(NOTHING_TO_REPORT) in message.body


def test_a_failed_send_releases_the_claim(manager, tree, monkeypatch):
    from django.core.mail import EmailMultiAlternatives

    def fail(self, *args, **kwargs):
        raise ConnectionError("smtp down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", fail)
    with pytest.raises(ConnectionError):
        send_digest(manager.pk)
    assert not DigestDelivery.objects.exists()


def test_weekly_periods_start_on_monday(settings):
    settings.REPORTS_DIGEST_FREQUENCY = "weekly"
    assert period_start(datetime.date(2026, 3, 12)) == datetime.date(2026, 3, 9)


def test_the_beat_task_sends_each_manager_one_digest_even_when_run_twice(manager, tree):
    tasks.send_digests()
    tasks.send_digests()
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([manager.email, tree["other_manager"].email])
    assert set(managers(timezone.localdate())) == {manager.pk, tree["other_manager"].pk}
