"""Background work for videos. Tasks are thin: they look up ids and call plain functions."""

from celery import shared_task
from wagtailmedia.models import get_media_model

from learning.video.probe import probe


@shared_task(ignore_result=True)
def probe_media(media_id):
    """Read duration and size and make a poster for one Media (safe to run twice)."""
    media = get_media_model().objects.filter(pk=media_id).first()
    if media is not None:
        probe(media)
