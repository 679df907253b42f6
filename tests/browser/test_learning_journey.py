"""The learner's way through the catalogue in a real Chromium: axe-core on every learning page,
a course completed on a phone up to a verified certificate, a lesson and a video guide completed
with the keyboard alone.

Each test loads only the demo pieces it needs (site, people, organisations, competences and the
course catalogue; not the quiz attempts or report history), which keeps the file fast.
"""

import pytest

from cms.demo import DEMO_PASSWORD
from quizzes.demo import BANK
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    answer_quiz,
    assert_accessible,
    assert_no_horizontal_scroll,
    browser_page,
    log_in,
    tab_to,
    wait_for,
)

pytestmark = pytest.mark.browser

LEARNER = "mette@example.org"
# Plays one source muted for a moment in a detached video element; its picture width, or
# "unsupported" when this Chromium cannot play the type at all.
PLAY_ALONE = """async ([type, src]) => {
    const video = document.createElement("video");
    const codecs = type === "video/mp4" ? '; codecs="avc1.4D401E, mp4a.40.2"' : "";
    if (!video.canPlayType(type + codecs)) return "unsupported";
    video.muted = true;
    video.src = src;
    await video.play();
    await new Promise((done) => setTimeout(done, 600));
    const width = video.currentTime > 0 ? video.videoWidth : 0;
    video.pause();
    return width;
}"""
DONE_BUTTON = "form[action*='/faerdig/'] button[type=submit]"


@pytest.fixture
def phone_page(chromium):
    with browser_page(chromium, PHONE) as page:
        yield page


@pytest.fixture
def desktop_page(chromium):
    with browser_page(chromium, DESKTOP) as page:
        yield page


def course_titled(start):
    from cms.models import CoursePage

    return CoursePage.objects.get(title__startswith=start)


def lesson_with(block_type):
    from cms.models import LessonPage

    return next(
        lesson
        for lesson in LessonPage.objects.live().order_by("path")
        if any(block.block_type == block_type for block in lesson.body)
    )


def check(page):
    assert page.locator("h1").count() == 1
    assert_no_horizontal_scroll(page)
    assert_accessible(page)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_learning_pages_pass_axe_and_fit_the_screen(
    chromium, viewport, live_server, catalogue_site
):
    from cms.models import CatalogPage, VideoGuidePage

    base = live_server.url
    course = course_titled("FMK i hverdagen")
    pages = [
        CatalogPage.objects.get().url,
        course.url,
        lesson_with("video").url,
        lesson_with("quiz").url,
        VideoGuidePage.objects.get(slug="video-fmk-hvem-goer-hvad").url,
        "/laering/min-laering/",
    ]
    with browser_page(chromium, viewport) as page:
        log_in(page, base, LEARNER, DEMO_PASSWORD)
        for url in pages:
            page.goto(f"{base}{url}")
            check(page)


