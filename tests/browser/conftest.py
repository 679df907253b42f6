"""Playwright driving Debian's Chromium (no browser download), plus axe-core checks.

Pages are served by pytest-django's live_server, in a thread of this process.
"""

import os
import threading
import time
from contextlib import contextmanager

import pytest

from tests.content_fixtures import (  # noqa: F401  (the educator's journey)
    aalborg,
    birgit,
    hjorring,
    hjorring_unit,
    jesper,
    lise,
    mette,
)
from tests.course_fixtures import catalogue  # noqa: F401
from tests.services import require_chromium


def pytest_collection_modifyitems(items):
    # Every browser test commits its data, so that the live server thread sees it; the
    # database is flushed after each one (the demo loader rebuilds what migrations made).
    marker = pytest.mark.django_db(transaction=True)
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(marker)


PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
# The flags keep Chromium off the network (this machine has none) and quiet as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium per test module.

    Playwright's sync API keeps an event loop running in this thread while it is open, and
    Django then refuses ORM calls (the tests' own data building and the database flush after each
    test). Those calls are synchronous and safe, so the guard is lifted for exactly as long as
    Playwright runs; module scope keeps it from leaking into other tests or their subprocesses
    (check --deploy rejects the variable).
    """
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport(request):
    return VIEWPORTS[request.param]


@contextmanager
def browser_page(chromium, viewport):
    """A fresh browser context at ``viewport``; fails if the page broke the Content Security
    Policy."""
    context = chromium.new_context(viewport=viewport, locale="da-DK")
    page = context.new_page()
    csp_errors = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    try:
        yield page
        # Leaving the page fires its pagehide handlers (the video player's last statement),
        # while the live server is still watched; see idle_live_server.
        page.goto("about:blank")
    finally:
        context.close()
    assert csp_errors == [], "\n".join(csp_errors)


@pytest.fixture
def page(chromium, viewport):
    with browser_page(chromium, viewport) as page:
        yield page


class InFlightRequests:
    """Counts the requests the live server is handling, to wait for the last one.

    A page sends requests the test never waits for: statements sent with ``keepalive`` as it is
    left, for instance. Should one still be running when the test ends, it writes into the
    database while it is flushed (the flush fails, or the next test finds the last one's rows)
    or after pytest-django has locked the database again.
    """

    def __init__(self, app):
        self.app = app
        self.changed = threading.Condition()
        self.active = 0
        self.last_change = time.monotonic()

    def __call__(self, environ, start_response):
        self._count(+1)
        try:
            response = self.app(environ, start_response)
        except BaseException:
            self._count(-1)
            raise
        return _ClosingResponse(response, lambda: self._count(-1))

    def _count(self, step):
        with self.changed:
            self.active += step
            self.last_change = time.monotonic()
            self.changed.notify_all()

    def wait_until_idle(self, quiet=0.3, timeout=20):
        """Return once nothing has run for ``quiet`` seconds: a request the browser sent
        just before the page closed may not have been accepted yet."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                now = time.monotonic()
                idle_for = now - self.last_change
                if self.active == 0 and idle_for >= quiet:
                    return
                if now >= deadline:
                    raise AssertionError(
                        f"the live server still had {self.active} request(s) running "
                        f"{timeout} s after the test"
                    )
                self.changed.wait(timeout=min(quiet, deadline - now))


class _ClosingResponse:
    """A WSGI response that reports when the server has sent and closed it."""

    def __init__(self, response, on_close):
        self.response, self.on_close = response, on_close

    def __iter__(self):
        return iter(self.response)

    def close(self):
        try:
            if hasattr(self.response, "close"):
                self.response.close()
        finally:
            self.on_close()


@pytest.fixture(autouse=True)
def idle_live_server(request):
    """After a test that used the live server, wait until it has finished every request.

    Autouse, so it is torn down after the test's pages are closed and before pytest-django
    flushes the database.
    """
    if "live_server" not in request.fixturenames:
        yield
        return
    httpd = request.getfixturevalue("live_server").thread.httpd
    if not isinstance(httpd.get_app(), InFlightRequests):
        httpd.set_app(InFlightRequests(httpd.get_app()))
    yield
    httpd.get_app().wait_until_idle()


@pytest.fixture(autouse=True)
def migrated_database(transactional_db):
    """Every browser test starts from what a new installation holds (the migrations' groups,
    review workflow and frameworks), whatever an earlier test's flush removed."""
    from tests.support.snapshots import MIGRATED, restore

    restore(MIGRATED)


@pytest.fixture
def demo_site():
    """The demo content, committed so the live server thread sees it (loaded once per test
    process, copied back for later tests: tests/support/snapshots.py)."""
    from cms.demo import load_demo
    from tests.support.snapshots import restore_or_build

    restore_or_build("demo", load_demo)


@pytest.fixture
def catalogue_site():
    """The demo's people and catalogue, committed so the live server thread sees them."""
    from cms.demo import CATALOGUE_LOADERS
    from tests.support.snapshots import restore_or_build

    def load():
        for loader in CATALOGUE_LOADERS:
            loader()

    restore_or_build("catalogue", load)


def axe_violations(page):
    """Run axe-core with the WCAG 2.1 A and AA rules; a list of readable violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
    ]


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)


def assert_no_horizontal_scroll(page):
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"page scrolls sideways by {overflow}px"


def log_in(page, base_url, email, password):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()


def tab_to(page, selector, limit=60):
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def wait_for(condition, timeout=20):
    """Poll ``condition`` (page.wait_for_function would eval a string, which the CSP forbids)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def answer_quiz(page, questions, right=True):
    """Answer every question of a demo quiz bank (quizzes.demo.BANK[key][1]) on the attempt page,
    all right or all wrong."""
    for kind, _text, _explanation, choices in questions:
        if kind == "ordering":
            count = len(choices)
            for position, (step, _c, _f) in enumerate(choices, start=1):
                chosen = position if right else count + 1 - position
                page.get_by_label(step, exact=True).select_option(str(chosen))
        else:
            for text, correct, _feedback in choices:
                if correct == right:
                    page.get_by_label(text, exact=True).check()
                    if not right and kind != "multiple":
                        break
