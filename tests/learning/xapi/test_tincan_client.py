"""An independent xAPI client from PyPI (edx-tincan-py35) talks to the LRS over real HTTP."""

import uuid

import pytest
from tincan import (
    Activity,
    ActivityDefinition,
    Agent,
    AgentAccount,
    LanguageMap,
    RemoteLRS,
    Result,
    StateDocument,
    Statement,
    Verb,
)

from learning.xapi.factories import CredentialFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def remote(live_server):
    credential = CredentialFactory()
    return RemoteLRS(
        endpoint=f"{live_server.url}/xapi/", username=credential.key, password=credential.secret
    )


def a_statement():
    return Statement(
        id=str(uuid.uuid4()),
        actor=Agent(
            account=AgentAccount(home_page="https://akademi.example.org", name=str(uuid.uuid4()))
        ),
        verb=Verb(
            id="http://adlnet.gov/expapi/verbs/completed",
            display=LanguageMap({"en-US": "completed"}),
        ),
        object=Activity(
            id="https://akademi.example.org/kurser/fmk",
            definition=ActivityDefinition(name=LanguageMap({"da-DK": "FMK"})),
        ),
        result=Result(completion=True, duration="PT4M30S"),
    )


def test_tincan_writes_a_statement_and_reads_it_back(remote):
    statement = a_statement()

    saved = remote.save_statement(statement)
    fetched = remote.retrieve_statement(statement.id)

    assert saved.success, saved.data
    assert fetched.success, fetched.data
    assert str(fetched.content.id) == str(statement.id)
    assert fetched.content.verb.id == "http://adlnet.gov/expapi/verbs/completed"


def test_tincan_writes_a_batch_and_queries_it_by_verb_and_agent(remote):
    batch = [a_statement(), a_statement()]

    saved = remote.save_statements(batch)
    result = remote.query_statements({"agent": batch[0].actor, "verb": batch[0].verb})

    assert saved.success, saved.data
    assert result.success, result.data
    assert [str(s.id) for s in result.content.statements] == [str(batch[0].id)]


def test_tincan_saves_and_retrieves_state(remote):
    activity = Activity(id="https://akademi.example.org/kurser/fmk")
    agent = Agent(account=AgentAccount(home_page="https://akademi.example.org", name="mette"))
    state = StateDocument(
        activity=activity,
        agent=agent,
        id="bookmark",
        content='{"page": 4}',
        content_type="application/json",
    )

    saved = remote.save_state(state)
    fetched = remote.retrieve_state(activity, agent, "bookmark")

    assert saved.success, saved.data
    assert fetched.success, fetched.data
    assert bytes(fetched.content.content) == b'{"page": 4}'


def test_tincan_with_a_wrong_secret_is_refused(live_server):
    credential = CredentialFactory()
    remote = RemoteLRS(
        endpoint=f"{live_server.url}/xapi/", username=credential.key, password="not-the-secret"
    )

    saved = remote.save_statement(a_statement())

    assert not saved.success
    assert saved.response.status == 401