def test_a_learner_finds_completes_and_verifies_a_course_on_a_phone(
    phone_page, live_server, catalogue_site
):
    from cms.models import CoursePage

    page, base = phone_page, live_server.url
    log_in(page, base, LEARNER, DEMO_PASSWORD)
    page.goto(f"{base}/")
    page.locator(".site-nav a[href$='/kurser/']").click()  # the header's catalogue link
    page.locator("input[name=q]").fill("Sundhedsjournalen")
    with page.expect_navigation():
        page.locator(".filters button[type=submit]").click()
    assert page.locator(".card").count() == 1
    with page.expect_navigation():
        page.locator(".card__title a").click()
    with page.expect_navigation():
        page.locator("form[action*='/laering/start/'] button").click()
    assert page.locator("h1").inner_text() == "Hvad finder du på sundhed.dk?"  # lesson 1

    # The first lesson with the keyboard alone: Tab to the button, press Enter.
    first_lesson = page.url
    tab_to(page, DONE_BUTTON)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url != first_lesson
    assert_no_horizontal_scroll(page)

    with page.expect_navigation():
        page.locator(DONE_BUTTON).click()  # the second lesson
    # The third and last lesson holds the course's test: passing it is what completes it.
    assert page.locator(DONE_BUTTON).count() == 0
    with page.expect_navigation():
        page.get_by_role("link", name="Gå til quizzen").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Start quizzen").click()
    answer_quiz(page, BANK["opslag"][1])
    with page.expect_navigation():
        page.get_by_role("button", name="Aflever svar").click()
    assert page.locator(".quiz-score--passed").is_visible()
    page.goto(f"{base}{CoursePage.objects.get(title__startswith='Sundhedsjournalen').url}")
    certificate = page.locator("a[href*='/laering/bevis/']")
    assert certificate.is_visible(), page.locator("main").inner_text()
    check(page)

    href = certificate.get_attribute("href")
    pdf = page.request.get(f"{base}{href}")
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    code = href.rsplit("/", 1)[1].removesuffix(".pdf")
    page.goto(f"{base}/laering/verificer/")
    page.locator("#id_code").fill(code)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator(".status--met").is_visible()
    assert "Mette Nielsen" in page.locator("main").inner_text()
    check(page)

    page.goto(f"{base}/laering/min-laering/")
    done = page.locator("section[aria-labelledby=done-heading]")
    assert "Sundhedsjournalen og sundhed.dk" in done.inner_text()


def test_a_video_guide_is_completed_with_the_keyboard_alone(
    desktop_page, live_server, catalogue_site
):
    from cms.models import VideoGuidePage
    from learning.progress.models import Enrolment

    page, base = desktop_page, live_server.url
    # The demo's shortest guide: about a minute, so half a minute at double speed.
    guide = VideoGuidePage.objects.get(slug="video-meddelelse-ikke-leveret")
    log_in(page, base, LEARNER, DEMO_PASSWORD)
    page.goto(f"{base}{guide.url}")
    page.wait_for_selector("[data-video-player][data-ready] .video-controls:not([hidden])")
    # The guide offers its MP4 (H.264, for Safari on iPhone) first and its WebM second, and
    # every offered source answers with the video.
    sources = page.evaluate(
        "() => [...document.querySelectorAll('video source')].map(s => [s.type, s.src])"
    )
    assert [kind for kind, _src in sources] == ["video/mp4", "video/webm"]
    for kind, src in sources:
        # Each source alone, muted, in a video element of its own: it plays, picture and all.
        width = page.evaluate(PLAY_ALONE, [kind, src])
        assert width in (640, "unsupported"), (src, width)
    assert page.evaluate(PLAY_ALONE, sources[1]) == 640  # every Chromium plays the WebM

    # Double speed, chosen with the arrow keys on the focused select, then play with Enter.
    tab_to(page, "[data-control=speed]")
    for _ in range(4):
        page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.querySelector('video').playbackRate") == 2
    tab_to(page, "[data-action=play]")
    page.keyboard.press("Enter")
    assert wait_for(lambda: page.evaluate("() => document.querySelector('video').ended"), 90)
    # Chromium played the first source it can: the MP4 where it has H.264 (Debian's has), the
    # WebM where it has not; picture and all.
    played = page.evaluate(
        "() => { const v = document.querySelector('video');"
        " return [v.currentSrc, v.videoWidth, v.error,"
        " v.canPlayType('video/mp4; codecs=\"avc1.4D401E, mp4a.40.2\"')]; }"
    )
    expected = ".mp4" if played[3] else ".webm"
    assert played[0].endswith(expected) and played[1:3] == [640, None], played
    # Read the database only when no statement is in flight: SQLite's shared in-memory
    # database locks a table while the live server writes it.
    assert wait_for(
        lambda: page.evaluate(
            "() => document.querySelector('[data-video-player]').videoPlayer.sender.pending === 0"
        )
    )

    page.reload()
    assert page.locator(".message--success a[href*='/laering/bevis/']").is_visible()
    assert Enrolment.objects.get(user__email=LEARNER, page_id=guide.pk).completed_at is not None
