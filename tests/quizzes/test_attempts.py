"""Starting and submitting attempts: statements, competence records, limits and time."""

import datetime
import random

import pytest
from django.utils import timezone

from learning.competences.factories import CompetenceFactory
from learning.competences.models import CompetenceRecord, Evidence, Level
from learning.xapi.models import Statement
from learning.xapi.vocabulary import ANSWERED, ATTEMPTED, FAILED, PASSED, QUESTION
from quizzes.attempts import (
    AttemptRefused,
    Outcome,
    start_attempt,
    submit_attempt,
)
from quizzes.factories import QuestionFactory, QuizFactory
from quizzes.models import Answer, Attempt, Kind, Selection, Status

from .conftest import key


def picks(questions, texts_by_kind):
    return {
        questions[kind].pk: [key(questions[kind], t) for t in texts]
        for kind, texts in texts_by_kind.items()
    }


RIGHT = {
    Kind.SINGLE: ["Det rigtige svar"],
    Kind.MULTIPLE: ["Rigtigt A", "Rigtigt B"],
    Kind.TRUE_FALSE: ["Sandt"],
    Kind.ORDERING: ["Første trin", "Andet trin", "Tredje trin", "Fjerde trin"],
}
HALF = {
    Kind.SINGLE: ["Et forkert svar"],
    Kind.MULTIPLE: ["Rigtigt A"],
    Kind.TRUE_FALSE: ["Sandt"],
    Kind.ORDERING: ["Første trin", "Tredje trin", "Andet trin", "Fjerde trin"],
}


def test_starting_an_attempt_stores_an_attempted_statement_with_the_registration(learner, quiz):
    attempt = start_attempt(quiz, learner)
    statement = Statement.objects.get()
    assert statement.verb_id == ATTEMPTED.id
    assert statement.data["object"]["id"].endswith(f"/activities/quiz/{quiz.pk}")
    assert statement.data["context"]["registration"] == str(attempt.uuid)


def test_starting_again_resumes_the_open_attempt(learner, quiz):
    first = start_attempt(quiz, learner)
    assert start_attempt(quiz, learner) == first
    assert Attempt.objects.count() == 1


def test_submitting_emits_one_answered_statement_per_question_and_passed(learner, quiz, questions):
    attempt = start_attempt(quiz, learner)
    submit_attempt(attempt, picks(questions, RIGHT))
    verbs = list(Statement.objects.order_by("pk").values_list("verb_id", flat=True))
    assert verbs == [ATTEMPTED.id] + [ANSWERED.id] * 4 + [PASSED.id]
    final = Statement.objects.get(verb_id=PASSED.id).data
    assert final["result"]["score"] == {"raw": 4.0, "min": 0, "max": 4, "scaled": 1.0}
    assert final["result"]["success"] is True
    assert final["context"]["registration"] == str(attempt.uuid)


def test_answered_statements_carry_the_cmi_interaction_response_and_success(
    learner, quiz, questions
):
    attempt = start_attempt(quiz, learner)
    submit_attempt(attempt, picks(questions, HALF))
    answered = {
        s.data["object"]["id"].rsplit("/", 1)[1]: s.data
        for s in Statement.objects.filter(verb_id=ANSWERED.id)
    }
    single = answered[str(questions[Kind.SINGLE].pk)]
    assert single["object"]["definition"]["type"] == QUESTION
    assert single["object"]["definition"]["interactionType"] == "choice"
    assert single["result"]["response"] == key(questions[Kind.SINGLE], "Et forkert svar")
    assert single["result"]["success"] is False
    true_false = answered[str(questions[Kind.TRUE_FALSE].pk)]
    assert true_false["object"]["definition"]["interactionType"] == "true-false"
    assert true_false["result"]["response"] == "true"
    assert true_false["result"]["success"] is True
    ordering = answered[str(questions[Kind.ORDERING].pk)]
    assert ordering["object"]["definition"]["interactionType"] == "sequencing"
    q = questions[Kind.ORDERING]
    assert ordering["result"]["response"] == "[,]".join(key(q, t) for t in HALF[Kind.ORDERING])
    assert ordering["result"]["score"] == {"scaled": 0.5}


def test_statements_never_carry_the_correct_responses(learner, quiz, questions):
    attempt = start_attempt(quiz, learner)
    submit_attempt(attempt, picks(questions, RIGHT))
    for statement in Statement.objects.filter(verb_id=ANSWERED.id):
        assert "correctResponsesPattern" not in statement.data["object"]["definition"]


def test_a_partly_right_attempt_fails_with_its_partial_score(learner, quiz, questions):
    attempt = start_attempt(quiz, learner)
    submission = submit_attempt(attempt, picks(questions, HALF))
    attempt.refresh_from_db()
    # single 0 + multiple 1/2 + true/false 1 + ordering 1/2 = 2 of 4
    assert (attempt.raw_score, attempt.scaled_score, attempt.passed) == (2.0, 0.5, False)
    assert submission.outcome is Outcome.SUBMITTED
    final = Statement.objects.get(verb_id=FAILED.id).data
    assert final["result"]["score"]["scaled"] == 0.5
    assert final["result"]["success"] is False
    assert sorted(Answer.objects.values_list("score", flat=True)) == [0.0, 0.5, 0.5, 1.0]


