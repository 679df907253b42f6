"""xAPI 1.0.3 Part Three (Communication) §2.1 Statement Resource: one test per MUST."""

import uuid

import pytest

from learning.xapi.factories import statement_data
from learning.xapi.models import ImmutableRowError, Statement, StatementActivity, StatementAgent
from learning.xapi.vocabulary import VOIDED as VOIDED_VERB

VOIDED = VOIDED_VERB.id


def voiding(target_id):
    return statement_data(
        verb={"id": VOIDED}, object={"objectType": "StatementRef", "id": target_id}
    )


def test_post_of_one_statement_answers_its_id_in_a_list(lrs):
    statement = statement_data()

    response = lrs.post(statement)

    assert response.status_code == 200
    assert response.json() == [statement["id"]]


def test_post_of_a_list_answers_the_ids_in_order(lrs):
    batch = [statement_data(), statement_data(), statement_data()]

    response = lrs.post(batch)

    assert response.json() == [s["id"] for s in batch]
    assert Statement.objects.count() == 3


def test_post_without_id_gets_a_generated_uuid(lrs):
    statement = statement_data(id=None)

    response = lrs.post(statement)

    statement_id = response.json()[0]
    assert uuid.UUID(statement_id)
    assert Statement.objects.get().data["id"] == statement_id


def test_a_batch_with_one_invalid_statement_stores_nothing(lrs):
    batch = [statement_data(), statement_data(verb={"id": "not an iri"})]

    response = lrs.post(batch)

    assert response.status_code == 400
    assert response.json()["field"] == "1.verb.id"
    assert Statement.objects.count() == 0


def test_a_batch_with_the_same_id_twice_is_400(lrs):
    statement = statement_data()

    response = lrs.post([statement, dict(statement)])

    assert response.status_code == 400
    assert Statement.objects.count() == 0


def test_malformed_json_is_400(lrs):
    response = lrs.post(b"{not json")

    assert response.status_code == 400
    assert response.json()["field"] == "body"


def test_same_id_and_same_content_again_is_not_an_error(lrs):
    statement = statement_data(timestamp="2026-01-05T10:00:00+01:00")
    lrs.post(statement)
    # The same instant written another way is the same statement.
    again = statement | {"timestamp": "2026-01-05T09:00:00.000Z"}

    response = lrs.post(again)

    assert response.status_code == 200
    assert Statement.objects.count() == 1


@pytest.mark.parametrize("size", [1, 40])
def test_a_single_context_activity_and_its_one_element_array_are_the_same_content(lrs, size):
    parent = {"objectType": "Activity", "id": "https://lms.example.org/course/1"}
    sent = [statement_data(context={"contextActivities": {"parent": parent}}) for _ in range(size)]
    lrs.post(sent if size > 1 else sent[0])
    again = [s | {"context": {"contextActivities": {"parent": [parent]}}} for s in sent]

    response = lrs.post(again if size > 1 else again[0])

    assert response.status_code == 200
    assert Statement.objects.count() == size


def test_same_id_with_different_content_is_409_and_keeps_the_original(lrs):
    statement = statement_data()
    lrs.post(statement)
    changed = statement | {"verb": {"id": "http://adlnet.gov/expapi/verbs/failed"}}

    response = lrs.post(changed)

    assert response.status_code == 409
    assert Statement.objects.get().verb_id == "http://adlnet.gov/expapi/verbs/completed"


def test_put_stores_the_statement_under_statement_id_with_204(lrs):
    statement = statement_data(id=None)
    statement_id = str(uuid.uuid4())

    response = lrs.put(statement, statement_id)

    assert response.status_code == 204
    assert response.content == b""
    assert Statement.objects.get().data["id"] == statement_id


def test_put_without_statement_id_is_400(lrs):
    response = lrs.request("PUT", "statements", body=statement_data())

    assert response.status_code == 400
    assert response.json()["field"] == "statementId"


