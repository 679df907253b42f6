"""Thin the statement log: fine-grained events are kept only as long as they are useful.

Video events (played, paused, seeked, and the video's initialized, terminated and interacted)
and single quiz answers (answered) older than ``XAPI_DETAIL_RETENTION_DAYS`` (default 180) are
deleted with their index rows. Completions, passed/failed, sign-offs and everything else stay.
The projections (video progress, quiz attempts, enrolments) already hold what these events
meant; before video events go, each person's video progress is stored as a summary statement
(``learning.video.retention``, registered with ``keep_before_thinning``) that
``rebuild_progress`` starts from, so deleting them changes no one's progress, not even after a
rebuild. Running it twice deletes nothing more.
"""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from learning.xapi import vocabulary as v
from learning.xapi.models import Statement

BATCH = 2000

# Verbs that only the Video Profile uses: any statement with them is a video event.
VIDEO_ONLY_VERBS = (v.PLAYED.id, v.PAUSED.id, v.SEEKED.id)
# Verbs that cmi5 courses use too: only their video statements are detail.
SHARED_VIDEO_VERBS = (v.INITIALIZED.id, v.TERMINATED.id, v.INTERACTED.id)


# Apps whose projections summarise detail statements (the video app), called before they go.
_keepers = []


def keep_before_thinning(keep):
    """Register ``keep(statements)``: called with the queryset of detail statements about to be
    deleted, inside the job and before they are, so the app can store what they meant."""
    if keep not in _keepers:
        _keepers.append(keep)


def retention_days():
    return int(getattr(settings, "XAPI_DETAIL_RETENTION_DAYS", 180))


def detail_filter():
    """A Q for the fine-grained statements (see the module docstring)."""
    return (
        Q(verb_id__in=VIDEO_ONLY_VERBS)
        | Q(verb_id__in=SHARED_VIDEO_VERBS, data__object__definition__type=v.VIDEO_TYPE)
        | Q(verb_id=v.ANSWERED.id)
    )


def thin_detail_statements(now=None):
    """Delete detail statements stored before the cut-off, in batches; returns how many.

    Queries: two per BATCH statements (select ids, delete with cascades to the index rows).
    """
    cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days())
    old = Statement.objects.filter(stored__lt=cutoff).filter(detail_filter())
    # What the events made is kept first (the video app stores summary statements), so a
    # rebuild of the projections gives everyone the same progress after the thinning as before.
    for keep in _keepers:
        keep(old)
    deleted = 0
    while True:
        ids = list(old.values_list("pk", flat=True)[:BATCH])
        if not ids:
            return deleted
        Statement.objects.filter(pk__in=ids).delete()
        deleted += len(ids)
