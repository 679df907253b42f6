"""The JSON text of the ingest path: bodies parsed by pydantic's parser as the standard library
parses them (integers of any size exact), NaN and Infinity refused as the spec's JSON does, and
the stored and hashed text written by orjson or, where orjson refuses, the standard library."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learning.xapi.bulk import json_text
from learning.xapi.factories import statement_data
from learning.xapi.http import XapiError, loads_json
from learning.xapi.models import Statement
from learning.xapi.statement_schema import StatementError

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


@given(JSON_VALUES.filter(lambda v: "\\u0000" not in json.dumps(v)))
def test_a_body_parses_to_what_the_standard_library_gives(value):
    raw = json.dumps(value, allow_nan=True).encode()
    if b"Infinity" in raw:
        return  # not JSON: refused below

    assert _typed(loads_json(raw)) == _typed(json.loads(raw))


@pytest.mark.parametrize(
    "raw",
    [
        b"[-9223372036854775809]",
        b"[18446744073709551616]",
        b'{"a": 123456789012345678901234567890}',
    ],
)
def test_integers_beyond_64_bits_in_a_body_stay_exact_integers(raw):
    assert _typed(loads_json(raw)) == _typed(json.loads(raw))


@pytest.mark.parametrize(
    "raw",
    [
        *(b"", b"{", b"[1,]", b"\xff", b'{"a": 1} x', b"[NaN]", b"[Infinity]", b"[" * 100_000),
        *(b'{"a":' * 3_000, b'["\\ud800"]', b"\xef\xbb\xbf{}", "{}".encode("utf-16")),
    ],
)
def test_a_body_that_is_not_json_is_400(raw):
    with pytest.raises(XapiError) as refused:
        loads_json(raw)

    assert refused.value.status == 400


def test_the_text_of_ordinary_statements_is_the_standard_librarys():
    statement = statement_data(result={"score": {"scaled": 0.85}, "duration": "PT1M"})
    stdlib = json.dumps(statement, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    assert json_text(statement, sort_keys=True) == stdlib.encode()


@pytest.mark.parametrize("sort_keys", [True, False])
def test_the_text_of_an_integer_beyond_64_bits_is_exact(sort_keys):
    value = {"big": 2**70, "small": -(2**70), "name": "é"}

    assert json.loads(json_text(value, sort_keys=sort_keys)) == value


@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
def test_the_text_refuses_numbers_that_are_not_json(number):
    with pytest.raises(StatementError):
        json_text({"a": None, "b": [number]})


def test_a_null_extension_value_is_allowed():
    assert json_text({"a": None}) == b'{"a":null}'


@pytest.mark.parametrize("number", ["NaN", "1e400"])
def test_a_statement_with_a_number_that_is_not_finite_is_400_and_stores_nothing(lrs, number):
    body = json.dumps(with_extension("x")).replace('"x"', number)

    response = lrs.post(body)

    assert response.status_code == 400
    assert Statement.objects.count() == 0
