"""Queue probing after a video is saved: on commit, so the worker sees the row and the file."""

from django.db import transaction

from learning.video.tasks import probe_media


def queue_probe(sender, instance, **kwargs):
    if instance.type != "video" or not instance.file:
        return
    media_id = instance.pk
    transaction.on_commit(lambda: probe_media.delay(media_id))
