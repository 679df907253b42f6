"""What the result page shows: each question of a submitted attempt, whether the correct
answers may be shown (the quiz's review policy), and where the learner goes on from there."""

from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import Page

from .drawing import shown_questions
from .models import Kind, Review


@dataclass
class ChoiceOutcome:
    choice: object
    picked: bool
    position: int | None = None  # ordering: where the learner put it (1-based)
    right_position: int | None = None  # ordering: where it belongs (1-based)

    @property
    def in_right_place(self):
        return self.position is not None and self.position == self.right_position


@dataclass
class QuestionOutcome:
    shown: object
    answer: object  # Answer or None (expired attempts have none)
    choices: list

    @property
    def question(self):
        return self.shown.question

    @property
    def right_order(self):
        return list(self.question.choices.all())


def outcomes(attempt):
    """Per question: the learner's choices (in the order shown, or the order they put them),
    the answer row and the question with its feedback. Three queries."""
    answers = {a.question_id: a for a in attempt.answers.all()}
    result = []
    for shown in shown_questions(attempt.layout):
        answer = answers.get(shown.question.pk)
        selected = answer.selected if answer else []
        if shown.question.kind == Kind.ORDERING and selected:
            by_key = {c.key: c for c in shown.choices}
            right = {key: n for n, key in enumerate(shown.keys_in_right_order, start=1)}
            choices = [
                ChoiceOutcome(by_key[key], True, position, right[key])
                for position, key in enumerate(selected, start=1)
                if key in by_key
            ]
        else:
            choices = [ChoiceOutcome(c, c.key in selected) for c in shown.choices]
        result.append(QuestionOutcome(shown, answer, choices))
    return result


def shows_correct_answers(quiz, overview):
    """Whether the result page may show the correct answers, by the quiz's review policy.

    By default only once the person has passed, or can neither start nor continue another
    attempt: an attempt in progress in another tab must not be answered from a result page.
    """
    if quiz.review == Review.ALWAYS:
        return True
    if quiz.review == Review.NEVER:
        return False
    no_attempts_left = overview.attempts_left == 0 and overview.current is None
    return overview.has_passed or no_attempts_left


@dataclass
class WayOn:
    """Links from the result page: back to where the quiz was opened, and on from there."""

    back: object = None  # the lesson or quiz page the attempt was started from
    next: object = None  # the next live page beside it (the next lesson of a course)
    course: object = None  # the course it belongs to, if any


def way_on(page):
    """The WayOn for an attempt started from ``page`` (None: opened from the quiz list).

    One query: the page's parent and its first live sibling after it, both by their tree paths
    (a parent's path is the start of its children's, so it sorts first)."""

    if page is None or not page.live:
        return WayOn()
    parent_path = page.path[: -page.steplen]
    after = Q(path__startswith=parent_path, depth=page.depth, path__gt=page.path, live=True)
    rows = list(Page.objects.filter(Q(path=parent_path) | after).order_by("path")[:2])
    parent = next((row for row in rows if row.path == parent_path), None)
    following = next((row for row in rows if row.depth == page.depth), None)
    course = None
    if parent is not None and getattr(parent.specific_class, "activity_kind", None) == "course":
        course = parent
    return WayOn(back=page, next=following, course=course)
