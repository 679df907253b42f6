"""The one seam to the video app (``learning.video``), built in parallel.

Each function uses the video app's implementation when it exists and otherwise a safe fallback
(no captions known: publishing is refused; no played segments known: never complete), so the
page types work before and after the video app lands.
"""

from importlib import import_module


def _video(module, name):
    try:
        return getattr(import_module(f"learning.video.{module}"), name)
    except (ImportError, AttributeError):
        return None


def has_danish_captions(media):
    """True when the media item has a Danish caption track (may query the database)."""
    fn = _video("captions", "has_danish_captions")
    return bool(fn and media is not None and fn(media))


def transcript_text(media):
    """The plain transcript of the Danish captions, or "" (may query the database)."""
    fn = _video("captions", "transcript_text")
    return (fn(media) or "") if fn and media is not None else ""


def is_video_complete(user, activity_id):
    """Whether the played segments of ``user`` cover the video (queries the database)."""
    fn = _video("progress", "is_video_complete")
    return bool(fn and fn(user, activity_id))


def completed_at(user, activity_id):
    """When the video app decided the video was watched (deterministic on replay), or None."""
    fn = _video("progress", "progress_for")
    progress = fn(user, activity_id) if fn else None
    return getattr(progress, "completed_at", None)


def on_video_completed(callback):
    """Register ``callback(user, activity_id)``; returns False if the video app has no hook."""
    fn = _video("progress", "on_video_completed")
    if fn is None:
        return False
    fn(callback)
    return True


def watched_at(user, media_id):
    """When the video app decided ``user`` watched the uploaded video ``media_id`` (in any
    lesson: its canonical activity), or None (one query)."""
    fn = _video("progress", "watched_at")
    return fn(user, media_id) if fn else None


def has_known_duration(media):
    """Whether the server knows how long the video is (probing it now if it has not been),
    which completion is measured against. Without the video app nothing can be measured."""
    fn = _video("probe", "ensure_duration")
    return bool(fn and media is not None and fn(media))


def register_activity(activity_id, media):
    """Tell the video app that ``activity_id`` shows ``media`` (when a page is published)."""
    fn = _video("activity", "remember_activity")
    if fn and media is not None:
        fn(activity_id, media)


def on_video_uncompleted(callback):
    """Register ``callback(user, activity_id)`` for a video no longer complete after a voiding;
    returns False if the video app has no hook."""
    fn = _video("progress", "on_video_uncompleted")
    if fn is None:
        return False
    fn(callback)
    return True
