"""A cmi5 package from upload to competence, in Chromium.

Jesper uploads a real AU (built with the @xapi/cmi5 library from npm) through the Wagtail admin,
after an invalid one is refused in Danish; it becomes a lesson of a course. Mette, on a phone,
launches it in the player (a sandboxed frame from the package content origin), finishes it and
sees the lesson and the course complete with the competence recorded; script in a package
cannot read her platform cookies, pages or the page around it; on a new browser context she
resumes with the AU's own saved state.

The platform runs at http://localhost:PORT (the live server) and the package content origin at
http://127.0.0.1:PORT: another host name, so another origin and another cookie jar.

A second journey: an AU on its own web server (a third origin), uploaded as a bare cmi5.xml,
reaches the LRS cross-origin (CORS, ``learning.packages.cors``) and completes the course.
"""

import contextlib
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from cms.demo import DEMO_PASSWORD
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    assert_accessible,
    assert_no_horizontal_scroll,
    browser_page,
    log_in,
    wait_for,
)
from tests.learning.packages.builders import au_files, au_package, au_xml, cmi5_xml, zip_bytes

pytestmark = pytest.mark.browser

LEARNER = "mette@example.org"
EDUCATOR = "jesper@example.org"
SPY_AU = "https://example.org/courses/haandhygiejne/au/spion"


@pytest.fixture
def site(live_server, catalogue_site, settings, tmp_path):
    from cms.demo import educator_group
    from learning.packages.permissions import grant_editor_permissions

    settings.WAGTAILADMIN_BASE_URL = live_server.url
    settings.PACKAGES_CONTENT_ORIGIN = live_server.url.replace("localhost", "127.0.0.1")
    settings.PACKAGES_ROOT = tmp_path / "package-content"
    # The admin's avatars would come from gravatar.com, which the site's CSP (rightly) blocks.
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None
    assert settings.PACKAGES_CONTENT_ORIGIN != live_server.url
    grant_editor_permissions(educator_group())
    return live_server.url


@pytest.fixture
def course(site):
    from cms.factories import CourseCompetenceFactory, course_with_lessons
    from cms.models import CatalogPage
    from learning.competences.models import Competence

    competence = Competence.objects.get(code="N3")
    course, (lesson,) = course_with_lessons(
        CatalogPage.objects.get(), lessons=1, title="Håndhygiejne i hjemmeplejen"
    )
    CourseCompetenceFactory(page=course, competence=competence, level=2)
    return course, lesson, competence


def upload(page, base, content, name, mime_type="application/zip"):
    page.goto(f"{base}/cms/snippets/packages/package/add/")
    page.locator("input[name=package_file]").set_input_files(
        {"name": name, "mimeType": mime_type, "buffer": content}
    )
    with page.expect_navigation():
        page.locator("form[action*='/package/add/'] button[type=submit]").first.click()


