"""The uuid[] literal of the ingest path's plain SQL: only UUIDs get into it."""

import uuid

import pytest

from learning.xapi.sqlparams import uuid_array

ID = "0f2b8a1c-7d3e-4f5a-9b6c-1d2e3f4a5b6c"


def test_uuids_in_any_form_become_one_array_literal():
    forms = [ID, ID.upper(), uuid.UUID(ID), ID.replace("-", ""), "{" + ID + "}", f"{ID}}}"]
    assert uuid_array(forms) == "{" + ",".join([ID, ID.upper(), ID, ID, ID, ID]) + "}"


@pytest.mark.parametrize(
    "bad",
    [
        "not a uuid",
        f"{ID},{ID}",  # would be two elements
        f"{ID}}},{ID}",  # would close the literal
        f'{ID}"',
        ID[:-1],
        "",
    ],
)
def test_anything_but_a_uuid_is_refused_before_it_reaches_the_literal(bad):
    with pytest.raises(ValueError):
        uuid_array([ID, bad])
