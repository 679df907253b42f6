"""Issue 14's "done when": on a phone, in Danish, a learner fails the FMK post-test, sees the
course not complete and what is missing, passes, and only then gets the certificate and the N3
record. One journey, checking what the learner sees and what is stored at each step."""

import datetime

import pytest

from cms.demo import DEMO_PASSWORD
from quizzes.demo import BANK
from tests.browser.conftest import (
    PHONE,
    assert_accessible,
    assert_no_horizontal_scroll,
    browser_page,
    log_in,
)
from tests.browser.test_learning_journey import DONE_BUTTON

pytestmark = pytest.mark.browser

LEARNER = "mette@example.org"
POST_TEST = "FMK i hverdagen – efter kurset"
MISSING = "section[aria-labelledby=missing-heading]"


def answer_shown_questions(page, *, right):
    """Answer every N3 question the attempt shows, all right or all wrong."""
    for kind, text, _explanation, choices in BANK["fmk"][1]:
        fieldset = page.locator("fieldset.quiz-question", has_text=text)
        if fieldset.count() == 0:
            continue
        if kind == "ordering":
            steps = [step for step, _c, _f in choices]
            order = steps if right else list(reversed(steps))
            for position, step in enumerate(order, start=1):
                fieldset.get_by_label(step, exact=True).select_option(str(position))
            continue
        wanted = [choice for choice, correct, _f in choices if correct == right]
        for choice in wanted if right else wanted[:1]:
            fieldset.get_by_label(choice, exact=True).check()


def take_post_test(page, lesson_url, *, right):
    page.goto(lesson_url)
    with page.expect_navigation():
        page.locator(".quiz-block a.button").click()
    with page.expect_navigation():
        page.locator("form[action$='/start/'] button[type=submit]").click()
    assert_no_horizontal_scroll(page)
    answer_shown_questions(page, right=right)
    with page.expect_navigation():
        page.locator(".quiz-form button[type=submit]").click()
    assert "/result/" in page.url, page.locator("main").inner_text()


def course_records(email):
    from learning.competences.models import CompetenceRecord

    return list(
        CompetenceRecord.objects.filter(
            user__email=email, competence__code="N3", evidence="course"
        ).values_list("level", flat=True)
    )


def test_a_learner_fails_the_post_test_sees_what_is_missing_then_passes(
    chromium,
    live_server,
    catalogue_site,
):
    from cms.models import CoursePage
    from learning.progress.models import Certificate, Enrolment
    from quizzes.models import Attempt

    base = live_server.url
    course = CoursePage.objects.get(title__startswith="FMK i hverdagen")
    with browser_page(chromium, PHONE) as page:
        log_in(page, base, LEARNER, DEMO_PASSWORD)
        page.goto(f"{base}{course.url}")
        assert page.locator("html").get_attribute("lang") == "da"
        with page.expect_navigation():
            page.locator("form[action*='/laering/start/'] button").click()

        # The lessons before the post-test have no assessment: the learner marks them done.
        marked = 0
        while page.locator("h1").inner_text() != "Test din viden om FMK":
            with page.expect_navigation():
                page.locator(DONE_BUTTON).click()
            marked += 1
        assert marked >= 2
        quiz_lesson = page.url
        # The quiz lesson has no "mark as done" button: passing the quiz is the only way.
        assert page.locator(DONE_BUTTON).count() == 0
        assert "Lektionen er færdig, når du består dens quiz." in page.inner_text("main")
        assert_no_horizontal_scroll(page)

        take_post_test(page, quiz_lesson, right=False)
        assert page.locator(".quiz-score--failed").is_visible()

        page.goto(f"{base}{course.url}")
        missing = page.locator(MISSING)
        assert missing.is_visible()
        assert "Det mangler du, før kurset er gennemført" in missing.inner_text()
        assert f"bestå quizzen “{POST_TEST}”" in missing.inner_text()
        assert page.locator("a[href*='/laering/bevis/']").count() == 0
        assert_no_horizontal_scroll(page)
        assert_accessible(page)
        enrolment = Enrolment.objects.get(user__email=LEARNER, page_id=course.pk)
        assert (enrolment.lessons_done, enrolment.completed_at) == (marked, None)
        assert not Certificate.objects.filter(user__email=LEARNER).exists()
        assert course_records(LEARNER) == []

        # The post-test's 10-minute wait before a retry passes.
        Attempt.objects.filter(user__email=LEARNER).update(
            submitted_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=11)
        )
        take_post_test(page, quiz_lesson, right=True)
        assert page.locator(".quiz-score--passed").is_visible()

        page.goto(f"{base}{course.url}")
        assert page.locator(MISSING).count() == 0
        certificate_link = page.locator("a[href*='/laering/bevis/']")
        assert certificate_link.is_visible(), page.inner_text("main")
        assert_no_horizontal_scroll(page)
        assert_accessible(page)
        certificate = Certificate.objects.get(user__email=LEARNER, page_id=course.pk)
        assert certificate.is_valid()
        assert certificate.code in certificate_link.get_attribute("href")
        assert course_records(LEARNER) == [2]
