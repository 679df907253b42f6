"""Video progress, decided on the server from played segments (a projection of the LRS).

Registered with ``learning.xapi.projections`` in ``VideoConfig.ready()``, so it runs inside the
transaction that stores Video Profile statements, whichever client sent them. For each
statement about a video (activity type video, or the Video Profile category):

* the played-segments extension ("0[.]12.5[,]30[.]41") is clamped to the video's length and
  merged into the person's ``VideoProgress`` (across statements and sessions);
* the length is the probed ``Media.duration`` of the Media the activity id shows
  (``activity.media_for``: registered when the page is published). A length a client claims
  is never used: without a length the server knows, segments are kept but nothing completes;
* coverage is plausible only if it fits in the time the server has seen pass since this
  person's first statement about the video, at the fastest speed the player offers
  (``MAX_PLAYBACK_RATE``) plus a little slack; statements claiming more are left out of
  the merge (their later, cumulative copies count once time has caught up);
* the video is complete when merged coverage reaches ``VIDEO_COMPLETION_THRESHOLD`` (0.9) of
  the length. A client's "completed" verb decides nothing by itself;
* "experienced" (an embedded external video, ``embeds.py``) only marks the video viewed.

Voiding a video event works the person's progress on that video out again from the log without
it (``recompute``); a video no longer complete tells the progress app. Before the retention job
deletes old video events, their progress is kept as a summary statement (``retention.py``).
Unknown actors (agents that are not platform accounts) are ignored.
"""

import logging
import uuid

from django.conf import settings

from learning.video import segments as seg
from learning.video.activity import media_activity_id, media_for
from learning.video.models import VideoProgress
from learning.video.retention import seed_from_summaries
from learning.xapi import vocabulary as xapi
from learning.xapi.actors import actor_for, agent_key, homepage, users_by_actor_id
from learning.xapi.models import Statement

logger = logging.getLogger(__name__)

MAX_PLAYBACK_RATE = 2.0  # the fastest speed in the player's menu
SLACK_SECONDS = 3.0  # timer granularity and network delay
VIDEO_VERB_IDS = {verb.id for verb in xapi.VIDEO_VERBS} | {xapi.EXPERIENCED.id}

_completion_callbacks = []
_uncompletion_callbacks = []


def on_video_completed(fn):
    """Call ``fn(user, activity_id)`` inside the storing transaction when a video first becomes
    complete for a person (also while ``rebuild_progress`` replays the log). Returns ``fn``
    (usable as a decorator); idempotent."""
    if fn not in _completion_callbacks:
        _completion_callbacks.append(fn)
    return fn


def on_video_uncompleted(fn):
    """Call ``fn(user, activity_id)`` when a video a person had completed is no longer complete
    because a statement it rested on was voided. Returns ``fn``; idempotent."""
    if fn not in _uncompletion_callbacks:
        _uncompletion_callbacks.append(fn)
    return fn


def remove_video_completed_callback(fn):
    if fn in _completion_callbacks:
        _completion_callbacks.remove(fn)


def completion_threshold():
    return getattr(settings, "VIDEO_COMPLETION_THRESHOLD", 0.9)


def is_video_complete(user, activity_id):
    """Whether the server has decided this person watched the video (one query)."""
    return VideoProgress.objects.filter(
        user=user, activity_id=activity_id, completed_at__isnull=False
    ).exists()


def is_video_viewed(user, activity_id):
    """Whether the person opened the video at all: how embedded external videos count (one
    query)."""
    return VideoProgress.objects.filter(
        user=user, activity_id=activity_id, viewed_at__isnull=False
    ).exists()


def watched_at(user, media_id):
    """When the server decided the person watched the uploaded video ``media_id`` (its
    canonical activity, the one lessons use), or None. One query."""
    return (
        VideoProgress.objects.filter(
            user=user,
            activity_id=media_activity_id(media_id),
            completed_at__isnull=False,
        )
        .values_list("completed_at", flat=True)
        .first()
    )


def progress_for(user, activity_id):
    """The person's VideoProgress row for a video, or None (one query)."""
    return VideoProgress.objects.filter(user=user, activity_id=activity_id).first()


def reset_video_progress():
    """Empty the projection before ``rebuild_progress`` replays the log, then start each
    person's progress from the summary the retention job stored before thinning
    (``retention.py``), so thinned events still count. The replay uses each statement's
    original ``stored`` time, so the plausibility clock gives the same result."""
    VideoProgress.objects.all().delete()
    seed_from_summaries()


