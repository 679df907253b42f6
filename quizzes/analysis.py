"""Item analysis for educators: how hard each question is, whether it separates those who know
from those who don't, which choices are picked, and the pre/post change per course.

Data: each person's *first* submitted attempt at a quiz (retakes after seeing the feedback would
make every question look easy). Attempts that ran out of time have no answers and are left out.
Nothing here names or counts a person: only aggregates, and none at all for a question answered
by fewer than QUIZ_ANALYSIS_MIN_RESPONSES people (default 5), so nobody can be singled out.

Formulas (n = people who answered the question):
* Difficulty p = share of answers with full credit (xAPI success), 0..1; higher is easier.
* Discrimination = point-biserial correlation between full credit on the item (1/0) and the
  attempt's scaled total score (the item included):
      r_pb = (M1 - M0) / s * sqrt(p * (1 - p))
  M1, M0: mean total of those with and without full credit; s: population standard deviation
  of the totals of the n people. Undefined (shown as "–") when p is 0 or 1 or s is 0.
  Rule of thumb: below 0.2 the question deserves a look; negative means the stronger learners
  got it wrong more often.
* Choices: how many answers picked each choice; for ordering questions, how many put each step
  in its right position.
* Pre/post: mean scaled score on the pre-test and on the post-test (first attempts), and the mean
  change of the people who took both (percentage points).
"""

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch

from .models import Answer, Attempt, Choice, Kind, Question, Quiz, Status


def min_responses():
    return getattr(settings, "QUIZ_ANALYSIS_MIN_RESPONSES", 5)


def point_biserial(item, totals):
    """``item``: 1/0 per person; ``totals``: their total scores. None when undefined."""
    n = len(item)
    if n == 0 or n != len(totals):
        return None
    p = sum(item) / n
    if p in (0, 1):
        return None
    s = statistics.pstdev(totals)
    if s == 0:
        return None
    m1 = statistics.fmean(t for i, t in zip(item, totals, strict=True) if i)
    m0 = statistics.fmean(t for i, t in zip(item, totals, strict=True) if not i)
    return (m1 - m0) / s * math.sqrt(p * (1 - p))


def first_attempts(quiz_ids):
    """{quiz id: {user id: (attempt id, scaled score, passed)}} of each person's first submitted
    attempt. One query."""
    rows = (
        Attempt.objects.filter(quiz_id__in=quiz_ids, status=Status.SUBMITTED)
        .order_by("quiz_id", "user_id", "number")
        .values_list("quiz_id", "user_id", "pk", "scaled_score", "passed")
    )
    firsts = defaultdict(dict)
    for quiz_id, user_id, pk, scaled, passed in rows:
        firsts[quiz_id].setdefault(user_id, (pk, scaled, passed))
    return firsts


@dataclass
class ChoiceStat:
    text: str
    is_correct: bool
    picked: int | None


@dataclass
class ItemStat:
    number: int
    question: Question
    responses: int
    difficulty: float | None = None
    discrimination: float | None = None
    choices: list = field(default_factory=list)

    @property
    def enough_data(self):
        return self.difficulty is not None

    @property
    def is_ordering(self):
        return self.question.kind == Kind.ORDERING


@dataclass
class Report:
    quiz: Quiz
    people: int
    items: list


def _question_order(quiz, question_ids):
    """Listed questions in quiz order first, then any others (random draws) by id."""
    listed = list(quiz.items.order_by("sort_order").values_list("question_id", flat=True))
    rank = {pk: n for n, pk in enumerate(listed)}
    return sorted(question_ids, key=lambda pk: (rank.get(pk, len(rank)), pk))


