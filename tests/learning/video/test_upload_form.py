import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Collection
from wagtailmedia.forms import get_media_form
from wagtailmedia.models import get_media_model

from learning.video.factories import WEBM_HEAD
from learning.video.forms import VideoMediaForm
from learning.video.validators import video_container

pytestmark = pytest.mark.django_db

MP4_HEAD = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + b"\0" * 32
FORM_BASE = {
    "MEDIA_FORM_BASE": "learning.video.forms.VideoMediaForm",
    "AUDIO_EXTENSIONS": [],
    "VIDEO_EXTENSIONS": ["mp4", "webm"],
}


def form_for(name, content):
    Form = get_media_form(get_media_model())
    media = get_media_model()(type="video")
    data = {"title": "FMK", "collection": Collection.get_first_root_node().pk, "duration": 0}
    return Form(
        data, {"file": SimpleUploadedFile(name, content)}, instance=media, user=None, prefix=""
    )


@pytest.fixture(autouse=True)
def checked_form(settings):
    settings.WAGTAILMEDIA = FORM_BASE


def test_wagtailmedia_builds_its_form_on_ours():
    assert issubclass(get_media_form(get_media_model()), VideoMediaForm)


@pytest.mark.parametrize(("name", "content"), [("clip.webm", WEBM_HEAD), ("clip.mp4", MP4_HEAD)])
def test_webm_and_mp4_content_is_accepted(name, content):
    form = form_for(name, content)
    assert form.is_valid(), form.errors


def test_a_file_named_mp4_that_is_not_a_video_is_refused():
    form = form_for("clip.mp4", b"<html><script>alert(1)</script></html>" + b" " * 40)
    assert not form.is_valid()
    assert "ikke en MP4- eller WebM-video" in str(form.errors["file"])


def test_a_video_over_the_size_limit_is_refused(settings):
    settings.VIDEO_MAX_UPLOAD_MB = 0
    form = form_for("clip.webm", WEBM_HEAD)
    assert not form.is_valid()
    assert "større end 0 MB" in str(form.errors["file"])


def test_matroska_that_is_not_webm_is_not_taken_for_webm():
    assert video_container(b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01matroska" + b"\0" * 40) is None
    assert video_container(WEBM_HEAD) == "webm"
    assert video_container(MP4_HEAD) == "mp4"
