"""The page editor's video chooser in a real Chromium at phone size (issue 15): the educator
opens it from the video guide's video field, sees each video's poster frame and length, searches,
chooses one, and the field shows it; then the same in a lesson's video block."""

from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from cms.factories import catalogue_tree, course_with_lessons
from learning.accounts.factories import TEST_PASSWORD
from learning.video.factories import VideoFactory
from tests.browser.conftest import PHONE, browser_page, log_in, wait_for

pytestmark = pytest.mark.browser


def poster():
    out = BytesIO()
    Image.new("RGB", (160, 90), "#0b6e8a").save(out, "JPEG")
    return ContentFile(out.getvalue(), name="mitid-poster.jpg")


@pytest.fixture
def catalogue(db):
    return catalogue_tree()


@pytest.fixture
def videos(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    chosen = VideoFactory(title="Log ind med MitID Erhverv", duration=68.4, thumbnail=poster())
    VideoFactory(title="TeleCare Nord: målinger", duration=72.9)
    return chosen


def test_an_educator_chooses_a_video_by_its_poster_and_length_on_a_phone(
    chromium, live_server, educator, catalogue, videos
):
    chosen = videos
    with browser_page(chromium, PHONE) as page:
        log_in(page, live_server.url, educator.email, TEST_PASSWORD)
        page.goto(f"{live_server.url}/cms/pages/add/cms/videoguidepage/{catalogue.pk}/")
        page.get_by_role("button", name="Vælg en video").click()

        modal = page.locator(".modal-content")
        modal.get_by_text("01:08").wait_for()
        row = modal.locator("tr", has_text=chosen.title)
        assert row.locator("img").get_attribute("src") == chosen.thumbnail.url
        assert wait_for(lambda: row.locator("img").evaluate("img => img.naturalWidth") == 160)
        assert "TeleCare Nord: målinger" in modal.inner_text()
        assert modal.locator("th", has_text="Varighed").is_visible()
        assert modal.locator("th", has_text="Plakatbillede").is_visible()

        modal.locator("input[name=q]").fill("MitID")
        assert wait_for(lambda: "TeleCare Nord" not in modal.inner_text())
        modal.get_by_role("link", name=chosen.title).click()

        field = page.locator("[data-field-input] #id_video")
        assert wait_for(lambda: field.input_value() == str(chosen.pk))
        assert page.get_by_text("Log ind med MitID Erhverv (01:08)").is_visible()
        width = page.evaluate("document.documentElement.clientWidth")
        assert width == PHONE["width"]

        # A lesson's video block uses the same chooser.
        course, _lessons = course_with_lessons(catalogue, title="MitID Erhverv")
        page.goto(f"{live_server.url}/cms/pages/add/cms/lessonpage/{course.pk}/")
        page.locator("button.c-sf-add-button").first.click()
        page.get_by_role("option", name="Video", exact=True).click()
        page.get_by_role("button", name="Vælg en video").click()
        modal = page.locator(".modal-content")
        modal.get_by_text("01:08").wait_for()
        modal.get_by_role("link", name=chosen.title).click()
        assert wait_for(lambda: page.get_by_text("Log ind med MitID Erhverv (01:08)").is_visible())