def item_analysis(quiz):
    """The report for one quiz. Four queries."""
    firsts = first_attempts([quiz.pk]).get(quiz.pk, {})
    totals = {pk: scaled for pk, scaled, _passed in firsts.values()}
    by_question = defaultdict(list)
    for question_id, attempt_id, success, selected in Answer.objects.filter(
        attempt_id__in=list(totals)
    ).values_list("question_id", "attempt_id", "success", "selected"):
        by_question[question_id].append((attempt_id, success, selected or []))
    questions = Question.objects.filter(pk__in=list(by_question)).prefetch_related(
        Prefetch("choices", queryset=Choice.objects.order_by("sort_order", "pk"))
    )
    questions = {q.pk: q for q in questions}
    threshold = min_responses()
    items = []
    for number, question_id in enumerate(_question_order(quiz, list(questions)), start=1):
        question = questions[question_id]
        answers = by_question[question_id]
        stat = ItemStat(number, question, len(answers))
        choices = list(question.choices.all())
        if len(answers) < threshold:
            stat.choices = [ChoiceStat(c.text, c.is_correct, None) for c in choices]
            items.append(stat)
            continue
        hits = [1 if success else 0 for _a, success, _s in answers]
        stat.difficulty = sum(hits) / len(hits)
        stat.discrimination = point_biserial(hits, [totals[a] for a, _s, _sel in answers])
        if question.kind == Kind.ORDERING:
            counts = [
                sum(1 for _a, _s, sel in answers if len(sel) > i and sel[i] == c.key)
                for i, c in enumerate(choices)
            ]
        else:
            counts = [sum(1 for _a, _s, sel in answers if c.key in sel) for c in choices]
        stat.choices = [
            ChoiceStat(c.text, c.is_correct, count)
            for c, count in zip(choices, counts, strict=True)
        ]
        items.append(stat)
    return Report(quiz, len(firsts), items)


@dataclass
class QuizSummary:
    quiz: Quiz
    people: int
    mean_score: float | None
    pass_rate: float | None


def quiz_summaries():
    """One line per quiz: people with a first attempt, their mean score and pass rate. Two
    queries."""
    quizzes = list(Quiz.objects.order_by("title"))
    firsts = first_attempts([q.pk for q in quizzes])
    threshold = min_responses()
    summaries = []
    for quiz in quizzes:
        attempts = list(firsts.get(quiz.pk, {}).values())
        if len(attempts) < threshold:
            summaries.append(QuizSummary(quiz, len(attempts), None, None))
            continue
        summaries.append(
            QuizSummary(
                quiz,
                len(attempts),
                statistics.fmean(scaled for _pk, scaled, _p in attempts),
                sum(1 for _pk, _s, passed in attempts if passed) / len(attempts),
            )
        )
    return summaries


@dataclass
class PrePost:
    evaluation: object
    pre_people: int
    post_people: int
    paired: int
    pre_mean: float | None
    post_mean: float | None
    mean_change: float | None


def pre_post(evaluation):
    """The pre/post comparison for one course evaluation. One query."""
    firsts = first_attempts([evaluation.pre_test_id, evaluation.post_test_id])
    pre = {
        user: scaled for user, (_pk, scaled, _p) in firsts.get(evaluation.pre_test_id, {}).items()
    }
    post = {
        user: scaled for user, (_pk, scaled, _p) in firsts.get(evaluation.post_test_id, {}).items()
    }
    both = sorted(set(pre) & set(post))
    threshold = min_responses()
    return PrePost(
        evaluation,
        len(pre),
        len(post),
        len(both),
        statistics.fmean(pre.values()) if len(pre) >= threshold else None,
        statistics.fmean(post.values()) if len(post) >= threshold else None,
        statistics.fmean(post[u] - pre[u] for u in both) if len(both) >= threshold else None,
    )


def _number(value):
    return "" if value is None else f"{value:.3f}"


def csv_rows(report):
    """Header and one row per choice of each question (person-free by construction).

    Raw text: the view writes it with ``learning.spreadsheets.csv_bytes``, which makes it
    formula-safe."""
    yield [
        "quiz",
        "question_number",
        "question",
        "type",
        "responses",
        "difficulty",
        "discrimination_point_biserial",
        "choice",
        "correct",
        "picked_or_in_right_position",
    ]
    for item in report.items:
        for choice in item.choices or [ChoiceStat("", False, None)]:
            yield [
                str(report.quiz.title),
                item.number,
                item.question.text,
                item.question.kind,
                item.responses,
                _number(item.difficulty),
                _number(item.discrimination),
                choice.text,
                "" if item.is_ordering else ("yes" if choice.is_correct else "no"),
                "" if choice.picked is None else choice.picked,
            ]
