"""The text a reportlab PDF shows, for tests: its content streams, inflated, with the strings
drawn by Tj operators joined. Enough for our own simple PDFs (no PDF library is a dependency)."""

import base64
import re
import zlib


def _streams(pdf):
    for match in re.finditer(rb"<<(.*?)>>\s*stream\r?\n(.*?)endstream", pdf, re.S):
        header, data = match.groups()
        if b"ASCII85Decode" in header:
            data = base64.a85decode(data.strip(), adobe=True)
        if b"FlateDecode" in header:
            data = zlib.decompress(data)
        yield data


def _unescape(raw):
    text = re.sub(rb"\\([0-7]{1,3})", lambda m: bytes([int(m.group(1), 8)]), raw)
    text = re.sub(rb"\\(.)", rb"\1", text)
    return text.decode("cp1252")


def pdf_text(pdf):
    """Every string drawn in ``pdf`` (bytes), one per line, in drawing order."""
    lines = []
    for stream in _streams(pdf):
        for raw in re.findall(rb"\(((?:[^()\\]|\\.)*)\)\s*Tj", stream, re.S):
            lines.append(_unescape(raw))
    return "\n".join(lines)
