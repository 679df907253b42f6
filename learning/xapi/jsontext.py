"""JSON text on the statement-ingest path: parsing bodies, the stored text and the canonical
text that duplicate detection hashes.

orjson does all three several times faster than the standard library: parsing the body and
serialising every statement twice was about a seventh of the server's CPU per statement in a
POST of 100. The results are the standard library's, value for value:

- orjson parses every JSON text as the standard library does except integers beyond 64 bits,
  which it turns into floats; a body with a run of 19 digits (and any body orjson refuses) is
  parsed by the standard library instead.
- Where orjson refuses to write a value (integers beyond 64 bits, lone surrogates), the standard
  library writes it.
- The written text equals the standard library's except for floats below 1e-4 (``0.00001``
  against ``1e-05``). Every stored hash was written by ``canonical``, which picks its writer
  by the value alone, so a re-sent statement hashes as it did the first time.
"""

import json

import orjson

# A number orjson may not hold as an int has 19 digits or more (-2**63 has 19). Finding a run of
# 19 digits: map every digit to "0" and everything else to "." and search for the run, two
# passes in C; a regular expression took four times as long as parsing. Digits in strings also
# match, which only costs the faster parser.
_DIGITS_AS_ZEROS = bytes(48 if 48 <= byte <= 57 else 46 for byte in range(256))
_LONG_RUN = b"0" * 19


def loads(raw):
    """Parse a JSON body (bytes) as ``json.loads`` does; raises ``ValueError`` as it does."""
    if _LONG_RUN not in raw.translate(_DIGITS_AS_ZEROS):
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass  # not JSON, or JSON orjson refuses (NaN, lone surrogates): the stdlib decides
    return json.loads(raw)


class NotStorable(ValueError):
    """A parsed statement the LRS does not store (``NotFinite``, ``TooDeep``)."""


class NotFinite(NotStorable):
    """A NaN or an infinite number: not JSON, and PostgreSQL's JSONB refuses them."""


class TooDeep(NotStorable):
    """Objects and arrays nested deeper than ``MAX_NESTING``."""


# orjson writes up to this many levels of nesting (its documented recursion limit) and the
# LRS stores no deeper JSON, extension values included: deeper text would be written by the
# standard library until Python's own recursion limit, a boundary that moves with the stack.
MAX_NESTING = 254


def _deeper_than(value, limit):
    if not isinstance(value, dict | list):
        return False
    if limit == 0:
        return True
    items = value.values() if isinstance(value, dict) else value
    return any(_deeper_than(item, limit - 1) for item in items)


def canonical(value):
    """UTF-8 JSON with sorted keys and no spaces: the text duplicate detection hashes.

    Raises NotFinite for NaN and infinities, which orjson would write as null, and TooDeep
    for nesting beyond ``MAX_NESTING``."""
    try:
        text = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:
        if _deeper_than(value, MAX_NESTING):
            raise TooDeep(f"JSON nested deeper than {MAX_NESTING} levels is not stored") from None
        text = None
    if text is None or b"null" in text:  # rare: only then look for numbers orjson nulled
        try:
            json.dumps(value, allow_nan=False)
        except ValueError:
            raise NotFinite("numbers must be finite (NaN and Infinity are not JSON)") from None
    return text if text is not None else stdlib_canonical(value)


def stdlib_canonical(value):
    """The canonical text as the standard library writes it, for values orjson refuses."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def dumps(value):
    """Compact JSON text for storage (the database parses it again: JSONB). Callers pass only
    statements whose canonical text was computed, so non-finite numbers never get here."""
    try:
        return orjson.dumps(value).decode()
    except orjson.JSONEncodeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
