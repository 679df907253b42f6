import logging

import pytest
from django.core.files import File
from django.core.files.base import ContentFile
from PIL import Image

from learning.video import probe, tasks
from learning.video.factories import VideoFactory
from tests.learning.video.videos import make_webm

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_video(tmp_path):
    return make_webm(tmp_path / "clip.webm", seconds=2)


def upload(path, **fields):
    with open(path, "rb") as source:
        return VideoFactory(file=File(source, name="clip.webm"), duration=0, **fields)


def test_saving_a_video_probes_its_duration_and_makes_a_poster(
    real_video, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        media = upload(real_video)
    media.refresh_from_db()
    assert media.duration == pytest.approx(2.0, abs=0.2)
    assert (media.width, media.height) == (160, 90)
    with media.thumbnail.open("rb") as poster:
        image = Image.open(poster)
        assert (image.format, image.size) == ("JPEG", (160, 90))


def test_an_editors_own_thumbnail_is_kept(real_video):
    media = upload(real_video, thumbnail=ContentFile(b"own", name="own.jpg"))
    tasks.probe_media(media.pk)
    media.refresh_from_db()
    assert media.thumbnail.name.endswith("own.jpg")
    assert media.duration == pytest.approx(2.0, abs=0.2)


def test_without_ffprobe_the_fields_stay_empty_and_a_warning_is_logged(
    real_video, monkeypatch, caplog
):
    media = upload(real_video)
    monkeypatch.setattr(probe.shutil, "which", lambda name: None)
    with caplog.at_level(logging.WARNING, logger="learning.video.probe"):
        tasks.probe_media(media.pk)
    media.refresh_from_db()
    assert (media.duration, media.thumbnail.name) == (0, "")
    assert "ffprobe not found" in caplog.text


def test_a_file_ffprobe_cannot_read_leaves_the_fields_as_they_were(caplog):
    media = VideoFactory(duration=0)  # a WebM header only
    with caplog.at_level(logging.WARNING, logger="learning.video.probe"):
        tasks.probe_media(media.pk)
    media.refresh_from_db()
    assert media.duration == 0
    assert "ffprobe failed" in caplog.text or "ffprobe not found" in caplog.text


def test_the_task_ignores_a_video_deleted_before_it_ran(monkeypatch):
    called = []
    monkeypatch.setattr(tasks, "probe", called.append)
    tasks.probe_media(987654)
    assert called == []


def test_saving_queues_the_probe_only_after_the_transaction_commits(
    monkeypatch, django_capture_on_commit_callbacks
):
    probed = []
    monkeypatch.setattr(tasks, "probe", lambda media: probed.append(media.pk))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        media = VideoFactory()
        assert probed == []
    for callback in callbacks:
        callback()
    assert probed == [media.pk]
