"""Erasure leaves no name anywhere: not in the admin's history, revisions or search index.

The person is edited through the Wagtail admin the way an administrator does it (her job
assignment, and her user account), then erased through the erase page; then every text of every
row of every table in the database is searched for her name and e-mail.
"""

import datetime
import json
import uuid

import pytest
from django.db import connection
from django.urls import reverse

from learning.organisations.factories import (
    JobAssignmentFactory,
    JobRoleFactory,
    OrganisationFactory,
)
from learning.organisations.models import JobAssignment

pytestmark = pytest.mark.django_db


def whole_database_text():
    """Every row of every table, as text: tables Django has no model for too (a full dump)."""
    quote = connection.ops.quote_name
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - names from the catalogue
            for row in cursor.fetchall():
                chunks.append(
                    f"{table}: " + " | ".join(_text(value) for value in row if value is not None)
                )
    return "\n".join(chunks).lower()


def _text(value):
    if isinstance(value, uuid.UUID):
        return value.hex  # as SQLite stores it, so one form serves both databases
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("utf-8", "replace")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


@pytest.fixture
def person(db):
    return JobAssignmentFactory(
        user__email="birgitte.skovgaard@example.org",
        user__first_name="Birgitte",
        user__last_name="Skovgaard",
        unit=OrganisationFactory(name="Hjemmeplejen Øst"),
        role=JobRoleFactory(code="SSA", name="Social- og sundhedsassistent"),
    ).user


def edit_job_assignment_in_the_admin(client, assignment, **changes):
    url = reverse("job_assignments:edit", args=[assignment.pk])
    assert client.get(url).status_code == 200
    form = {
        "user": assignment.user_id,
        "unit": assignment.unit_id,
        "role": assignment.role_id,
        "starts_on": assignment.starts_on.isoformat(),
        "ends_on": "",
        "source": assignment.source,
    }
    form.update(changes)
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]


def rename_in_the_admin(client, person, last_name):
    """An administrator corrects her name on Wagtail's user page."""
    url = reverse("wagtailusers_users:edit", args=[person.pk])
    assert client.get(url).status_code == 200
    form = {
        "email": person.email,
        "first_name": person.first_name,
        "last_name": last_name,
        "password1": "",
        "password2": "",
        "is_active": "on",
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]


def secrets_of(person):
    return [
        person.email,
        person.first_name,
        person.last_name,
        person.get_full_name(),
        person.actor_id.hex,
    ]


def test_after_an_admin_edit_and_erasure_no_row_holds_her_name_or_email(client, admin_user, person):
    client.force_login(admin_user)
    assignment = JobAssignment.objects.get(user=person)
    new_unit = OrganisationFactory(name="Hjemmeplejen Vest")
    edit_job_assignment_in_the_admin(client, assignment, unit=new_unit.pk)
    edit_job_assignment_in_the_admin(
        client, assignment, unit=new_unit.pk, ends_on=datetime.date.today().isoformat()
    )
    secrets = [text.lower() for text in secrets_of(person)]
    rename_in_the_admin(client, person, "Skovgaard-Holm")
    person.refresh_from_db()
    secrets += [text.lower() for text in secrets_of(person)]
    before = whole_database_text()
    assert all(secret in before for secret in secrets)  # the search below can find them

    response = client.post(reverse("privacy:erase"), {"email": person.email, "confirm": "yes"})

    assert response.status_code in (200, 302)
    after = whole_database_text()
    found = {s: [line[:200] for line in after.splitlines() if s in line] for s in secrets}
    assert not any(found.values()), found


def test_her_name_is_replaced_where_it_was_copied_into_someone_elses_history(
    client, admin_user, person, manager
):
    from wagtail.log_actions import log

    from learning.organisations.factories import DelegationFactory

    granted = DelegationFactory(granted_by=person, deputy=manager)
    entry = log(instance=granted, action="wagtail.create", user=admin_user)
    assert "Birgitte Skovgaard" in entry.label
    client.force_login(admin_user)

    client.post(reverse("privacy:erase"), {"email": person.email, "confirm": "yes"})

    entry.refresh_from_db()
    assert entry.label.startswith("Slettet person → Hanne Larsen")
    assert "birgitte" not in whole_database_text()
