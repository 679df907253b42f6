"""Who may say what about whom: voiding by sessions, and credentials tied to an organisation.

Each forbidden request is made the way a browser or a script would (a session POST with its
CSRF token, a Basic-auth POST with a credential made by ``create_lrs_credential``), and each
checks that nothing changed: no statement stored or voided, nothing queued for forwarding, no
document written or read.
"""

import io
import json
import uuid
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.test import Client

from learning.organisations.factories import JobAssignmentFactory, OrganisationFactory
from learning.xapi.actors import actor_for
from learning.xapi.factories import DestinationFactory, agent, statement_data
from learning.xapi.models import Document, OutboxEntry, Statement
from learning.xapi.vocabulary import VOIDED
from tests.learning.xapi.conftest import Lrs

VERSION = {"X-Experience-API-Version": "1.0.3"}
CSRF_TOKEN = "Kq3vTz8pLm2Xw7Rb5Yn4Hc6Jd9Fg1Sa0"  # the 32-character form of a CSRF secret


def snapshot():
    """Everything a forbidden request must leave as it was."""
    return (
        sorted(Statement.objects.values_list("statement_id", "voided")),
        OutboxEntry.objects.count(),
        sorted(Document.objects.values_list("kind", "agent_key", "document_id", "etag")),
    )


