"""The IRI and language-tag checks are memoised (statement_schema.py); an invalid value must still
be refused however often a valid one, or the same invalid one, was seen before."""

import pytest

from learning.xapi.factories import statement_data
from learning.xapi.statement_schema import StatementError, validate


def _verb(verb_id, tag="en-US"):
    return statement_data(verb={"id": verb_id, "display": {tag: "did"}})


def test_invalid_verb_iri_is_refused_after_valid_ones_were_remembered():
    validate([_verb("http://x.org/verbs/did")])
    validate([_verb("http://x.org/verbs/did")])

    with pytest.raises(StatementError) as error:
        validate([_verb("not an iri")])

    assert error.value.field == "verb.id"


def test_the_same_invalid_iri_is_refused_every_time():
    for _ in range(3):
        with pytest.raises(StatementError):
            validate([_verb("http://x.org/verbs/ bad space")])


def test_invalid_language_tag_is_refused_after_valid_ones_were_remembered():
    validate([_verb("http://x.org/verbs/did", tag="da-DK")])

    with pytest.raises(StatementError) as error:
        validate([_verb("http://x.org/verbs/did", tag="not a tag")])

    assert error.value.field == "verb.display.not a tag"


def test_the_same_invalid_language_tag_is_refused_every_time():
    for _ in range(3):
        with pytest.raises(StatementError):
            validate([_verb("http://x.org/verbs/did", tag="xx-not-valid-tag-")])


def test_invalid_openid_is_refused_after_a_valid_one_was_remembered():
    validate([statement_data(actor={"openid": "https://openid.example.org/mette"})])

    with pytest.raises(StatementError) as error:
        validate([statement_data(actor={"openid": "not a uri"})])

    assert error.value.field == "actor.openid"