def test_passing_a_quiz_tied_to_a_competence_records_it_with_quiz_evidence(learner, questions):
    competence = CompetenceFactory()
    quiz = QuizFactory(
        questions=list(questions.values()),
        competence=competence,
        competence_level=Level.INDEPENDENT,
    )
    attempt = start_attempt(quiz, learner)
    submit_attempt(attempt, picks(questions, RIGHT))
    record = CompetenceRecord.objects.get(user=learner)
    assert (record.competence, record.level, record.evidence) == (
        competence,
        Level.INDEPENDENT,
        Evidence.QUIZ,
    )
    assert record.statement_id == Statement.objects.get(verb_id=PASSED.id).statement_id
    assert record.source == Attempt.objects.get()


def test_failing_a_quiz_tied_to_a_competence_records_nothing(learner, questions):
    quiz = QuizFactory(questions=list(questions.values()), competence=CompetenceFactory())
    submit_attempt(start_attempt(quiz, learner), picks(questions, HALF))
    assert not CompetenceRecord.objects.exists()


def test_a_replayed_submission_changes_nothing(learner, quiz, questions):
    attempt = start_attempt(quiz, learner)
    submit_attempt(attempt, picks(questions, HALF))
    count = Statement.objects.count()
    replay = submit_attempt(attempt, picks(questions, RIGHT))
    assert replay.outcome is Outcome.ALREADY_CLOSED
    attempt.refresh_from_db()
    assert attempt.passed is False
    assert Statement.objects.count() == count


def test_a_late_submission_is_refused_and_the_attempt_expires_failed(learner, questions):
    quiz = QuizFactory(questions=list(questions.values()), time_limit_minutes=10)
    attempt = start_attempt(quiz, learner)
    later = timezone.now() + datetime.timedelta(minutes=11)
    submission = submit_attempt(attempt, picks(questions, RIGHT), now=later)
    assert submission.outcome is Outcome.LATE
    attempt.refresh_from_db()
    assert (attempt.status, attempt.passed, attempt.raw_score) == (Status.EXPIRED, False, 0)
    assert not Answer.objects.exists()
    assert Statement.objects.filter(verb_id=FAILED.id).count() == 1


def test_a_submission_within_the_grace_period_counts(learner, questions):
    quiz = QuizFactory(questions=list(questions.values()), time_limit_minutes=10)
    attempt = start_attempt(quiz, learner)
    just_after = attempt.deadline + datetime.timedelta(seconds=5)
    assert (
        submit_attempt(attempt, picks(questions, RIGHT), now=just_after).outcome
        is Outcome.SUBMITTED
    )


def test_attempts_beyond_the_limit_are_refused(learner, questions):
    quiz = QuizFactory(questions=list(questions.values()), max_attempts=1)
    submit_attempt(start_attempt(quiz, learner), picks(questions, HALF))
    with pytest.raises(AttemptRefused) as refused:
        start_attempt(quiz, learner)
    assert refused.value.reason == "limit"


def test_a_new_attempt_waits_for_the_cool_down(learner, questions):
    quiz = QuizFactory(questions=list(questions.values()), cooldown_minutes=60)
    submit_attempt(start_attempt(quiz, learner), picks(questions, HALF))
    with pytest.raises(AttemptRefused) as refused:
        start_attempt(quiz, learner)
    assert refused.value.reason == "cooldown"
    later = timezone.now() + datetime.timedelta(minutes=61)
    assert start_attempt(quiz, learner, now=later).number == 2


def test_a_random_quiz_draws_the_given_number_from_the_competence_bank(learner):
    competence = CompetenceFactory()
    bank = [QuestionFactory(competence=competence) for _ in range(5)]
    QuestionFactory()  # not tagged: never drawn
    quiz = QuizFactory(selection=Selection.RANDOM, draw_count=3, competence=competence)
    attempt = start_attempt(quiz, learner, rng=random.Random(7))
    assert len(attempt.question_ids) == 3
    assert set(attempt.question_ids) <= {q.pk for q in bank}
    assert attempt.max_score == 3


def test_ordering_steps_are_never_shown_in_the_right_order(learner):
    question = QuestionFactory(kind=Kind.ORDERING, choices=[("A", False, ""), ("B", False, "")])
    quiz = QuizFactory(questions=[question])
    right = [c.key for c in question.choices.order_by("sort_order")]
    for seed in range(6):
        attempt = start_attempt(quiz, learner, rng=random.Random(seed))
        assert attempt.layout[0]["order"] != right
        attempt.delete()


def test_shuffled_questions_keep_the_same_layout_on_reload(learner, questions):
    quiz = QuizFactory(
        questions=list(questions.values()), shuffle_questions=True, shuffle_choices=True
    )
    attempt = start_attempt(quiz, learner)
    reloaded = Attempt.objects.get(pk=attempt.pk)
    assert reloaded.layout == attempt.layout
    assert sorted(reloaded.question_ids) == sorted(q.pk for q in questions.values())
