"""The JSON text of the ingest path (learning.xapi.jsontext): orjson where it agrees with the
standard library, the standard library where orjson refuses, and duplicate detection that still
recognises statements hashed before orjson wrote the text."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learning.xapi import jsontext
from learning.xapi.factories import statement_data
from learning.xapi.models import Statement

EXTENSION = "https://akademi.example/xapi/extensions/value"


def with_extension(value, **kwargs):
    return statement_data(result={"extensions": {EXTENSION: value}}, **kwargs)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


def _typed(value):
    """The value with each number's type, so 1 and 1.0 do not compare equal."""
    if isinstance(value, dict):
        return {key: _typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_typed(item) for item in value]
    return (type(value).__name__, value)


@given(JSON_VALUES)
def test_a_body_parses_to_what_the_standard_library_gives(value):
    raw = json.dumps(value).encode()

    assert _typed(jsontext.loads(raw)) == _typed(json.loads(raw))


@pytest.mark.parametrize(
    "raw",
    [
        b"[-9223372036854775809]",
        b"[18446744073709551616]",
        b'{"a": 123456789012345678901234567890}',
    ],
)
def test_integers_beyond_64_bits_in_a_body_stay_exact_integers(raw):
    assert _typed(jsontext.loads(raw)) == _typed(json.loads(raw))


@pytest.mark.parametrize("raw", [b"", b"{", b"[1,]", b"\xff", b'{"a": 1} x'])
def test_a_body_that_is_not_json_raises_value_error(raw):
    with pytest.raises(ValueError):
        jsontext.loads(raw)


def test_canonical_text_is_the_standard_librarys_for_ordinary_statements():
    statement = statement_data(result={"score": {"scaled": 0.85}, "duration": "PT1M"})

    assert jsontext.canonical(statement) == jsontext.stdlib_canonical(statement)


def test_canonical_text_of_an_integer_beyond_64_bits_is_exact():
    value = {"big": 2**70, "name": "é"}

    assert json.loads(jsontext.canonical(value)) == value


def test_stored_text_of_an_integer_beyond_64_bits_is_exact():
    value = {"big": -(2**70)}

    assert json.loads(jsontext.dumps(value)) == value


@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
def test_canonical_text_refuses_numbers_that_are_not_json(number):
    with pytest.raises(jsontext.NotFinite):
        jsontext.canonical({"a": None, "b": [number]})


def test_a_null_extension_value_is_allowed():
    assert jsontext.canonical({"a": None}) == b'{"a":null}'


def test_a_statement_with_nan_in_an_extension_is_400_and_stores_nothing(lrs):
    body = json.dumps(with_extension(float("nan")))  # the standard library writes NaN

    response = lrs.post(body)

    assert response.status_code == 400
    assert Statement.objects.count() == 0
