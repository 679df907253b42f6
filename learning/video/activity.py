"""Activity ids for videos, so that the server can tell which Media a statement is about.

A video's canonical activity id is ``<account home page>/video/<media pk>``: the same video
watched from two lessons is one activity. A page may give the player its own id instead (a
video guide uses the page's activity id); the player include then remembers which Media that
id shows (``VideoActivity``), registered when the page is published and again whenever the
player renders. Either way the length that decides completion is the probed
``Media.duration``, not what a browser claims.
"""

import re

from wagtailmedia.models import get_media_model

from learning.video.models import VideoActivity
from learning.xapi.actors import homepage


def video_activity_id(media):
    """The canonical activity id of a wagtailmedia video (no query)."""
    return media_activity_id(media.pk)


def media_activity_id(media_pk):
    """The canonical activity id of the video with primary key ``media_pk`` (no query)."""
    return f"{homepage()}/video/{media_pk}"


def media_pk_for(activity_id):
    """The Media pk a canonical video activity id names, else None (no query)."""
    match = re.fullmatch(rf"{re.escape(homepage())}/video/(\d+)", activity_id or "")
    return int(match.group(1)) if match else None


def remember_activity(activity_id, media):
    """Record that ``activity_id`` shows ``media``. One SELECT; an INSERT or UPDATE only when
    the mapping is new or the page now shows another video."""
    if media_pk_for(activity_id) is not None:
        return
    known = (
        VideoActivity.objects.filter(activity_id=activity_id)
        .values_list("media_id", flat=True)
        .first()
    )
    if known != media.pk:
        VideoActivity.objects.update_or_create(activity_id=activity_id, defaults={"media": media})


def media_for(activity_id):
    """The Media an activity id is about, or None. One query."""
    pk = media_pk_for(activity_id)
    if pk is not None:
        return get_media_model().objects.filter(pk=pk).first()
    mapping = VideoActivity.objects.filter(activity_id=activity_id).select_related("media")
    found = mapping.first()
    return found.media if found else None
