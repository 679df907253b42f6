"""The page editor's video chooser (issue 15): every video an educator may use, with its poster
frame and its length as mm:ss, searchable; choosing one fills the video guide's field and the
lesson's video block. Learners get no chooser, and a forged id of an audio item gets nothing."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.blocks import LessonStreamBlock
from cms.models import VideoGuidePage
from learning.organisations.permissions import content_collection
from learning.video.chooser import duration_label
from learning.video.factories import VideoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def videos(hjorring, aalborg):
    """Hjørring's own video with a poster, Aalborg's (read, not changed, by Hjørring) and an
    audio item that is no video."""
    own = VideoFactory(
        title="Log ind med MitID Erhverv",
        duration=68.4,
        collection=content_collection(hjorring),
        thumbnail=ContentFile(b"\xff\xd8\xff\xe0poster", name="mitid-poster.jpg"),
    )
    other = VideoFactory(
        title="TeleCare Nord: målinger", duration=3725, collection=content_collection(aalborg)
    )
    audio = VideoFactory(title="Lydfil om FMK", type="audio")
    return own, other, audio


def modal_html(response):
    assert response.status_code == 200
    return json.loads(response.content)["html"]


def test_the_chooser_lists_every_video_with_its_poster_and_its_length_in_danish(
    client, jesper, videos
):
    own, other, audio = videos
    client.force_login(jesper)
    html = modal_html(client.get(reverse("video_chooser:choose")))
    assert "Vælg en video" in html
    assert f'src="{own.thumbnail.url}"' in html
    assert "01:08" in html  # 68.4 s
    assert other.title in html and "1:02:05" in html  # another employer's: used, not changed
    assert "Plakatbillede" in html and "Varighed" in html
    assert audio.title not in html
    assert reverse("video_chooser:chosen", args=[own.pk]) in html


def test_the_chooser_searches_by_title(client, jesper, videos):
    own, other, _audio = videos
    client.force_login(jesper)
    response = client.get(reverse("video_chooser:choose_results"), {"q": "MitID"})
    html = response.content.decode()
    assert own.title in html
    assert other.title not in html


def test_choosing_a_video_answers_its_id_and_title_with_length(client, jesper, videos):
    own, other, audio = videos
    client.force_login(jesper)
    response = client.get(reverse("video_chooser:chosen", args=[own.pk]))
    result = json.loads(response.content)["result"]
    assert (result["id"], result["title"]) == (str(own.pk), "Log ind med MitID Erhverv (01:08)")
    assert result["edit_url"] == reverse("wagtailmedia:edit", args=[own.pk])
    # Another employer's video is chosen as well, but offers no edit link: it is theirs.
    result = json.loads(client.get(reverse("video_chooser:chosen", args=[other.pk])).content)
    assert (result["result"]["id"], result["result"]["edit_url"]) == (str(other.pk), None)
    assert client.get(reverse("video_chooser:chosen", args=[audio.pk])).status_code == 404


def test_a_learner_gets_no_chooser_and_no_video(client, mette, videos):
    own, _other, _audio = videos
    client.force_login(mette)
    for url in (reverse("video_chooser:choose"), reverse("video_chooser:chosen", args=[own.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert own.title not in response.content.decode()


def test_the_video_guide_editor_uses_the_chooser_and_saves_the_chosen_video(
    client, jesper, videos, catalogue
):
    own, other, _audio = videos
    client.force_login(jesper)
    url = reverse("wagtailadmin_pages:add", args=["cms", "videoguidepage", catalogue.pk])
    body = client.get(url).content.decode()
    assert reverse("video_chooser:choose") in body
    assert '<select name="video"' not in body
    data = nested_form_data(
        {
            "title": "MitID Erhverv i praksis",
            "slug": "mitid-erhverv-i-praksis",
            "summary": "Sådan logger du sikkert ind.",
            "estimated_minutes": 2,
            "video": other.pk,  # another employer's video: everyone may use it
            "specialist_name": "",
            "specialist_title": "",
            "notes": rich_text(""),
            "cover_image_alt": "",
            "competence_links": inline_formset([]),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert VideoGuidePage.objects.get(slug="mitid-erhverv-i-praksis").video_id == other.pk


def test_the_lesson_video_block_uses_the_chooser_and_refuses_an_audio_item(videos):
    own, _other, audio = videos
    chooser = LessonStreamBlock().child_blocks["video"].child_blocks["video"]
    assert chooser.widget.chooser_modal_url_name == "video_chooser:choose"
    assert chooser.clean(own.pk) == own
    with pytest.raises(ValidationError):
        chooser.clean(audio.pk)


def test_lengths_are_minutes_and_seconds():
    assert [duration_label(s) for s in (0, 9.6, 68.4, 600, 3725)] == [
        "",
        "00:10",
        "01:08",
        "10:00",
        "1:02:05",
    ]
