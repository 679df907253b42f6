"""xAPI 1.0.3 Communication §2.1.3 GET Statements: filters, formats, ordering and paging."""

import json
import time

import pytest

from learning.xapi.factories import agent, statement_data

COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
FAILED = "http://adlnet.gov/expapi/verbs/failed"
COURSE = "https://lms.example.org/courses/fmk"
OTHER = "https://lms.example.org/courses/sundhedsjournal"


def ids(response):
    return [s["id"] for s in response.json()["statements"]]


@pytest.fixture
def mette():
    return agent("mette")


def test_query_without_filters_returns_newest_first_with_consistent_through(lrs):
    first, second = statement_data(), statement_data()
    lrs.post(first)
    lrs.post(second)

    response = lrs.get()

    assert ids(response) == [second["id"], first["id"]]
    assert response.json()["more"] == ""
    assert response["X-Experience-API-Consistent-Through"].endswith("Z")


def test_ascending_returns_oldest_first(lrs):
    first, second = statement_data(), statement_data()
    lrs.post(first)
    lrs.post(second)

    assert ids(lrs.get({"ascending": "true"})) == [first["id"], second["id"]]


def test_agent_filter_matches_actor_and_object_but_not_others(lrs, mette):
    as_actor = statement_data(actor=mette)
    as_object = statement_data(object=mette | {"objectType": "Agent"})
    other = statement_data()
    lrs.post([as_actor, as_object, other])

    found = ids(lrs.get({"agent": json.dumps(mette)}))

    assert set(found) == {as_actor["id"], as_object["id"]}


def test_agent_filter_matches_a_group_the_agent_is_member_of(lrs, mette):
    group = statement_data(actor={"objectType": "Group", "member": [mette, agent("bo")]})
    lrs.post(group)

    assert ids(lrs.get({"agent": json.dumps(mette)})) == [group["id"]]


def test_related_agents_widens_the_agent_filter_to_instructor_and_authority(lrs, mette):
    taught = statement_data(context={"instructor": mette})
    lrs.post(taught)

    assert ids(lrs.get({"agent": json.dumps(mette)})) == []
    assert ids(lrs.get({"agent": json.dumps(mette), "related_agents": "true"})) == [taught["id"]]


def test_verb_filter(lrs):
    completed, failed = statement_data(), statement_data(verb={"id": FAILED})
    lrs.post([completed, failed])

    assert ids(lrs.get({"verb": FAILED})) == [failed["id"]]


def test_activity_filter_matches_the_object_only_unless_related(lrs):
    direct = statement_data()
    related = statement_data(
        object={"id": OTHER},
        context={"contextActivities": {"parent": [{"id": COURSE}]}},
    )
    lrs.post([direct, related])

    assert ids(lrs.get({"activity": COURSE})) == [direct["id"]]
    assert set(ids(lrs.get({"activity": COURSE, "related_activities": "true"}))) == {
        direct["id"],
        related["id"],
    }


def test_registration_filter(lrs):
    registration = "6a8f63b3-6f6b-4a63-8f0a-1f4a2b0c9d11"
    inside = statement_data(context={"registration": registration})
    lrs.post([inside, statement_data()])

    assert ids(lrs.get({"registration": registration})) == [inside["id"]]


def test_filters_also_return_statements_that_reference_a_match(lrs):
    target = statement_data(verb={"id": FAILED})
    reference = statement_data(
        verb={"id": "http://adlnet.gov/expapi/verbs/attempted"},
        object={"objectType": "StatementRef", "id": target["id"]},
    )
    lrs.post([target, reference, statement_data()])

    assert set(ids(lrs.get({"verb": FAILED}))) == {target["id"], reference["id"]}


def _matches_and_references():
    """[match, reference to it, match, reference to it] stored in this order, and a non-match."""
    attempted = "http://adlnet.gov/expapi/verbs/attempted"
    batch = []
    for _ in range(2):
        target = statement_data(verb={"id": FAILED})
        batch += [
            target,
            statement_data(
                verb={"id": attempted}, object={"objectType": "StatementRef", "id": target["id"]}
            ),
        ]
    return batch, statement_data()


def _pages(lrs, params):
    response, pages = lrs.get(params), []
    while True:
        pages.append(ids(response))
        if not response.json()["more"]:
            return pages
        response = lrs.follow(response.json()["more"])


def test_filtered_pages_merge_matches_and_references_in_stored_order(lrs):
    batch, other = _matches_and_references()
    lrs.post([*batch, other])

    pages = _pages(lrs, {"verb": FAILED, "limit": "2"})

    newest_first = [s["id"] for s in reversed(batch)]
    assert pages == [newest_first[:2], newest_first[2:]]


def test_filtered_ascending_pages_merge_matches_and_references_oldest_first(lrs):
    batch, other = _matches_and_references()
    lrs.post([other, *batch])

    pages = _pages(lrs, {"verb": FAILED, "limit": "3", "ascending": "true"})

    oldest_first = [s["id"] for s in batch]
    assert pages == [oldest_first[:3], oldest_first[3:]]


def test_since_and_until_compare_with_stored(lrs):
    early = statement_data()
    lrs.post(early)
    middle_stored = lrs.get({"statementId": early["id"]}).json()["stored"]
    time.sleep(0.01)
    late = statement_data()
    lrs.post(late)

    assert ids(lrs.get({"since": middle_stored})) == [late["id"]]
    assert ids(lrs.get({"until": middle_stored})) == [early["id"]]


def test_limit_and_more_page_through_everything_once(lrs):
    batch = [statement_data() for _ in range(5)]
    lrs.post(batch)

    seen = []
    response = lrs.get({"limit": "2"})
    pages = 0
    while True:
        pages += 1
        seen += ids(response)
        more = response.json()["more"]
        if not more:
            break
        assert more.startswith("/xapi/statements?more=")
        response = lrs.follow(more)
    assert pages == 3
    assert sorted(seen) == sorted(s["id"] for s in batch)


def test_a_tampered_more_token_is_400(lrs):
    response = lrs.get({"more": "forged:token"})

    assert response.status_code == 400
    assert response.json()["field"] == "more"


def test_format_ids_keeps_only_identifiers(lrs):
    lrs.post(statement_data(actor=agent("mette") | {"name": "Mette"}))

    statement = lrs.get({"format": "ids"}).json()["statements"][0]

    assert "name" not in statement["actor"]
    assert statement["object"] == {"objectType": "Activity", "id": COURSE}
    assert statement["verb"] == {"id": COMPLETED}


def test_format_canonical_keeps_one_language_per_map_following_accept_language(lrs):
    lrs.post(statement_data())

    response = lrs.get({"format": "canonical"}, headers={"Accept-Language": "en;q=0.9, da;q=0.5"})

    name = response.json()["statements"][0]["object"]["definition"]["name"]
    assert name == {"en-US": "FMK basics"}


def test_format_exact_returns_the_statement_as_stored(lrs):
    statement = statement_data()
    lrs.post(statement)

    stored = lrs.get({"format": "exact"}).json()["statements"][0]

    assert stored["object"] == statement["object"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"format": "full"}, "format"),
        ({"limit": "ten"}, "limit"),
        ({"limit": "-1"}, "limit"),
        ({"ascending": "yes"}, "ascending"),
        ({"since": "last week"}, "since"),
        ({"agent": "{not json"}, "agent"),
        ({"agent": json.dumps({"name": "no identifier"})}, "agent"),
        ({"registration": "nope"}, "registration"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_query_parameters_are_400_naming_the_parameter(lrs, params, field):
    response = lrs.get(params)

    assert response.status_code == 400
    assert response.json()["field"] == field
