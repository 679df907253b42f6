"""What other apps ask of the video app: the page types (``cms``) and progress.

Each function accepts a page's empty video field (``media`` None) and answers as if the video
were unknown: no Danish captions, no transcript, no known length.
"""

from learning.video import activity, captions, probe, progress


def has_danish_captions(media):
    """True when the media item has a Danish caption track (may query the database)."""
    return media is not None and captions.has_danish_captions(media)


def transcript_text(media):
    """The plain transcript of the Danish captions, or "" (may query the database)."""
    return (captions.transcript_text(media) or "") if media is not None else ""


def completed_at(user, activity_id):
    """When the video app decided the video was watched (deterministic on replay), or None."""
    return getattr(progress.progress_for(user, activity_id), "completed_at", None)


def watched_at(user, media_id):
    """When the video app decided ``user`` watched the uploaded video ``media_id`` (in any
    lesson: its canonical activity), or None (one query)."""
    return progress.watched_at(user, media_id)


def has_known_duration(media):
    """Whether the server knows how long the video is (probing it now if it has not been),
    which completion is measured against."""
    return media is not None and bool(probe.ensure_duration(media))


def register_activity(activity_id, media):
    """Tell the video app that ``activity_id`` shows ``media`` (when a page is published)."""
    if media is not None:
        activity.remember_activity(activity_id, media)


def on_video_completed(callback):
    """Register ``callback(user, activity_id)`` for a video its viewer has now watched."""
    progress.on_video_completed(callback)


def on_video_uncompleted(callback):
    """Register ``callback(user, activity_id)`` for a video no longer complete after a
    voiding."""
    progress.on_video_uncompleted(callback)