def test_put_with_an_id_that_differs_from_statement_id_is_400(lrs):
    response = lrs.put(statement_data(), str(uuid.uuid4()))

    assert response.status_code == 400
    assert Statement.objects.count() == 0


def test_put_of_an_existing_id_with_other_content_is_409(lrs):
    statement = statement_data()
    lrs.put(statement, statement["id"])

    response = lrs.put(statement | {"result": {"completion": False}}, statement["id"])

    assert response.status_code == 409
    assert Statement.objects.count() == 1
    assert "result" not in Statement.objects.get().data


def test_put_of_a_list_is_400(lrs):
    response = lrs.put([statement_data(id=None)], str(uuid.uuid4()))

    assert response.status_code == 400
    assert not Statement.objects.exists()


def test_lrs_sets_stored_authority_and_version_overriding_the_client(lrs, credential):
    statement = statement_data(
        stored="1999-01-01T00:00:00Z",
        authority={"objectType": "Agent", "mbox": "mailto:impostor@example.org"},
    )
    lrs.post(statement)

    stored = lrs.get({"statementId": statement["id"]}).json()

    assert stored["stored"] != "1999-01-01T00:00:00Z"
    assert stored["authority"]["account"]["name"] == f"lrs-credential:{credential.key}"
    assert stored["version"] == "1.0.0"
    assert stored["timestamp"] == stored["stored"]


def test_single_context_activities_are_returned_as_arrays(lrs):
    parent = {"objectType": "Activity", "id": "https://lms.example.org/courses/fmk"}
    statement = statement_data(context={"contextActivities": {"parent": parent}})
    lrs.post(statement)

    stored = lrs.get({"statementId": statement["id"]}).json()

    assert stored["context"]["contextActivities"]["parent"] == [parent]


def test_get_by_statement_id_returns_the_statement(lrs):
    statement = statement_data()
    lrs.post(statement)

    response = lrs.get({"statementId": statement["id"]})

    assert response.status_code == 200
    assert response.json()["verb"] == statement["verb"]
    assert "Last-Modified" in response


def test_get_of_an_unknown_statement_id_is_404(lrs):
    response = lrs.get({"statementId": str(uuid.uuid4())})

    assert response.status_code == 404


def test_get_with_a_malformed_statement_id_is_400(lrs):
    response = lrs.get({"statementId": "42"})

    assert response.status_code == 400


def test_statement_id_with_a_filter_parameter_is_400(lrs):
    response = lrs.get({"statementId": str(uuid.uuid4()), "verb": "http://x.org/v"})

    assert response.status_code == 400


def test_statement_id_and_voided_statement_id_together_is_400(lrs):
    response = lrs.get({"statementId": str(uuid.uuid4()), "voidedStatementId": str(uuid.uuid4())})

    assert response.status_code == 400


def test_voided_statement_is_only_found_by_voided_statement_id(lrs):
    target = statement_data()
    lrs.post([target, voiding(target["id"])])

    assert lrs.get({"statementId": target["id"]}).status_code == 404
    response = lrs.get({"voidedStatementId": target["id"]})
    assert response.status_code == 200
    assert response.json()["id"] == target["id"]


def test_voided_statement_id_of_a_statement_that_is_not_voided_is_404(lrs):
    target = statement_data()
    lrs.post(target)

    assert lrs.get({"voidedStatementId": target["id"]}).status_code == 404


def test_a_voiding_statement_that_arrives_first_still_voids_its_target(lrs):
    target = statement_data()
    lrs.post(voiding(target["id"]))

    lrs.post(target)

    assert Statement.objects.get(statement_id=target["id"]).voided is True


def test_a_voiding_statement_cannot_void_another_voiding_statement(lrs):
    target = statement_data()
    first_void = voiding(target["id"])
    lrs.post([target, first_void])

    lrs.post(voiding(first_void["id"]))

    assert Statement.objects.get(statement_id=first_void["id"]).voided is False


