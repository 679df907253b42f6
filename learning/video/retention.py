"""Keeping video progress when the retention job thins the statement log.

Video events (played, paused, seeked, ...) older than ``XAPI_DETAIL_RETENTION_DAYS`` are deleted
(``learning.xapi.retention``), but the progress they made must survive a rebuild. Before
they go, the platform stores one summary statement per person and video
(``vocabulary.video_progress_summary``: the ADL verb "progressed" about the video) holding the
person's whole ``VideoProgress``: merged segments, progress, when the server first saw the
person on the video, when it decided the video was watched (server times), and the length it
measured against. Summaries are not detail, so they are never thinned.

``reset_video_progress`` (run before ``rebuild_progress`` replays the log) starts each person's
progress from their latest summary; the statements that remain are then merged on top as they
were live. A summary holds the whole progress at the time it was written, so merging the
statements that remain into it again changes nothing they had not already changed.
"""

import uuid

from learning.video import segments as seg
from learning.video.activity import media_for
from learning.video.models import VideoProgress
from learning.xapi import vocabulary as xapi
from learning.xapi.actors import actor_for, agent_key, homepage, users_by_actor_id
from learning.xapi.models import Statement
from learning.xapi.store import format_time, parse_time, store_statements


def retained_extension():
    """The context extension IRI that marks a summary statement (the platform's own)."""
    return f"{homepage()}/xapi/extensions/retained-video-progress"


def summary_statement(progress):
    """The summary of one VideoProgress row, as a statement dict."""
    return xapi.video_progress_summary(
        progress.user,
        progress.activity_id,
        segments=seg.format_segments(progress.segments),
        progress=progress.progress,
        completed=progress.completed_at is not None,
        retained={
            retained_extension(): {
                "segments": progress.segments,
                "length": progress.length,
                "viewed-at": format_time(progress.viewed_at) if progress.viewed_at else None,
                "completed-at": (
                    format_time(progress.completed_at) if progress.completed_at else None
                ),
            }
        },
    )


def keep_progress_of(statements):
    """Store a summary of the progress of every person and video that ``statements`` (a
    queryset of video events about to be deleted) are about; returns how many. Queries: two,
    plus the store's."""
    pairs = set(statements.values_list("actor_key", "object_activity_id").distinct())
    if not pairs:
        return 0
    rows = VideoProgress.objects.filter(
        activity_id__in={activity for _actor, activity in pairs}
    ).select_related("user")
    kept = [
        summary_statement(row)
        for row in rows
        if (agent_key(actor_for(row.user)), row.activity_id) in pairs
    ]
    if kept:
        store_statements(kept)
    return len(kept)


def _latest_summaries(user=None, activity_id=None):
    """{(actor name, activity id): retained facts}, the newest summary per pair (of one person
    and video when given)."""
    found = {}
    extension = retained_extension()
    summaries = Statement.objects.filter(verb_id=xapi.PROGRESSED.id, voided=False)
    if user is not None:
        summaries = summaries.filter(
            actor_key=agent_key(actor_for(user)), object_activity_id=activity_id
        )
    for data in summaries.order_by("stored", "id").values_list("data", flat=True).iterator():
        retained = ((data.get("context") or {}).get("extensions") or {}).get(extension)
        name = ((data.get("actor") or {}).get("account") or {}).get("name")
        if isinstance(retained, dict) and name:
            found[(name, data["object"]["id"])] = retained
    return found


def _actor_ids(names):
    valid = set()
    for name in names:
        try:
            valid.add(uuid.UUID(str(name)))
        except ValueError:
            continue
    return valid


def seed_from_summaries(user=None, activity_id=None):
    """Recreate VideoProgress rows from the latest summaries (after the reset, before the
    replay; or for one person and video, see ``progress.recompute``). Queries: the summaries,
    the people, one INSERT per row."""
    summaries = _latest_summaries(user, activity_id)
    if not summaries:
        return
    users = {
        str(actor_id): user
        for actor_id, user in users_by_actor_id(_actor_ids(n for n, _a in summaries)).items()
    }
    for (name, activity_id), retained in summaries.items():
        user = users.get(name)
        if user is None or not retained.get("viewed-at"):
            continue
        segments = seg.merge(retained.get("segments") or [])
        length = float(retained.get("length") or 0)
        completed = retained.get("completed-at")
        VideoProgress.objects.create(
            user=user,
            activity_id=activity_id,
            media=media_for(activity_id),
            length=length,
            segments=segments,
            progress=round(min(1.0, seg.covered(segments) / length), 4) if length else 0,
            viewed_at=parse_time(retained["viewed-at"]),
            completed_at=parse_time(completed) if completed else None,
        )


def keep_video_progress(detail):
    """Registered with ``learning.xapi.retention.keep_before_thinning``: summaries of the
    progress the video events among ``detail`` made (quiz answers are not the video app's)."""
    return keep_progress_of(detail.exclude(verb_id=xapi.ANSWERED.id))
