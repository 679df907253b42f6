"""A strict, small WebVTT reader: enough to validate uploads and read cues for transcripts.

Hand-written rather than a library: the format's timing lines are one regular expression, and
we want to refuse anything that is not WebVTT (checked by content, never by file name), which
lenient parsers do not. Follows https://www.w3.org/TR/webvtt1/ for the file signature, cue
timings, and NOTE/STYLE/REGION blocks; cue settings are kept out of the text.

Linear in its input: every pattern is anchored or stops at the next "<", and no line is scanned
more than a fixed number of times, so a hostile file of the upload limit parses in milliseconds
(a tag pattern that ran to the next ">" made 100,000 "<" take seconds). Messages are translated
(``gettext``), since they reach the educator through the upload form.
"""

import html
import re
from typing import NamedTuple

from django.utils.translation import gettext as _

TIMESTAMP = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
TIMING_RE = re.compile(rf"^{TIMESTAMP}[ \t]+-->[ \t]+{TIMESTAMP}(?:[ \t]+.*)?$")
SIGNATURE_RE = re.compile(r"^WEBVTT(?:[ \t].*)?$")
# "[^<>]" rather than "[^>]": an unclosed "<" ends at the next "<", so the scan stays linear.
TAG_RE = re.compile(r"<[^<>]*>")


class WebVTTError(ValueError):
    """The text is not valid WebVTT; the message says where."""


class Cue(NamedTuple):
    start: float
    end: float
    text: str  # plain text: tags removed, entities decoded, lines joined by a space


def _seconds(hours, minutes, seconds, millis):
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def _plain_line(line):
    # Most lines have neither markup nor entities; skipping the work keeps big files cheap.
    if "<" in line:
        line = TAG_RE.sub("", line)
    if "&" in line:
        line = html.unescape(line)
    return line.strip()


def plain_text(payload):
    """Cue payload without markup (<v Name>, <i>, timestamps) as one line."""
    return " ".join(_plain_line(line) for line in payload if line.strip())


def parse(text):
    """The cues of a WebVTT text, in file order. Raises WebVTTError when it is not WebVTT or
    has no cue."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        raise WebVTTError(_("the file contains NUL characters"))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not SIGNATURE_RE.match(lines[0]):
        raise WebVTTError(_("the file does not start with WEBVTT"))
    position = 1
    while position < len(lines) and lines[position].strip():  # header lines after WEBVTT
        if "-->" in lines[position]:
            raise WebVTTError(_("the signature must be followed by a blank line"))
        position += 1
    blocks, current = [], []
    for number, line in enumerate(lines[position:], start=position + 1):
        if line.strip():
            current.append((number, line))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    cues = []
    for block in blocks:
        first_number, first = block[0]
        if first.split(None, 1)[0] in ("NOTE", "STYLE", "REGION") and "-->" not in first:
            continue
        timing_index = 0 if "-->" in first else 1
        if timing_index >= len(block):
            raise WebVTTError(
                _("line %(line)d: a cue identifier without cue timings") % {"line": first_number}
            )
        number, timing = block[timing_index]
        match = TIMING_RE.match(timing.strip())
        if not match:
            raise WebVTTError(
                _("line %(line)d: malformed cue timings “%(text)s”")
                % {"line": number, "text": timing.strip()[:60]}
            )
        start = _seconds(*match.groups()[:4])
        end = _seconds(*match.groups()[4:])
        if end <= start:
            raise WebVTTError(_("line %(line)d: the cue ends before it starts") % {"line": number})
        payload = [line for _, line in block[timing_index + 1 :]]
        if any("-->" in line for line in payload):
            raise WebVTTError(_("line %(line)d: a cue text contains “-->”") % {"line": number})
        cues.append(Cue(start, end, plain_text(payload)))
    if not cues:
        raise WebVTTError(_("the file has no cues"))
    return cues


def format_timestamp(seconds):
    """0:05, 1:05:09: how times are shown next to transcript lines and chapters."""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
