"""The educator clicks "Send til gennemgang" while the create form's first autosave is still on
its way (issue 15). The autosave's answer is held back here, so the browser still posts the form
to the create view after the draft exists: she must land on the course with her lesson in review,
not on "The slug … is already in use" (cms/autosave.py)."""

import pytest
from wagtail.models import Page

from cms.factories import course_with_lessons
from cms.models import LessonPage
from learning.accounts.factories import TEST_PASSWORD
from tests.browser.conftest import PHONE, browser_page, log_in

pytestmark = pytest.mark.browser

TITLE = "Hvorfor digital først"


def wait_until(page, condition, timeout_ms=20_000):
    """Poll while Playwright runs its event loop (the route handler needs it)."""
    for _ in range(timeout_ms // 100):
        if condition():
            return True
        page.wait_for_timeout(100)
    return condition()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_submit_while_the_first_autosave_is_in_flight_submits_her_draft(
    chromium, live_server, jesper, hjorring, catalogue
):
    course, _lessons = course_with_lessons(catalogue, title="FMK i hverdagen")
    course.owner_organisation = hjorring
    course.save_revision().publish()
    create_url = f"/cms/pages/add/cms/lessonpage/{course.pk}/"
    held = []

    def hold_the_autosave_answer(route):
        request = route.request
        if request.method == "POST" and "application/json" in request.headers.get("accept", ""):
            held.append((route, route.fetch()))  # the server has made the draft; the form waits
        else:
            route.continue_()

    with browser_page(chromium, PHONE) as page:
        log_in(page, live_server.url, jesper.email, TEST_PASSWORD)
        page.goto(live_server.url + create_url)
        page.route(f"**{create_url}", hold_the_autosave_answer)
        form = page.locator("form#page-edit-form")
        # Typed, not filled: the unsaved-changes watcher that starts the autosave reacts to keys.
        form.and_(page.locator("[data-w-unsaved-has-edits-value]")).wait_for()
        page.locator("#id_title").press_sequentially(TITLE, delay=20)
        assert wait_until(page, lambda: held), "no autosave was sent"
        assert LessonPage.objects.filter(title=TITLE).count() == 1
        assert form.get_attribute("action") == create_url  # the answer that would change it waits

        page.locator("footer").get_by_role("button", name="Flere handlinger").click()
        with page.expect_navigation(url=f"**/cms/pages/{course.pk}/"):
            page.locator("button[name='action-submit']").click()

        assert "er allerede i brug" not in page.content()
        assert "already in use" not in page.content()
        page.unroute(f"**{create_url}")

    lesson = LessonPage.objects.get(title=TITLE)
    assert Page.objects.filter(title=TITLE).count() == 1
    assert lesson.workflow_in_progress and not lesson.live
    assert lesson.owner == jesper
