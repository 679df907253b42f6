"""What publishing a page tells the progress and video apps.

A video guide's player reports on the guide's own activity id (``activities.VIDEO``). When the
guide is published, the video app is told which video that id shows, so every statement about
it is measured against the probed length of that video, from the first one on. (Lessons' videos
use the video's own activity id, which names the video already.)
"""

from learning.video import api as video

from . import activities


def register_published_video(sender, instance, **kwargs):
    """``page_published`` receiver: register the video guide's video activity."""
    page = instance.specific
    media = getattr(page, "video", None)
    if getattr(page, "activity_kind", None) == activities.VIDEO_GUIDE and media is not None:
        video.register_activity(activities.activity_id(activities.VIDEO, page.pk), media)
