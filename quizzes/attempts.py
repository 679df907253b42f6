"""Starting, submitting and expiring attempts: the only code that writes Attempt and Answer.

Design: the rows are written in the same database transaction as the xAPI statements they
correspond to (``store_statements`` runs inside our ``atomic`` block), not projected from the
log afterwards. Scoring needs the server's answer key and the attempt's drawn layout, and a
statement sent to the LRS by anyone else claiming "passed" for one of our quizzes must never
create a competence record. Either everything (statements, attempt, answers, competence record)
is stored, or nothing is. Every statement carries the attempt's uuid as its registration, so the
attempt and answer rows can be checked against, or rebuilt from, the log.
"""

import datetime
import uuid
from dataclasses import dataclass, field
from enum import Enum

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from learning.competences.models import Evidence
from learning.competences.records import record_competence
from learning.organisations.permissions import is_signed_in
from learning.xapi.store import store_statements

from . import statements
from .drawing import draw_layout, shown_questions
from .models import Answer, Attempt, CourseEvaluation, Status
from .scoring import has_passed, score_question


def grace():
    """Time allowed after the deadline for the submission to travel (slow mobile networks)."""
    return datetime.timedelta(seconds=getattr(settings, "QUIZ_SUBMIT_GRACE_SECONDS", 30))


class AttemptRefused(Exception):
    """A new attempt may not start: ``reason`` is "limit", "cooldown" or "empty"."""

    def __init__(self, reason, retry_at=None):
        super().__init__(reason)
        self.reason = reason
        self.retry_at = retry_at


class Outcome(Enum):
    SUBMITTED = "submitted"
    ALREADY_CLOSED = "already_closed"
    LATE = "late"


def is_late(attempt, now=None):
    now = now or timezone.now()
    return attempt.deadline is not None and now > attempt.deadline + grace()


def _course_id(quiz, page):
    """Queries: the course evaluation naming the quiz, else the page's ancestors."""
    evaluation = (
        CourseEvaluation.objects.filter(
            Q(pre_test=quiz) | Q(post_test=quiz), course_page__isnull=False
        )
        .select_related("course_page")
        .first()
    )
    if evaluation is not None:
        return statements.course_activity_id(evaluation.course_page)
    return statements.course_activity_id(page)


def refusal(quiz, user, now=None):
    """Why ``user`` may not start a new attempt now (AttemptRefused), or None. Two queries."""
    now = now or timezone.now()
    attempts = Attempt.objects.filter(quiz=quiz, user=user)
    if quiz.max_attempts and attempts.count() >= quiz.max_attempts:
        return AttemptRefused("limit")
    if quiz.cooldown_minutes:
        last = attempts.exclude(submitted_at=None).order_by("-submitted_at").first()
        if last is not None:
            retry_at = last.submitted_at + datetime.timedelta(minutes=quiz.cooldown_minutes)
            if retry_at > now:
                return AttemptRefused("cooldown", retry_at)
    return None


def open_attempt(quiz, user, now=None):
    """The person's attempt in progress, or None; an overdue one is expired first."""
    attempt = Attempt.objects.filter(quiz=quiz, user=user, status=Status.OPEN).first()
    if attempt is not None and is_late(attempt, now):
        expire(attempt, now)
        return None
    return attempt


def start_attempt(quiz, user, page=None, rng=None, now=None):
    """Resume the open attempt or start a new one and store the "attempted" statement.

    Raises AttemptRefused. Queries the attempts, the pool and the page's ancestors.
    """
    now = now or timezone.now()
    current = open_attempt(quiz, user, now)
    if current is not None:
        return current
    refused = refusal(quiz, user, now)
    if refused is not None:
        raise refused
    layout = draw_layout(quiz, rng)
    if not layout:
        raise AttemptRefused("empty")
    number = (
        Attempt.objects.filter(quiz=quiz, user=user)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
        or 0
    ) + 1
    deadline = (
        now + datetime.timedelta(minutes=quiz.time_limit_minutes)
        if quiz.time_limit_minutes
        else None
    )
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                quiz=quiz,
                user=user,
                number=number,
                page=page,
                layout=layout,
                started_at=now,
                deadline=deadline,
                max_score=len(layout),
                course_activity_id=_course_id(quiz, page) or "",
            )
            store_statements([statements.attempted(attempt, attempt.course_activity_id)])
    except IntegrityError:
        # A second request (double tap on "Start") created the same attempt number first.
        current = Attempt.objects.filter(quiz=quiz, user=user, status=Status.OPEN).first()
        if current is None:
            raise
        return current
    return attempt


@dataclass
class Submission:
    outcome: Outcome
    attempt: Attempt
    answers: list = field(default_factory=list)


