"""Erasing a person removes everything that identifies them and keeps the statement counts."""

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from learning.accounts.erasure import erase_person
from learning.accounts.models import ErasureLog
from learning.organisations.factories import DelegationFactory, JobAssignmentFactory
from learning.organisations.models import JobAssignment
from learning.xapi.actors import actor_for, agent_key
from learning.xapi.models import Document, Statement, StatementAgent
from learning.xapi.store import store_statements
from tests.learning.accounts.privacy_data import fill, statements_for

pytestmark = pytest.mark.django_db

ERASE = reverse("privacy:erase")


def _database_text():
    """Every row of every table as JSON text (the test database is small)."""
    out = io.StringIO()
    call_command("dumpdata", stdout=out, format="json")
    return out.getvalue()


def _verb_counts():
    return Counter(Statement.objects.values_list("verb_id", flat=True))


def test_nothing_in_the_database_holds_the_persons_email_name_or_actor_id(learner, manager):
    fill(learner, viewer=manager)
    DelegationFactory(deputy=learner, granted_by=manager)
    Document.objects.create(
        kind="state",
        activity_id="https://akademi.example/v",
        agent_key=agent_key(actor_for(learner)),
        document_id="resume",
        content=b"{}",
        content_type="application/json",
        etag="x",
        updated=timezone.now(),
    )
    secrets = (learner.email, "Mette", "Nielsen", str(learner.actor_id))
    before = _database_text()
    assert all(secret in before for secret in secrets)  # the check below can fail
    erase_person(learner, erased_by=manager)
    after = _database_text()
    for secret in secrets:
        assert secret not in after


def test_statement_counts_per_verb_are_unchanged(learner, outsider):
    fill(learner)
    statements_for(outsider)
    before = _verb_counts()
    erase_person(learner)
    assert _verb_counts() == before


def test_the_persons_statements_get_one_fresh_actor_in_data_column_and_index(learner, outsider):
    ids = fill(learner)
    erase_person(learner)
    rows = Statement.objects.filter(statement_id__in=ids)
    names = {row.data["actor"]["account"]["name"] for row in rows}
    assert len(names) == 1
    (name,) = names
    assert name not in (str(learner.actor_id), str(outsider.actor_id))
    assert {row.actor_key.rsplit("|", 1)[1] for row in rows} == {name}
    assert StatementAgent.objects.filter(agent_key__endswith=f"|{name}").count() == len(ids)


def test_the_person_is_renamed_where_they_are_not_the_actor(learner, manager):
    about_her = {
        "actor": actor_for(manager),
        "verb": {"id": "http://adlnet.gov/expapi/verbs/attempted"},
        "object": {**actor_for(learner), "objectType": "Agent"},
    }
    (statement_id,) = store_statements([about_her])
    old_name = str(learner.actor_id)
    assert StatementAgent.objects.filter(agent_key__endswith=old_name).exists()
    erase_person(learner)
    row = Statement.objects.get(statement_id=statement_id)
    assert row.data["actor"] == actor_for(manager)
    assert row.data["object"]["account"]["name"] != old_name
    assert not StatementAgent.objects.filter(agent_key__endswith=old_name).exists()


def test_other_peoples_statements_are_untouched(learner, outsider):
    fill(learner)
    ids = statements_for(outsider)
    before = {s.statement_id: s.data for s in Statement.objects.filter(statement_id__in=ids)}
    erase_person(learner)
    after = {s.statement_id: s.data for s in Statement.objects.filter(statement_id__in=ids)}
    assert after == before


def test_the_user_row_is_kept_inactive_and_unable_to_log_in(learner, manager):
    fill(learner, viewer=manager)
    old_actor = learner.actor_id
    erase_person(learner)
    learner.refresh_from_db()
    assert not learner.is_active
    assert not learner.has_usable_password()
    assert learner.email.endswith("@invalid")
    assert learner.actor_id != old_actor


def test_job_assignments_are_ended_not_deleted(learner):
    JobAssignmentFactory(user=learner)
    erase_person(learner)
    assignment = JobAssignment.objects.get(user=learner)
    assert assignment.ends_on < timezone.localdate()
    assert not JobAssignment.objects.filter(user=learner).active_on().exists()


def test_the_erasure_is_logged_with_who_and_counts_only(learner, manager):
    fill(learner)
    erase_person(learner, erased_by=manager)
    log = ErasureLog.objects.get()
    assert log.erased_by == manager
    assert log.counts["statements_pseudonymised"] == 3
    assert learner.email not in str(log.counts)


def test_the_command_refuses_without_yes(learner):
    with pytest.raises(CommandError):
        call_command("erase_person", learner.email)
    learner.refresh_from_db()
    assert learner.is_active


def test_the_command_erases_with_yes(learner):
    call_command("erase_person", learner.email.upper(), "--yes", stdout=io.StringIO())
    learner.refresh_from_db()
    assert not learner.is_active
    assert ErasureLog.objects.count() == 1


def test_the_command_rejects_an_unknown_email(db):
    with pytest.raises(CommandError):
        call_command("erase_person", "nobody@example.org", "--yes")


def test_a_platform_admin_erases_a_person_on_the_admin_page(client, admin_user, learner):
    client.force_login(admin_user)
    response = client.post(ERASE, {"email": learner.email, "confirm": "yes"})
    assert response.status_code == 302
    learner.refresh_from_db()
    assert not learner.is_active
    assert ErasureLog.objects.get().erased_by == admin_user


def test_the_admin_page_shows_a_form_to_platform_admins(client, admin_user):
    client.force_login(admin_user)
    body = client.get(ERASE).content.decode()
    assert 'for="erase-email"' in body and body.count("<h1") == 1


@pytest.mark.parametrize("persona", ["learner", "manager", "educator"])
def test_other_people_may_not_erase(client, request, persona, outsider):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(ERASE).status_code == 403
    assert client.post(ERASE, {"email": outsider.email, "confirm": "yes"}).status_code == 403
    outsider.refresh_from_db()
    assert outsider.is_active


def test_visitors_are_sent_to_log_in(client):
    assert client.post(ERASE, {"email": "x@example.org", "confirm": "yes"}).status_code == 302


@pytest.mark.parametrize(
    "body",
    [
        {"email": "nobody@example.org", "confirm": "yes"},
        {"email": "", "confirm": "yes"},
        {"confirm": "yes"},
        {"email": "mette@example.org"},
        {"email": "mette@example.org", "confirm": "no"},
    ],
)
def test_unknown_or_unconfirmed_requests_change_nothing(client, admin_user, learner, body):
    client.force_login(admin_user)
    assert client.post(ERASE, body).status_code == 400
    learner.refresh_from_db()
    assert learner.is_active
    assert not ErasureLog.objects.exists()


def test_admins_cannot_erase_themselves(client, admin_user):
    client.force_login(admin_user)
    assert client.post(ERASE, {"email": admin_user.email, "confirm": "yes"}).status_code == 400
    admin_user.refresh_from_db()
    assert admin_user.is_active


def test_the_admin_page_refuses_other_methods(client, admin_user, learner):
    client.force_login(admin_user)
    body = f"email={learner.email}&confirm=yes"
    assert client.put(ERASE, body, "application/x-www-form-urlencoded").status_code == 405
    learner.refresh_from_db()
    assert learner.is_active and learner.first_name
    assert not ErasureLog.objects.exists()


def test_the_wagtail_settings_menu_links_the_page_for_platform_admins_only(
    client, admin_user, educator
):
    client.force_login(admin_user)
    assert ERASE in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(educator)
    assert ERASE not in client.get(reverse("wagtailadmin_home")).content.decode()
