"""The video player in a real Chromium: keyboard only, statements to the LRS, completion decided
by the server, and axe-core on the player. The test video is WebM (VP8); the MP4 beside it is
played in the learner's video-guide journey (test_learning_journey.py)."""

import pytest

from learning.accounts.factories import TEST_PASSWORD
from learning.video import tasks
from learning.video.activity import video_activity_id
from learning.video.factories import CaptionTrackFactory, VideoFactory
from learning.video.progress import is_video_complete, progress_for
from learning.xapi import vocabulary as xapi
from learning.xapi.actors import actor_for
from learning.xapi.models import Statement
from tests.browser.conftest import (
    DESKTOP,
    assert_accessible,
    assert_no_horizontal_scroll,
    browser_page,
    log_in,
    tab_to,
    wait_for,
)
from tests.browser.video_urls import MEDIA_URL
from tests.learning.video.videos import make_webm

pytestmark = [pytest.mark.browser, pytest.mark.urls("tests.browser.video_urls")]

CAPTIONS = (
    "WEBVTT\n\n00:00.000 --> 00:02.000\nFørst logger du ind i FMK.\n\n"
    "00:02.000 --> 00:04.000\nSå åbner du medicinkortet.\n"
)


@pytest.fixture
def video(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_URL = MEDIA_URL
    from django.core.files import File

    path = make_webm(tmp_path / "fmk.webm", seconds=4, size="320x180")
    with open(path, "rb") as source:
        media = VideoFactory(title="Log ind i FMK", duration=0, file=File(source, name="fmk.webm"))
    tasks.probe_media(media.pk)  # the server's own length, as after an upload
    media.refresh_from_db()
    CaptionTrackFactory(media=media, file__data=CAPTIONS.encode())
    return media


@pytest.fixture
def desktop_page(chromium):
    """One viewport is enough for the journeys; the accessibility test runs on both."""
    with browser_page(chromium, DESKTOP) as page:
        yield page


def settled(page):
    """Wait until the player has no statement in flight. The test reads the database only
    then: SQLite's shared in-memory database locks a table while the server writes it."""
    assert wait_for(
        lambda: page.evaluate(
            "() => document.querySelector('[data-video-player]').videoPlayer.sender.pending === 0"
        )
    )


def leave(page):
    """Terminate the session and leave, so no request is still writing when the test database
    is flushed."""
    page.evaluate("() => document.querySelector('[data-video-player]').videoPlayer.terminate()")
    settled(page)
    page.goto("about:blank")


def open_player(page, live_server, learner, video):
    log_in(page, live_server.url, learner.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/video-test/{video.pk}/")
    page.wait_for_selector("[data-video-player][data-ready] .video-controls:not([hidden])")


def verbs_stored(activity_id):
    return set(
        Statement.objects.filter(object_activity_id=activity_id).values_list("verb_id", flat=True)
    )


def test_a_video_guide_is_completed_with_the_keyboard_alone(
    desktop_page, live_server, learner, video
):
    page = desktop_page
    activity = video_activity_id(video)
    open_player(page, live_server, learner, video)
    tab_to(page, "[data-action=play]")
    page.keyboard.press("Enter")
    assert wait_for(lambda: page.evaluate("() => document.querySelector('video').ended"), 20)
    tab_to(page, ".video-transcript [data-seek='2.000']")
    page.keyboard.press("Enter")
    assert wait_for(
        lambda: page.evaluate(
            "() => Math.abs(document.querySelector('video').currentTime - 2) < 0.5"
        )
    )
    leave(page)
    assert is_video_complete(learner, activity)
    assert {
        xapi.INITIALIZED.id,
        xapi.PLAYED.id,
        xapi.PAUSED.id,
        xapi.SEEKED.id,
        xapi.COMPLETED.id,
        xapi.TERMINATED.id,
    } <= verbs_stored(activity)
    row = progress_for(learner, activity)
    assert row.length == pytest.approx(4.0, abs=0.2)  # probed on the server
    assert row.progress >= 0.9
    stored = Statement.objects.filter(object_activity_id=activity).first()
    assert stored.data["actor"] == actor_for(learner)


@pytest.fixture
def long_video(settings, tmp_path):
    """Two minutes: the server accepts a claim of watched time only as fast as twice the time
    since the first statement plus 3 s, so a forged claim of the whole video stays refused
    however slowly a loaded machine runs the test (4 s were passed after half a second)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_URL = MEDIA_URL
    from django.core.files import File

    path = make_webm(tmp_path / "long.webm", seconds=120)
    with open(path, "rb") as source:
        media = VideoFactory(title="Log ind i FMK", duration=0, file=File(source, name="long.webm"))
    tasks.probe_media(media.pk)
    media.refresh_from_db()
    return media


def test_a_forged_completed_statement_from_the_page_does_not_complete_the_video(
    desktop_page, live_server, learner, long_video
):
    page = desktop_page
    video = long_video
    activity = video_activity_id(video)
    open_player(page, live_server, learner, video)
    status = page.evaluate(
        """(activity) => {
            const root = document.querySelector('[data-video-player]');
            return fetch(root.dataset.endpoint, {
                method: 'POST', credentials: 'same-origin',
                headers: {'Content-Type': 'application/json',
                          'X-Experience-API-Version': '1.0.3',
                          'X-CSRFToken': root.dataset.csrfToken},
                body: JSON.stringify({
                    verb: {id: 'http://adlnet.gov/expapi/verbs/completed'},
                    object: {id: activity, definition: {
                        type: 'https://w3id.org/xapi/video/activity-type/video'}},
                    result: {completion: true, extensions: {
                        'https://w3id.org/xapi/video/extensions/progress': 1,
                        'https://w3id.org/xapi/video/extensions/played-segments': '0[.]120'}},
                    context: {extensions: {
                        'https://w3id.org/xapi/video/extensions/session-id': 'forged'}}})
            }).then((response) => response.status);
        }""",
        activity,
    )
    assert status == 200
    leave(page)
    assert Statement.objects.filter(verb_id=xapi.COMPLETED.id).count() == 1
    assert not is_video_complete(learner, activity)


def test_the_player_has_no_wcag_violations_and_fits_the_screen(page, live_server, learner, video):
    open_player(page, live_server, learner, video)
    assert page.locator("h1").count() == 1
    assert page.locator("track[srclang=da][default]").count() == 1
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
    leave(page)
