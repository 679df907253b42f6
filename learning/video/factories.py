"""Factories for video tests: wagtailmedia videos (tiny stand-in files) and caption tracks."""

import factory
from wagtail.models import Collection
from wagtailmedia.models import get_media_model

from learning.video.models import CaptionKind, CaptionTrack

# The first bytes of a WebM file: enough for the content check, not a playable video.
WEBM_HEAD = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm" + b"\0" * 64

DANISH_VTT = (
    "WEBVTT\n\n"
    "00:00.000 --> 00:04.000\nFørst logger du ind i FMK.\n\n"
    "00:04.000 --> 00:08.000\nSå åbner du medicinkortet.\n"
)


def root_collection():
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


class VideoFactory(factory.django.DjangoModelFactory):
    """A wagtailmedia video whose server-known duration is 100 seconds."""

    class Meta:
        model = get_media_model()

    title = factory.Sequence(lambda n: f"Videovejledning {n}")
    type = "video"
    duration = 100.0
    file = factory.django.FileField(filename="clip.webm", data=WEBM_HEAD)
    collection = factory.LazyFunction(root_collection)


class CaptionTrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaptionTrack

    media = factory.SubFactory(VideoFactory)
    kind = CaptionKind.CAPTIONS
    language = "da"
    file = factory.django.FileField(filename="captions.vtt", data=DANISH_VTT.encode())