def _finish(attempt, raw, passed, now, statement_batch):
    """Close the attempt and store the statements; returns the passed/failed statement id.

    The attempt row is saved first, with the id its "passed"/"failed" statement will have, so
    the progress projection (run while the statements are stored) finds the attempt passed and
    can tell the quiz app's own statement from one anybody else posts."""
    course_id = attempt.course_activity_id or None
    finished = statements.finished(attempt, raw, attempt.max_score, passed, course_id)
    finished["id"] = str(uuid.uuid4())
    attempt.submitted_at = now
    attempt.raw_score = round(float(raw), 4)
    attempt.scaled_score = round(float(raw) / attempt.max_score, 4) if attempt.max_score else 0
    attempt.passed = passed
    attempt.statement_id = finished["id"]
    attempt.save()
    statement_batch.append(finished)
    store_statements(statement_batch)
    return attempt.statement_id


def expire(attempt, now=None):
    """Close an attempt whose time ran out: no answers count, score 0, a "failed" statement."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Attempt.objects.select_for_update(of=("self",))
            .select_related("quiz", "user")
            .get(pk=attempt.pk)
        )
        if locked.status != Status.OPEN:
            return locked
        locked.status = Status.EXPIRED
        _finish(locked, 0, False, now, [])
    attempt.refresh_from_db()
    return attempt


def submit_attempt(attempt, picked, now=None):
    """Score ``picked`` ({question pk: [choice keys]}, already validated against the attempt's
    layout by the form) and store everything in one transaction.

    A replayed submission (attempt no longer open) changes nothing; a late one expires the
    attempt instead of scoring it. Writes the statements, the attempt, one answer per question and
    maybe a competence record.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Attempt.objects.select_for_update(of=("self",))
            .select_related("quiz", "user", "quiz__competence")
            .get(pk=attempt.pk)
        )
        if locked.status != Status.OPEN:
            return Submission(Outcome.ALREADY_CLOSED, locked)
        if is_late(locked, now):
            locked.status = Status.EXPIRED
            _finish(locked, 0, False, now, [])
            return Submission(Outcome.LATE, locked)
        shown = shown_questions(locked.layout)
        total, answers, batch = 0, [], []
        for position, item in enumerate(shown, start=1):
            question = item.question
            scored = score_question(
                question.kind,
                item.keys_in_right_order,
                item.correct_keys,
                list(picked.get(question.pk, [])),
            )
            total += scored.score
            batch.append(statements.answered(locked, item, scored))
            answers.append(
                Answer(
                    attempt=locked,
                    question=question,
                    position=position,
                    selected=list(picked.get(question.pk, [])),
                    response=scored.response,
                    score=round(float(scored.score), 4),
                    success=scored.success,
                )
            )
        locked.max_score = len(shown)
        passed = has_passed(total, locked.max_score, locked.quiz.pass_mark)
        locked.status = Status.SUBMITTED
        statement_id = _finish(locked, total, passed, now, batch)
        Answer.objects.bulk_create(answers)
        quiz = locked.quiz
        if passed and quiz.competence_id:
            record_competence(
                locked.user,
                quiz.competence,
                quiz.competence_level,
                Evidence.QUIZ,
                achieved_at=now,
                source=locked,
                statement_id=statement_id,
            )
    return Submission(Outcome.SUBMITTED, locked, answers)


@dataclass
class Overview:
    """What the quiz's start page shows one person."""

    quiz: object
    question_count: int
    attempts: list
    current: Attempt | None
    refused: AttemptRefused | None

    @property
    def attempts_left(self):
        if not self.quiz.max_attempts:
            return None
        return max(0, self.quiz.max_attempts - len(self.attempts))

    @property
    def has_passed(self):
        return any(attempt.passed for attempt in self.attempts)

    @property
    def best(self):
        scored = [a for a in self.attempts if a.scaled_score is not None]
        return max(scored, key=lambda a: a.scaled_score) if scored else None


def overview(quiz, user):
    """The quiz's rules and the person's attempts; anonymous visitors get no attempts."""
    if not is_signed_in(user):
        return Overview(quiz, quiz.question_count, [], None, None)
    attempts = list(Attempt.objects.filter(quiz=quiz, user=user).order_by("number"))
    # The open attempt is among them (one query for both); an overdue one is expired first.
    current = next((a for a in attempts if a.status == Status.OPEN), None)
    if current is not None and is_late(current):
        expire(current)
        current = None
        attempts = list(Attempt.objects.filter(quiz=quiz, user=user).order_by("number"))
    refused = None if current else refusal(quiz, user)
    return Overview(quiz, quiz.question_count, attempts, current, refused)
