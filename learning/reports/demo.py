"""Demo coverage history: month-start snapshots for the last six months and today's, so the
demo manager sees a trend and the region view has numbers. Computed from the demo's own jobs and
records through the status module (a past day simply counts what was true then). Idempotent:
each day's snapshot is replaced, not added."""

from .snapshots import backfill, take_snapshot

DEMO_MONTHS = 6


def load_reports_demo():
    backfill(DEMO_MONTHS)
    take_snapshot()
