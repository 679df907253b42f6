"""Thin the statement log: fine-grained events are kept only as long as they are useful.

Video events (played, paused, seeked, and the video's initialized, terminated and interacted)
and single quiz answers (answered) older than ``XAPI_DETAIL_RETENTION_DAYS`` (default 180) are
deleted with their index rows. Completions, passed/failed, sign-offs and everything else stay.
The projections (video progress, quiz attempts, enrolments) already hold what these events
meant; before video events go, each person's video progress is stored as a summary statement
(``learning.video.retention``) that ``rebuild_progress`` starts from, so deleting them changes
no one's progress, not even after a rebuild. Running it twice deletes nothing more.
"""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from learning.xapi import vocabulary as v

BATCH = 2000

# Verbs that only the Video Profile uses: any statement with them is a video event.
VIDEO_ONLY_VERBS = (v.PLAYED.id, v.PAUSED.id, v.SEEKED.id)
# Verbs that cmi5 courses use too: only their video statements are detail.
SHARED_VIDEO_VERBS = (v.INITIALIZED.id, v.TERMINATED.id, v.INTERACTED.id)


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
    from learning.video.retention import keep_progress_of
    from learning.xapi.models import Statement

    cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days())
    old = Statement.objects.filter(stored__lt=cutoff).filter(detail_filter())
    # The progress the video events made is kept as summary statements first, so a rebuild of
    # the projections gives everyone the same progress after the thinning as before it.
    keep_progress_of(old.exclude(verb_id=v.ANSWERED.id))
    deleted = 0
    while True:
        ids = list(old.values_list("pk", flat=True)[:BATCH])
        if not ids:
            return deleted
        Statement.objects.filter(pk__in=ids).delete()
        deleted += len(ids)