def _is_video_statement(data):
    obj = data.get("object") or {}
    if obj.get("objectType", "Activity") != "Activity" or data["verb"]["id"] not in VIDEO_VERB_IDS:
        return False
    if (obj.get("definition") or {}).get("type") == xapi.VIDEO_TYPE:
        return True
    categories = ((data.get("context") or {}).get("contextActivities") or {}).get("category")
    return any(a.get("id") == xapi.VIDEO_PROFILE for a in categories or ())


def _actor_uuid(actor, home):
    """The actor_id of a platform account agent (``home`` is ``homepage()``), else None."""
    account = (actor or {}).get("account") or {}
    if account.get("homePage", "").rstrip("/") != home:
        return None
    try:
        return uuid.UUID(str(account.get("name")))
    except ValueError:
        return None


def project_video_statements(statements):
    """The projection. Queries: one for the actors, then per video statement a locked
    read-or-create of the progress row, the Media once per video, and one save."""
    for row in statements:
        if row.verb_id == xapi.VOIDED.id and row.object_statement_id and not row.voided:
            _undo(row.object_statement_id)
    relevant = [row for row in statements if not row.voided and _is_video_statement(row.data)]
    if not relevant:
        return
    home = homepage()  # reads settings: once per batch, not per statement
    actors = [_actor_uuid(row.data.get("actor"), home) for row in relevant]
    users = users_by_actor_id(set(actors) - {None})
    media_cache = {}
    for row, actor_id in zip(relevant, actors, strict=True):
        user = users.get(actor_id)
        if user is not None:
            _apply(user, row, media_cache)


def _undo(statement_id):
    """A statement was voided: if it was a video event of a platform person, work out their
    progress on that video again without it."""
    target = Statement.objects.filter(statement_id=statement_id).first()
    if target is None or not _is_video_statement(target.data):
        return
    actor_id = _actor_uuid(target.data.get("actor"), homepage())
    user = users_by_actor_id({actor_id}).get(actor_id) if actor_id else None
    if user is not None:
        recompute(user, target.object_activity_id)


def recompute(user, activity_id):
    """Rebuild one person's progress on one video from the log: the latest retention summary,
    then the non-voided video events in stored order (the rebuild's own steps). When the video
    is no longer complete, the uncompletion callbacks run. Queries: a few per statement."""
    before = progress_for(user, activity_id)
    was_complete = before is not None and before.completed_at is not None
    VideoProgress.objects.filter(user=user, activity_id=activity_id).delete()
    seed_from_summaries(user, activity_id)
    rows = Statement.objects.filter(
        actor_key=agent_key(actor_for(user)), object_activity_id=activity_id, voided=False
    ).order_by("stored", "id")
    media_cache = {}
    for row in rows:
        if _is_video_statement(row.data):
            _apply(user, row, media_cache, notify=False)
    after = progress_for(user, activity_id)
    if was_complete and (after is None or after.completed_at is None):
        for fn in tuple(_uncompletion_callbacks):
            fn(user, activity_id)


def _media_for(activity_id, cache):
    if activity_id not in cache:
        cache[activity_id] = media_for(activity_id)
    return cache[activity_id]


def _apply(user, row, media_cache, *, notify=True):
    data = row.data
    activity_id = data["object"]["id"]
    progress, _ = VideoProgress.objects.select_for_update().get_or_create(
        user=user, activity_id=activity_id
    )
    media = _media_for(activity_id, media_cache)
    if media is not None and media.duration and media.duration > 0:
        progress.media, progress.length = media, float(media.duration)
    if progress.viewed_at is None:
        progress.viewed_at = row.stored
    raw = ((data.get("result") or {}).get("extensions") or {}).get(xapi.EXT_PLAYED_SEGMENTS)
    if raw is not None and data["verb"]["id"] != xapi.EXPERIENCED.id:
        _merge_segments(progress, raw, row.stored)
    covered = seg.covered(progress.segments)
    progress.progress = round(min(1.0, covered / progress.length), 4) if progress.length else 0
    newly_complete = (
        progress.completed_at is None
        and progress.length > 0
        and covered >= completion_threshold() * progress.length
    )
    if newly_complete:
        progress.completed_at = row.stored
    progress.save()
    if newly_complete and notify:
        for fn in tuple(_completion_callbacks):
            fn(user, activity_id)


def _merge_segments(progress, raw, now):
    merged = seg.merge(progress.segments, seg.parse(raw, progress.length or None))
    elapsed = max(0.0, (now - progress.viewed_at).total_seconds())
    budget = elapsed * MAX_PLAYBACK_RATE + SLACK_SECONDS
    if seg.covered(merged) > budget:
        logger.info(
            "video %s: %.1f s claimed after %.1f s; segments left out until time catches up",
            progress.activity_id,
            seg.covered(merged),
            elapsed,
        )
        return
    progress.segments = merged