def session_for(user):
    """A browser signed in as ``user``, posting with its CSRF token as the pages do."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.cookies["csrftoken"] = CSRF_TOKEN
    return client


def session_post(client, statement):
    return client.post(
        "/xapi/statements",
        json.dumps(statement),
        content_type="application/json",
        headers={**VERSION, "X-CSRFToken": CSRF_TOKEN},
    )


def voiding(target_id):
    return statement_data(
        verb={"id": VOIDED.id, "display": {"en-US": "voided"}},
        object={"objectType": "StatementRef", "id": target_id},
    )


def created_credential(*scopes, organisation):
    """A credential as an administrator makes one: ``manage.py create_lrs_credential``."""
    out = io.StringIO()
    call_command(
        "create_lrs_credential",
        "Kommunens pakker",
        "--scopes",
        *scopes,
        "--organisation",
        str(organisation.pk),
        stdout=out,
    )
    printed = json.loads(out.getvalue())
    return SimpleNamespace(key=printed["key"], secret=printed["secret"])


# -- voiding by a browser session ---------------------------------------------------------------


@pytest.fixture
def forwarded(db):
    """An external LRS that would receive every stored statement."""
    return DestinationFactory()


def test_a_learner_cannot_void_another_persons_statement(lrs, learner, outsider, forwarded):
    theirs = statement_data(actor=actor_for(outsider))
    assert lrs.post(theirs).status_code == 200
    before = snapshot()

    response = session_post(session_for(learner), voiding(theirs["id"]))

    assert response.status_code == 403
    assert snapshot() == before
    assert not Statement.objects.get(statement_id=theirs["id"]).voided


def test_a_learner_cannot_void_a_statement_that_is_not_stored(learner, forwarded):
    before = snapshot()

    response = session_post(session_for(learner), voiding(str(uuid.uuid4())))

    assert response.status_code == 403
    assert snapshot() == before


def test_a_learner_may_void_her_own_statement(learner, forwarded):
    browser = session_for(learner)
    own = statement_data()
    assert session_post(browser, own).status_code == 200

    response = session_post(browser, voiding(own["id"]))

    assert response.status_code == 200
    assert Statement.objects.get(statement_id=own["id"]).voided


def test_a_learner_cannot_void_another_persons_statement_with_put(
    lrs, learner, outsider, forwarded
):
    theirs = statement_data(actor=actor_for(outsider))
    lrs.post(theirs)
    before = snapshot()
    void = voiding(theirs["id"])

    response = session_for(learner).put(
        f"/xapi/statements?statementId={void['id']}",
        json.dumps(void),
        content_type="application/json",
        headers={**VERSION, "X-CSRFToken": CSRF_TOKEN},
    )

    assert response.status_code == 403
    assert snapshot() == before


def test_a_learner_cannot_hide_a_foreign_voiding_in_a_batch(lrs, learner, outsider, forwarded):
    theirs = statement_data(actor=actor_for(outsider))
    lrs.post(theirs)
    before = snapshot()

    response = session_post(session_for(learner), [statement_data(), voiding(theirs["id"])])

    assert response.status_code == 403
    assert snapshot() == before


# -- credentials tied to an organisation --------------------------------------------------------


@pytest.fixture
def region(db):
    return OrganisationFactory(name="Nordjylland")


@pytest.fixture
def aalborg(region):
    return OrganisationFactory(name="Aalborg Kommune", parent=region)


@pytest.fixture
def hjorring(region):
    return OrganisationFactory(name="Hjørring Kommune", parent=region)


@pytest.fixture
def aalborg_nurse(aalborg):
    unit = OrganisationFactory(name="Hjemmeplejen Øst", parent=aalborg)
    return JobAssignmentFactory(unit=unit).user


@pytest.fixture
def hjorring_nurse(hjorring):
    return JobAssignmentFactory(unit=hjorring).user


@pytest.fixture
def aalborg_writer(client, aalborg):
    credential = created_credential("statements/write", "statements/read", organisation=aalborg)
    return Lrs(client, credential)


def test_an_organisations_credential_cannot_write_about_another_employer(
    aalborg_writer, hjorring_nurse, forwarded
):
    before = snapshot()

    response = aalborg_writer.post(statement_data(actor=actor_for(hjorring_nurse)))

    assert response.status_code == 403
    assert snapshot() == before


def test_a_credential_cannot_write_about_an_outsider_in_a_group_either(
    aalborg_writer, aalborg_nurse, hjorring_nurse, forwarded
):
    group = {
        "objectType": "Group",
        "mbox": "mailto:team@example.org",
        "member": [actor_for(aalborg_nurse), actor_for(hjorring_nurse)],
    }
    before = snapshot()

    response = aalborg_writer.post(statement_data(actor=group))

    assert response.status_code == 403
    assert snapshot() == before


def test_an_organisations_credential_cannot_write_about_another_employers_person_as_object(
    aalborg_writer, aalborg_nurse, hjorring_nurse, forwarded
):
    before = snapshot()

    response = aalborg_writer.post(
        statement_data(actor=actor_for(aalborg_nurse), object=actor_for(hjorring_nurse))
    )

    assert response.status_code == 403
    assert snapshot() == before


def test_an_organisations_credential_writes_about_its_own_people_and_non_persons(
    aalborg_writer, aalborg_nurse
):
    own = statement_data(actor=actor_for(aalborg_nurse))
    simulator = statement_data(actor=agent("simulator-7"))

    response = aalborg_writer.post([own, simulator])

    assert response.status_code == 200
    assert Statement.objects.count() == 2


def test_an_organisations_credential_cannot_void_another_employers_statement(
    lrs, aalborg_writer, hjorring_nurse, aalborg_nurse, forwarded
):
    theirs = statement_data(actor=actor_for(hjorring_nurse))
    lrs.post(theirs)
    before = snapshot()

    response = aalborg_writer.post(voiding(theirs["id"]) | {"actor": actor_for(aalborg_nurse)})

    assert response.status_code == 403
    assert snapshot() == before


def test_an_organisations_credential_reads_only_its_peoples_statements(
    lrs, aalborg_writer, aalborg_nurse, hjorring_nurse
):
    ours = statement_data(actor=actor_for(aalborg_nurse))
    theirs = statement_data(actor=actor_for(hjorring_nurse))
    lrs.post([ours, theirs])

    listed = aalborg_writer.get()
    single = aalborg_writer.get({"statementId": theirs["id"]})
    by_agent = aalborg_writer.get({"agent": json.dumps(actor_for(hjorring_nurse))})

    assert [s["id"] for s in listed.json()["statements"]] == [ours["id"]]
    assert single.status_code == 404
    assert by_agent.json()["statements"] == []


def test_a_former_employee_is_no_longer_the_organisations_to_write_about(
    aalborg_writer, aalborg_nurse, hjorring, forwarded
):
    aalborg_nurse.job_assignments.update(ends_on="2020-01-01")
    before = snapshot()

    response = aalborg_writer.post(statement_data(actor=actor_for(aalborg_nurse)))

    assert response.status_code == 403
    assert snapshot() == before


# -- documents ----------------------------------------------------------------------------------


@pytest.fixture
def aalborg_documents(client, aalborg):
    return Lrs(client, created_credential("documents", organisation=aalborg))


def state_params(person, state_id=None):
    params = {"activityId": "https://x.org/a", "agent": json.dumps(actor_for(person))}
    if state_id:
        params["stateId"] = state_id
    return params


def test_an_organisations_documents_credential_cannot_list_another_employers_state(
    lrs, aalborg_documents, hjorring_nurse
):
    lrs.request("PUT", "activities/state", state_params(hjorring_nurse, "bookmark"), b'{"p": 3}')

    listed = aalborg_documents.request("GET", "activities/state", state_params(hjorring_nurse))
    read = aalborg_documents.request(
        "GET", "activities/state", state_params(hjorring_nurse, "bookmark")
    )

    assert listed.status_code == 403
    assert read.status_code == 403
    assert b"bookmark" not in listed.content


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE"])
def test_an_organisations_documents_credential_cannot_change_another_employers_state(
    lrs, aalborg_documents, hjorring_nurse, method
):
    lrs.request("PUT", "activities/state", state_params(hjorring_nurse, "bookmark"), b'{"p": 3}')
    before = snapshot()

    response = aalborg_documents.request(
        method, "activities/state", state_params(hjorring_nurse, "bookmark"), b'{"p": 9}'
    )

    assert response.status_code == 403
    assert snapshot() == before


def test_an_organisations_documents_credential_uses_its_own_peoples_state(
    aalborg_documents, aalborg_nurse
):
    params = state_params(aalborg_nurse, "bookmark")

    put = aalborg_documents.request("PUT", "activities/state", params, b'{"p": 3}')
    got = aalborg_documents.request("GET", "activities/state", params)

    assert put.status_code == 204
    assert got.json() == {"p": 3}
