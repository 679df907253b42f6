"""A learner takes a demo quiz on a phone and passes; the educator reads the item analysis."""

import pytest

from cms.demo import DEMO_PASSWORD
from quizzes.demo import BANK
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, log_in

pytestmark = pytest.mark.browser

KM_QUIZ = "Korrespondancemeddelelsen (KM)"


def km_quiz():
    from quizzes.models import Quiz

    return Quiz.objects.get(title=KM_QUIZ)


def answer_every_km_question_right(page):
    _code, questions = BANK["km"]
    for kind, _text, _explanation, choices in questions:
        if kind == "ordering":
            for position, (step, _c, _f) in enumerate(choices, start=1):
                page.get_by_label(step, exact=True).select_option(str(position))
        else:
            for text, correct, _feedback in choices:
                if correct:
                    page.get_by_label(text, exact=True).check()


def start_km_quiz(page, base_url):
    page.goto(f"{base_url}/quizzes/{km_quiz().pk}/")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("form[action$='/start/'] button[type=submit]").click()


def test_a_learner_passes_a_quiz_and_the_competence_follows(page, live_server, demo_site):
    from learning.competences.models import CompetenceRecord

    log_in(page, live_server.url, "mette@example.org", DEMO_PASSWORD)
    start_km_quiz(page, live_server.url)
    assert page.locator("fieldset legend").count() == 4
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
    answer_every_km_question_right(page)
    # Keyboard: the submit button is reached by focus and pressed with Enter.
    page.locator(".quiz-form button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/result/" in page.url, page.locator("main").inner_text()
    assert page.locator(".quiz-score--passed").is_visible()
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
    assert CompetenceRecord.objects.filter(
        user__email="mette@example.org", competence__code="N2", evidence="quiz"
    ).exists()


def test_missing_answers_show_an_accessible_error_summary(page, live_server, demo_site):
    log_in(page, live_server.url, "mette@example.org", DEMO_PASSWORD)
    start_km_quiz(page, live_server.url)
    with page.expect_navigation():
        page.locator(".quiz-form button[type=submit]").click()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert summary.locator("a").count() == 4
    summary.locator("a").first.click()
    assert page.evaluate("document.activeElement.tagName") == "INPUT"
    assert_accessible(page)


def test_the_answer_sheet_fits_320_pixels(chromium, live_server, demo_site):
    context = chromium.new_context(viewport={"width": 320, "height": 640}, locale="da-DK")
    page = context.new_page()
    log_in(page, live_server.url, "mette@example.org", DEMO_PASSWORD)
    start_km_quiz(page, live_server.url)
    assert_no_horizontal_scroll(page)
    context.close()


def test_the_educator_reads_an_accessible_item_analysis(page, live_server, demo_site):
    from quizzes.models import Quiz

    post_test = Quiz.objects.get(title="FMK i hverdagen – efter kurset")
    log_in(page, live_server.url, "jesper@example.org", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/quizzes/analysis/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    page.goto(f"{live_server.url}/quizzes/{post_test.pk}/analysis/")
    assert page.locator(".quiz-item").count() >= 4
    assert_no_horizontal_scroll(page)
    assert_accessible(page)


def answer_every_km_question_wrong(page):
    for kind, _text, _explanation, choices in BANK["km"][1]:
        if kind == "ordering":
            last = len(choices)
            for position, (step, _c, _f) in enumerate(choices, start=1):
                page.get_by_label(step, exact=True).select_option(str(last + 1 - position))
        else:
            wrong = next(text for text, correct, _feedback in choices if not correct)
            page.get_by_label(wrong, exact=True).check()


def km_lesson():
    from cms.models import LessonPage

    quiz = km_quiz()
    for lesson in LessonPage.objects.live().specific():
        if any(b.block_type == "quiz" and b.value["quiz"].pk == quiz.pk for b in lesson.body):
            return lesson
    raise AssertionError("no demo lesson holds the KM quiz")


def test_a_failed_result_shows_what_was_wrong_not_the_answers_and_leads_on(
    page, live_server, demo_site
):
    lesson = km_lesson()
    log_in(page, live_server.url, "mette@example.org", DEMO_PASSWORD)
    page.goto(f"{live_server.url}{lesson.url}")
    with page.expect_navigation():
        page.get_by_role("link", name="Gå til quizzen").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Start quizzen").click()
    answer_every_km_question_wrong(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Aflever svar").click()

    main = page.locator("main")
    assert page.locator(".quiz-score--failed").is_visible()
    assert main.get_by_text("Forkert", exact=True).count() == len(BANK["km"][1])
    assert BANK["km"][1][0][2] in main.inner_text()  # the first question's explanation
    assert "rigtigt svar" not in main.inner_text()
    assert "Den rigtige rækkefølge" not in main.inner_text()
    assert "De rigtige svar vises, når du har bestået" in main.inner_text()
    back = page.get_by_role("link", name=f"Tilbage til “{lesson.title}”")
    assert back.get_attribute("href") == lesson.url
    assert_no_horizontal_scroll(page)
    assert_accessible(page)

    on = page.locator(".pager-nav a").last
    target = on.get_attribute("href")
    assert target != lesson.url
    with page.expect_navigation():
        on.click()
    assert page.url == f"{live_server.url}{target}"

    # The retry is passed, and only then are the correct answers shown.
    start_km_quiz(page, live_server.url)
    answer_every_km_question_right(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Aflever svar").click()
    assert page.locator(".quiz-score--passed").is_visible()
    assert "rigtigt svar" in main.inner_text()
    assert "prøve igen" not in main.inner_text()
    assert_accessible(page)
