"""Played segments: the Video Profile's "start[.]end[,]start[.]end" strings as merged lists of
[start, end] pairs in seconds."""

import math

# Gaps smaller than this between two segments are closed: timeupdate events arrive every
# 250 ms or so, so a learner who watched straight through may report touching segments.
JOIN_GAP = 0.5


def parse(value, length=None):
    """Segments from a played-segments string; malformed pairs are skipped, never raised, since
    a client's garbage must not roll back the statements it came with."""
    if not isinstance(value, str):
        return []
    pairs = []
    for part in value.split("[,]"):
        start, sep, end = part.partition("[.]")
        if not sep:
            continue
        try:
            start, end = float(start), float(end)
        except ValueError:
            continue
        if not (math.isfinite(start) and math.isfinite(end)) or end <= start or start < 0:
            continue
        if length:
            start, end = min(start, length), min(end, length)
            if end <= start:
                continue
        pairs.append([start, end])
    return merge(pairs)


def merge(*lists):
    """The union of segment lists, sorted and with overlapping or nearly touching pairs joined."""
    pairs = sorted([float(s), float(e)] for segments in lists for s, e in segments)
    merged = []
    for start, end in pairs:
        if merged and start <= merged[-1][1] + JOIN_GAP:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [[round(s, 3), round(e, 3)] for s, e in merged]


def covered(segments):
    """Seconds covered by merged segments."""
    return sum(end - start for start, end in segments)


def format_segments(segments):
    return "[,]".join(f"{start:g}[.]{end:g}" for start, end in segments)
