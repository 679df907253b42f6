"""Query parameters for the ingest path's plain SQL on PostgreSQL."""

import uuid


def uuid_array(values):
    """One ``uuid[]`` parameter (use as ``%s::uuid[]``) holding ``values`` (UUIDs or UUID
    strings), written as one array literal.

    Django's psycopg cursor quotes parameters in Python, element by element for a list; for the
    100 ids of a batch that cost more CPU than running the query. Each value is checked to be a
    UUID, so nothing but hex digits and dashes enters the literal."""
    return "{" + ",".join(str(uuid.UUID(str(value))) for value in values) + "}"