def test_voided_statements_are_left_out_of_queries_but_the_voiding_one_is_returned(lrs):
    target, kept = statement_data(), statement_data()
    void = voiding(target["id"])
    lrs.post([target, kept, void])

    ids = {s["id"] for s in lrs.get().json()["statements"]}

    assert ids == {kept["id"], void["id"]}


def test_stored_statements_cannot_be_updated_through_the_orm(lrs):
    lrs.post(statement_data())
    row = Statement.objects.get()
    row.verb_id = "http://x.org/other"

    with pytest.raises(ImmutableRowError):
        row.save()


def test_the_store_indexes_related_agents_and_activities(lrs):
    statement = statement_data(
        context={
            "instructor": {"mbox": "mailto:jesper@example.org"},
            "contextActivities": {"grouping": [{"id": "https://lms.example.org/programmes/1"}]},
        }
    )
    lrs.post(statement)

    keys = dict(StatementAgent.objects.values_list("agent_key", "direct"))
    activities = set(StatementActivity.objects.values_list("activity_id", flat=True))
    assert keys["mbox:mailto:jesper@example.org"] is False
    assert keys["account:https://lms.example.org|learner-1"] is True
    assert activities == {statement["object"]["id"], "https://lms.example.org/programmes/1"}


def test_requests_without_the_version_header_are_400(lrs):
    response = lrs.post(statement_data(), version=None)

    assert response.status_code == 400
    assert response.json()["field"] == "X-Experience-API-Version"
    assert Statement.objects.count() == 0


def test_requests_with_an_unsupported_version_are_400(lrs):
    response = lrs.get(version="2.0.0")

    assert response.status_code == 400


@pytest.mark.parametrize("method", ["GET", "POST", "PUT"])
def test_every_response_carries_the_version_header(lrs, method):
    response = lrs.request(method, "statements", body=b"[]" if method != "GET" else None)

    assert response["X-Experience-API-Version"] == "1.0.3"


def test_delete_on_statements_is_405(lrs):
    response = lrs.request("DELETE", "statements")

    assert response.status_code == 405
    assert response["X-Experience-API-Version"] == "1.0.3"


def test_head_answers_like_get_without_a_body(lrs):
    lrs.post(statement_data())

    response = lrs.request("HEAD", "statements")

    assert response.status_code == 200
    assert response.content == b""
    assert "X-Experience-API-Consistent-Through" in response


def test_post_with_query_parameters_is_400(lrs):
    response = lrs.request(
        "POST", "statements", {"statementId": str(uuid.uuid4())}, statement_data()
    )

    assert response.status_code == 400


def test_a_statement_without_object_but_with_a_context_is_400_naming_object(lrs):
    # Ralph's validator read "object" unchecked when a context was present: a 500 (fuzzing).
    statement = statement_data(object=None, context={"registration": str(uuid.uuid4())})

    response = lrs.post(statement)

    assert response.status_code == 400
    assert response.json()["field"] == "object"


@pytest.mark.parametrize("size", [1, 40])  # the duplicate check is written two ways by size
def test_repeats_conflicts_and_early_voiding_are_found_in_small_and_large_batches(lrs, size):
    stored = [statement_data() for _ in range(size)]
    assert lrs.post(stored).status_code == 200
    target = statement_data()
    assert lrs.post(voiding(target["id"])).status_code == 200

    assert lrs.post([*stored, target][-size:] + [target]).status_code == 400  # twice in a batch
    assert lrs.post([*stored[1:], target]).status_code == 200  # repeats are no error
    changed = stored[0] | {"verb": {"id": "http://adlnet.gov/expapi/verbs/failed"}}
    assert lrs.post([statement_data() for _ in range(size - 1)] + [changed]).status_code == 409

    assert Statement.objects.get(statement_id=target["id"]).voided is True
    assert Statement.objects.count() == size + 2  # stored, the voiding one, the target
