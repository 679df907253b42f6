"""Reminders before expiry and when overdue: to the person, a copy to the manager, once."""

from django.core import mail

from learning.reports.models import ReminderSent
from learning.reports.reminders import send_reminders

from .conftest import days


def messages_to(email):
    return [m for m in mail.outbox if m.to == [email]]


def test_a_person_whose_competence_expires_soon_is_reminded(tree, settings):
    settings.REPORTS_REMINDER_DAYS_BEFORE_EXPIRY = 30
    send_reminders()
    bo = tree["people"]["bo"]
    [message] = messages_to(bo.email)
    assert str(tree["n8"]) in message.body
    # Cecilie's expires in 45 days: not yet.
    assert messages_to(tree["people"]["cecilie"].email) == []


def test_an_overdue_requirement_reminds_the_person(tree):
    send_reminders()
    assert len(messages_to(tree["people"]["frida"].email)) == 1  # one e-mail, both items
    assert ReminderSent.objects.filter(person=tree["people"]["frida"]).count() == 2


def test_the_manager_gets_a_copy(manager, tree):
    send_reminders()
    copies = messages_to(manager.email)
    assert any("Frida" in m.subject for m in copies)
    assert all(m.to == [manager.email] for m in copies)


def test_reminders_are_not_sent_twice(tree):
    send_reminders()
    sent = len(mail.outbox)
    assert send_reminders() == 0
    assert len(mail.outbox) == sent


def test_a_renewed_record_gets_a_new_reminder_when_it_nears_expiry(tree):
    from learning.competences.factories import CompetenceRecordFactory

    from .conftest import achieved

    send_reminders()
    bo = tree["people"]["bo"]
    CompetenceRecordFactory(
        user=bo, competence=tree["n8"], achieved_at=achieved(-1), valid_until=days(25)
    )
    mail.outbox.clear()
    send_reminders()
    assert len(messages_to(bo.email)) == 1


def test_nobody_covered_for_long_is_reminded(tree):
    send_reminders()
    assert messages_to(tree["people"]["anna"].email) == []
    assert messages_to(tree["people"]["emil"].email) == []  # due, not yet overdue