def back_to_the_lesson(page):
    """Follow "Tilbage til lektionen" under the player with the keyboard: a mouse click at that
    spot, below a frame from another site, is lost by headless Chromium's hit testing after the
    scroll."""
    page.get_by_role("link", name="Tilbage til lektionen").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_an_uploaded_cmi5_package_is_taken_to_the_end_on_a_phone(chromium, site, course):
    from learning.competences.models import CompetenceRecord
    from learning.packages.models import Package, Registration
    from learning.progress.models import Enrolment
    from learning.xapi.models import Statement
    from tests.learning.packages.builders import lesson_with_package

    base = site
    course_page, lesson, competence = course
    package_zip = au_package(
        au_xml(),
        au_xml(au_id=SPY_AU, url="spy.html", move_on="NotApplicable", mastery=None, title="Spion"),
    )

    # Jesper: an invalid package is refused in Danish and nothing is stored; the real one is.
    with browser_page(chromium, DESKTOP) as admin:
        log_in(admin, base, EDUCATOR, DEMO_PASSWORD)
        upload(admin, base, zip_bytes({"cmi5.xml": cmi5_xml(au_xml(move_on="Altid"))}), "x.zip")
        assert "moveOn for AU'en" in admin.locator("main").inner_text()
        assert Package.objects.count() == 0
        upload(admin, base, package_zip, "haandhygiejne.zip")
        assert Package.objects.count() == 1, admin.locator("main").inner_text()[:2000]
    package = Package.objects.get()
    assert package.units.count() == 2
    lesson_with_package(lesson, package)
    au, spy_au = package.units.all()

    def start_button(page, unit):
        return page.locator(f"form[action='/pakker/au/{unit.pk}/start'] button")

    # Mette on her phone: start the course, launch the AU, finish it.
    with browser_page(chromium, PHONE) as page:
        log_in(page, base, LEARNER, DEMO_PASSWORD)
        page.goto(f"{base}{course_page.url}")
        with page.expect_navigation():
            page.locator("form[action*='/laering/start/'] button").click()
        block = page.locator(".package-block")
        assert "Ikke startet" in block.inner_text()
        assert_accessible(page)
        assert_no_horizontal_scroll(page)
        with page.expect_navigation(wait_until="commit"):
            start_button(page, au).click()
        frame = page.frame_locator("iframe.package-player__frame")
        status = frame.locator("#status")
        assert wait_for(lambda: status.inner_text() == "Klar (Normal)"), status.inner_text()
        assert frame.locator("#bookmark").inner_text() == "Intet bogmærke"
        assert_no_horizontal_scroll(page)
        frame.get_by_role("button", name="Afslut").click()
        assert wait_for(lambda: status.inner_text() == "Færdig"), status.inner_text()

        # The lesson and the course are complete, the competence recorded.
        back_to_the_lesson(page)
        assert page.url == f"{base}{lesson.url}"
        assert "Gennemført og bestået" in page.locator(".package-block").inner_text()
        assert page.locator(".badge--done").first.is_visible()
        registration = Registration.objects.get(user__email=LEARNER)
        assert registration.satisfied_at is not None
        enrolment = Enrolment.objects.get(user__email=LEARNER, page_id=course_page.pk)
        assert enrolment.completed_at is not None
        assert CompetenceRecord.objects.filter(user__email=LEARNER, competence=competence).exists()
        verbs = [
            v.rsplit("/", 1)[-1]
            for v in Statement.objects.filter(registration=registration.registration)
            .order_by("stored", "id")
            .values_list("verb_id", flat=True)
        ]
        assert verbs == [
            "launched",
            "initialized",
            "passed",
            "completed",
            "satisfied",  # recorded by the LMS as soon as moveOn is met (cmi5 9.3.9)
            "terminated",
        ]

    # A new browser context (another phone): the lesson is done, and the AU resumes.
    with browser_page(chromium, PHONE) as page:
        log_in(page, base, LEARNER, DEMO_PASSWORD)
        page.goto(f"{base}{lesson.url}")
        assert "Gennemført og bestået" in page.locator(".package-block").inner_text()
        with page.expect_navigation():
            start_button(page, au).click()
        frame = page.frame_locator("iframe.package-player__frame")
        status = frame.locator("#status")
        assert wait_for(lambda: status.inner_text() == "Klar (Normal)"), status.inner_text()
        assert frame.locator("#bookmark").inner_text() == "Bogmærke: 3"
        assert_accessible(page)

    # Script in a package cannot read the platform's cookies, its pages or the page around it.
    # (A context of its own: the package's CSP reports the blocked fetch on the console, which
    # browser_page would count as a failure of the platform's pages.)
    context = chromium.new_context(viewport=PHONE, locale="da-DK")
    try:
        page = context.new_page()
        console = []
        page.on("console", lambda message: console.append(message.text))
        log_in(page, base, LEARNER, DEMO_PASSWORD)
        page.goto(f"{base}{lesson.url}")
        with page.expect_navigation(wait_until="commit"):
            start_button(page, spy_au).click()
        spy = page.frame_locator("iframe.package-player__frame")
        assert wait_for(lambda: spy.locator("#page").inner_text() != "")
        assert spy.locator("#page").inner_text() == "page=blocked"
        assert spy.locator("#parent").inner_text() == "parent=blocked"
        cookies = spy.locator("#cookies").inner_text()
        assert "sessionid" not in cookies and "csrftoken" not in cookies
        assert any(c["name"] == "sessionid" for c in context.cookies(base))
        assert any("connect-src 'self'" in text for text in console)
    finally:
        context.close()


class _QuietFiles(SimpleHTTPRequestHandler):
    served = None  # the paths asked for, set per server

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        self.served.append(self.path.split("?", 1)[0])
        super().do_GET()


