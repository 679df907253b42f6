"""Query parameters for the ingest path's plain SQL on PostgreSQL."""

import uuid

from learning.xapi.statement_schema import UUID_RE


def _uuid_text(value):
    text = str(value)
    if UUID_RE.match(text):  # the usual form: a tenth of the cost of parsing it
        return text
    return str(uuid.UUID(text))  # any other form of a UUID, or ValueError


def uuid_array(values):
    """One ``uuid[]`` parameter (use as ``%s::uuid[]``) holding ``values`` (UUIDs or UUID
    strings), written as one array literal.

    Django's psycopg cursor quotes parameters in Python, element by element for a list; for the
    100 ids of a batch that cost more CPU than running the query (and psycopg's own list
    dumper, on the bound cursors, costs two thirds of this). Each value is checked to be a
    UUID, so nothing but hex digits and dashes enters the literal."""
    return "{" + ",".join(map(_uuid_text, values)) + "}"
