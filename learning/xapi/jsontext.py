"""JSON text on the statement-ingest path: the stored text and the canonical text that duplicate
detection hashes.

orjson writes both several times faster than the standard library: serialising every statement
twice was about a tenth of the server's CPU per statement in a POST of 100. Where orjson refuses
a value the standard library takes (integers beyond 64 bits, lone surrogates), the standard
library takes over. Both give the same text except for floats below 1e-4 (``0.00001`` against
``1e-05``); the store therefore also checks a stored hash against the standard library's text
before calling a re-sent statement a conflict (``store.store_statements``).

Bodies are still parsed by the standard library: orjson turns integers beyond 64 bits into
floats, which would change what the client sent.
"""

import json

import orjson


class NotFinite(ValueError):
    """A NaN or an infinite number: not JSON, and PostgreSQL's JSONB refuses them."""


def canonical(value):
    """UTF-8 JSON with sorted keys and no spaces: the text duplicate detection hashes.

    Raises NotFinite for NaN and infinities, which orjson would write as null."""
    try:
        text = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:
        text = None
    if text is None or b"null" in text:  # rare: only then look for numbers orjson nulled
        try:
            json.dumps(value, allow_nan=False)
        except ValueError:
            raise NotFinite("numbers must be finite (NaN and Infinity are not JSON)") from None
    return text if text is not None else stdlib_canonical(value)


def stdlib_canonical(value):
    """The canonical text as the standard library writes it: what hashes stored before orjson
    were computed from."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def dumps(value):
    """Compact JSON text for storage (the database parses it again: JSONB). Callers pass only
    statements whose canonical text was computed, so non-finite numbers never get here."""
    try:
        return orjson.dumps(value).decode()
    except orjson.JSONEncodeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
