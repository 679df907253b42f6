"""Taking a quiz through the pages: what the page reveals, validation, limits and other people."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.xapi.models import Statement
from quizzes.attempts import start_attempt
from quizzes.factories import QuestionFactory, QuizFactory
from quizzes.models import Answer, Attempt, Kind, Status

from .conftest import all_right, answer_fields, key


@pytest.fixture
def attempt(learner, quiz):
    return start_attempt(quiz, learner)


def attempt_url(attempt):
    return reverse("quizzes:attempt", args=[attempt.uuid])


def test_the_quiz_page_asks_anonymous_visitors_to_log_in(client, quiz):
    response = client.get(reverse("quizzes:detail", args=[quiz.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_the_quiz_page_shows_the_rules_and_a_start_button(client, learner, quiz):
    client.force_login(learner)
    response = client.get(reverse("quizzes:detail", args=[quiz.pk]))
    assert response.status_code == 200
    assert "80 %" in response.content.decode()
    assert b'action="/quizzes/%d/start/"' % quiz.pk in response.content


def test_an_unknown_quiz_is_404(client, learner):
    client.force_login(learner)
    assert client.get(reverse("quizzes:detail", args=[999999])).status_code == 404


def test_starting_needs_a_post(client, learner, quiz):
    client.force_login(learner)
    assert client.get(reverse("quizzes:start", args=[quiz.pk])).status_code == 405
    assert not Attempt.objects.exists()


def test_starting_from_an_unknown_page_id_is_a_bad_request(client, learner, quiz):
    client.force_login(learner)
    response = client.post(reverse("quizzes:start", args=[quiz.pk]), {"page": "abc"})
    assert response.status_code == 400
    assert not Attempt.objects.exists()


def test_the_answer_sheet_reveals_no_correct_answer_feedback_or_explanation(
    client, learner, attempt, questions
):
    client.force_login(learner)
    html = client.get(attempt_url(attempt)).content.decode()
    for question in questions.values():
        assert question.text in html
        assert question.explanation not in html
        for choice in question.choices.all():
            assert choice.text in html
            if choice.feedback:
                assert choice.feedback not in html
    assert "correct" not in html.lower().replace("incorrect", "")
    assert "is_correct" not in html


def test_the_answer_sheet_uses_fieldsets_and_legends(client, learner, attempt):
    client.force_login(learner)
    html = client.get(attempt_url(attempt)).content.decode()
    assert html.count("<fieldset") == 4
    assert html.count("<legend>") == 4


def test_ordering_steps_are_offered_as_position_selects(client, learner, attempt, questions):
    client.force_login(learner)
    html = client.get(attempt_url(attempt)).content.decode()
    ordering = questions[Kind.ORDERING]
    for choice in ordering.choices.all():
        assert f'<select name="q-{ordering.pk}-{choice.key}"' in html


def test_ordering_steps_are_not_listed_in_the_right_order(client, learner, attempt, questions):
    client.force_login(learner)
    html = client.get(attempt_url(attempt)).content.decode()
    ordering = questions[Kind.ORDERING]
    keys = re.findall(rf'name="q-{ordering.pk}-(\w+)"', html)
    assert keys != [c.key for c in ordering.choices.order_by("sort_order")]


def test_submitting_the_right_answers_redirects_to_a_passed_result(
    client, learner, attempt, questions
):
    client.force_login(learner)
    response = client.post(attempt_url(attempt), answer_fields(attempt, all_right(questions)))
    assert response.status_code == 302
    assert response.url == reverse("quizzes:result", args=[attempt.uuid])
    attempt.refresh_from_db()
    assert (attempt.status, attempt.passed) == (Status.SUBMITTED, True)


def test_the_result_page_shows_feedback_for_the_chosen_answer_and_the_explanation(
    client, learner, attempt, questions
):
    client.force_login(learner)
    picks = all_right(questions)
    picks[questions[Kind.TRUE_FALSE].pk] = ["Falsk"]
    client.post(attempt_url(attempt), answer_fields(attempt, picks))
    html = client.get(reverse("quizzes:result", args=[attempt.uuid])).content.decode()
    assert "Prøv igen." in html  # feedback of the chosen wrong answer
    assert "Korrekt." not in html  # feedback of the answer not chosen
    assert questions[Kind.SINGLE].explanation in html


def test_unanswered_questions_show_an_error_summary_and_store_nothing(
    client, learner, attempt, questions
):
    client.force_login(learner)
    picks = all_right(questions)
    del picks[questions[Kind.MULTIPLE].pk]
    response = client.post(attempt_url(attempt), answer_fields(attempt, picks))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert f'href="#id_q-{questions[Kind.MULTIPLE].pk}_0"' in html
    assert not Answer.objects.exists()
    attempt.refresh_from_db()
    assert attempt.status == Status.OPEN


def test_two_steps_in_the_same_position_are_an_error(client, learner, attempt, questions):
    client.force_login(learner)
    data = answer_fields(attempt, all_right(questions))
    ordering = questions[Kind.ORDERING]
    data[f"q-{ordering.pk}-{key(ordering, 'Andet trin')}"] = "1"
    response = client.post(attempt_url(attempt), data)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert not Answer.objects.exists()


def test_a_forged_choice_id_is_a_clear_error(client, learner, attempt, questions):
    client.force_login(learner)
    data = answer_fields(attempt, all_right(questions))
    data[f"q-{questions[Kind.SINGLE].pk}"] = "forged"
    response = client.post(attempt_url(attempt), data)
    assert response.status_code == 400
    assert "ikke en af svarmulighederne" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_choice_id_from_another_question_is_refused(client, learner, attempt, questions):
    client.force_login(learner)
    data = answer_fields(attempt, all_right(questions))
    data[f"q-{questions[Kind.SINGLE].pk}"] = key(questions[Kind.TRUE_FALSE], "Sandt")
    assert client.post(attempt_url(attempt), data).status_code == 400
    assert not Answer.objects.exists()


def test_an_answer_to_a_question_outside_the_attempt_is_refused(
    client, learner, attempt, questions
):
    client.force_login(learner)
    stranger = QuestionFactory()
    data = answer_fields(attempt, all_right(questions))
    data[f"q-{stranger.pk}"] = key(stranger, "Det rigtige svar")
    response = client.post(attempt_url(attempt), data)
    assert response.status_code == 400
    assert "ikke er en del af dette forsøg" in response.content.decode()


def test_a_replayed_submission_is_refused(client, learner, attempt, questions):
    client.force_login(learner)
    data = answer_fields(attempt, all_right(questions))
    client.post(attempt_url(attempt), data)
    statements = Statement.objects.count()
    response = client.post(attempt_url(attempt), data)
    assert response.status_code == 409
    assert Statement.objects.count() == statements
    assert Answer.objects.count() == 4


def test_a_late_submission_is_refused_and_counts_as_failed(client, learner, questions):
    quiz = QuizFactory(questions=list(questions.values()), time_limit_minutes=5)
    attempt = start_attempt(quiz, learner)
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=2)
    )
    client.force_login(learner)
    response = client.post(attempt_url(attempt), answer_fields(attempt, all_right(questions)))
    assert response.status_code == 409
    attempt.refresh_from_db()
    assert (attempt.status, attempt.passed) == (Status.EXPIRED, False)
    assert not Answer.objects.exists()


def test_a_timed_quiz_shows_the_deadline_and_loads_the_countdown_script(client, learner, questions):
    quiz = QuizFactory(questions=list(questions.values()), time_limit_minutes=5)
    attempt = start_attempt(quiz, learner)
    client.force_login(learner)
    html = client.get(attempt_url(attempt)).content.decode()
    assert 'data-deadline="' in html
    assert "quizzes/countdown" in html
    assert "<script>" not in html


def test_starting_beyond_the_attempt_limit_is_forbidden(client, learner, questions):
    quiz = QuizFactory(questions=list(questions.values()), max_attempts=1)
    attempt = start_attempt(quiz, learner)
    client.force_login(learner)
    client.post(attempt_url(attempt), answer_fields(attempt, all_right(questions)))
    response = client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == 403
    assert Attempt.objects.count() == 1


def test_another_persons_attempt_is_404(client, outsider, attempt, questions):
    client.force_login(outsider)
    assert client.get(attempt_url(attempt)).status_code == 404
    statements = Statement.objects.count()
    fields = answer_fields(attempt, all_right(questions))
    assert client.post(attempt_url(attempt), fields).status_code == 404
    attempt.refresh_from_db()
    assert attempt.status == Status.OPEN and attempt.submitted_at is None
    assert not Answer.objects.filter(attempt=attempt).exists()
    assert Statement.objects.count() == statements
    assert client.get(reverse("quizzes:result", args=[attempt.uuid])).status_code == 404


def test_an_unknown_attempt_is_404(client, learner):
    client.force_login(learner)
    url = reverse("quizzes:attempt", args=["00000000-0000-4000-8000-000000000000"])
    assert client.get(url).status_code == 404


def test_an_attempt_rejects_other_methods(client, learner, attempt):
    client.force_login(learner)
    assert client.put(attempt_url(attempt)).status_code == 405
    attempt.refresh_from_db()
    assert attempt.status == Status.OPEN and attempt.submitted_at is None


def test_the_result_of_an_open_attempt_redirects_to_the_answer_sheet(client, learner, attempt):
    client.force_login(learner)
    response = client.get(reverse("quizzes:result", args=[attempt.uuid]))
    assert response.url == attempt_url(attempt)