@contextlib.contextmanager
def static_server(directory):
    """A web server of its own for an AU (a supplier's), on a free port of 127.0.0.1; yields
    its origin and the list of paths it served."""
    served = []
    handler = type("Files", (_QuietFiles,), {"served": served})
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", served
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_an_au_on_its_own_web_server_reaches_the_lrs_from_a_phone(
    chromium, site, course, settings, tmp_path
):
    from learning.competences.models import CompetenceRecord
    from learning.packages.models import LaunchSession, Package, Registration
    from learning.progress.models import Enrolment
    from learning.xapi.models import Statement
    from tests.learning.packages.builders import lesson_with_package

    base = site
    course_page, lesson, competence = course
    au_root = tmp_path / "leverandoer"
    au_root.mkdir()
    for name, content in au_files().items():
        target = au_root / name
        target.write_bytes(content) if isinstance(content, bytes) else target.write_text(content)

    with static_server(au_root) as (au_origin, served):
        # A third origin: neither the platform's nor the package content origin.
        assert au_origin not in (base, settings.PACKAGES_CONTENT_ORIGIN)

        # Jesper uploads the supplier's bare cmi5.xml: no files, the AU is at its own address.
        with browser_page(chromium, DESKTOP) as admin:
            log_in(admin, base, EDUCATOR, DEMO_PASSWORD)
            bare = cmi5_xml(au_xml(url=f"{au_origin}/index.html?sprog=da"))
            upload(admin, base, bare, "cmi5.xml", "application/xml")
            assert Package.objects.count() == 1, admin.locator("main").inner_text()[:2000]
        package = Package.objects.get()
        assert not package.has_files
        lesson_with_package(lesson, package)
        au = package.units.get()

        # Mette on her phone launches it; the AU fetches its token and reads LMS.LaunchData
        # cross-origin, then sends initialized, passed with a score, completed, terminated.
        with browser_page(chromium, PHONE) as page:
            log_in(page, base, LEARNER, DEMO_PASSWORD)
            page.goto(f"{base}{course_page.url}")
            with page.expect_navigation():
                page.locator("form[action*='/laering/start/'] button").click()
            assert "Ikke startet" in page.locator(".package-block").inner_text()
            with page.expect_navigation(wait_until="commit"):
                page.locator(f"form[action='/pakker/au/{au.pk}/start'] button").click()
            player = page.locator("iframe.package-player__frame")
            assert player.get_attribute("src").startswith(f"{au_origin}/index.html?sprog=da&")
            frame = page.frame_locator("iframe.package-player__frame")
            status = frame.locator("#status")
            assert wait_for(lambda: status.inner_text() == "Klar (Normal)"), status.inner_text()
            assert frame.locator("#bookmark").inner_text() == "Intet bogmærke"
            assert "/index.html" in served and "/cmi5.umd.js" in served
            assert_no_horizontal_scroll(page)
            frame.get_by_role("button", name="Afslut").click()
            assert wait_for(lambda: status.inner_text() == "Færdig"), status.inner_text()

            # Back in the lesson: the package and the lesson are done, the course complete.
            back_to_the_lesson(page)
            assert "Gennemført og bestået" in page.locator(".package-block").inner_text()
            assert page.locator(".badge--done").first.is_visible()
            assert_accessible(page)
            page.goto(f"{base}{course_page.url}")
            assert_no_horizontal_scroll(page)

    session = LaunchSession.objects.get()
    assert session.fetched_at and session.terminated_at
    registration = Registration.objects.get(user__email=LEARNER)
    assert registration.satisfied_at is not None
    assert Enrolment.objects.get(user__email=LEARNER, page_id=course_page.pk).completed_at
    assert CompetenceRecord.objects.filter(user__email=LEARNER, competence=competence).exists()
    sent_by_au = Statement.objects.filter(credential=session.credential).order_by("stored", "id")
    assert [v.rsplit("/", 1)[-1] for v in sent_by_au.values_list("verb_id", flat=True)] == [
        "initialized",
        "passed",
        "completed",
        "terminated",
    ]
    passed = sent_by_au.get(verb_id__endswith="/passed")
    assert passed.data["result"]["score"]["scaled"] == 0.9
