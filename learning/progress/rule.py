"""The completion rule of a course, evaluated on the server from the statement log and the
tables written with it.

A course is complete when every required live lesson is done. A lesson is done when:

- it holds an assessment (a quiz block whose quiz has a pass mark above 0): each such quiz has a
  passed attempt whose "passed" statement is stored and not voided. Its "mark as done" button is
  gone and a "completed" statement for it counts for nothing;
- it holds another app's assessment block (registered with ``register_assessment``, e.g. a
  cmi5 package): each such block's evidence stands, as that app judges it. No button either;
- otherwise: the person's "completed" statement for the lesson is stored and not voided;
- and, when the course says videos must be watched (``CoursePage.require_videos_watched``),
  each video in the lesson is complete in the video app's projection.

A lesson is done at the latest of these times, each the time the platform stored the evidence
(never a client's timestamp), so the result does not depend on the order the facts are seen in:
live, or while ``rebuild_progress`` replays the log.
"""

from dataclasses import dataclass, field

from learning.video import api as video
from learning.xapi import vocabulary
from learning.xapi.actors import actor_for, agent_key
from learning.xapi.models import Statement
from quizzes.models import Attempt, Quiz

from . import activities

# Assessments that apps above this one put into lessons as blocks, by block type: a function
# (user, block value) -> (stored, statement id) of the evidence that the person met it, or None.
# The owning app registers it from its AppConfig.ready(), as projections are registered, so the
# rule needs no import of that app.
_assessments = {}


def register_assessment(block_type, evidence):
    """Make lessons holding a ``block_type`` block done only when ``evidence`` says so."""
    _assessments[block_type] = evidence


@dataclass
class LessonRule:
    lesson: object
    quizzes: list = field(default_factory=list)  # Quiz rows that must be passed
    media_ids: list = field(default_factory=list)  # videos that must be watched
    assessments: list = field(default_factory=list)  # (block type, value) of registered blocks

    @property
    def by_button(self):
        """Whether the learner marks this lesson done themselves (no assessment in it)."""
        return not self.quizzes and not self.assessments


@dataclass
class Missing:
    """What a learner still has to do in one required lesson."""

    lesson: object
    quizzes: list = field(default_factory=list)
    videos: list = field(default_factory=list)
    assessments: list = field(default_factory=list)  # block values, e.g. packages to finish
    mark_done: bool = False


def _block_ids(lesson, block_type, key):
    ids = []
    for block in lesson.body.raw_data:
        value = block.get("value") or {}
        if block.get("type") == block_type and isinstance(value.get(key), int):
            ids.append(value[key])
    return ids


def assessment_quizzes(lesson):
    """The quizzes in a lesson that assess: a pass mark above 0 (a pre-test that "does not
    count" has 0). One query, none for a lesson without quiz blocks."""
    ids = _block_ids(lesson, "quiz", "quiz")
    if not ids:
        return []
    return list(Quiz.objects.filter(pk__in=ids, pass_mark__gt=0).order_by("pk"))


def lesson_rule(course, lesson):
    media_ids = _block_ids(lesson, "video", "video") if course.require_videos_watched else []
    # Decoding the stream fetches every chosen snippet; only lessons that hold a registered
    # block need it, so the raw data is looked at first.
    others = []
    if any(block.get("type") in _assessments for block in lesson.body.raw_data):
        others = [
            (block.block_type, block.value)
            for block in lesson.body
            if block.block_type in _assessments
        ]
    return LessonRule(lesson, assessment_quizzes(lesson), media_ids, others)


def rules(course, lessons=None):
    """A LessonRule per live lesson of the course, in order."""
    lessons = list(course.lessons()) if lessons is None else lessons
    return [lesson_rule(course, lesson) for lesson in lessons]


def _marked(user, lesson):
    """(stored, statement id) of the person's first non-voided "completed" lesson statement."""
    return (
        Statement.objects.filter(
            object_activity_id=activities.for_page(lesson),
            verb_id=vocabulary.COMPLETED.id,
            actor_key=agent_key(actor_for(user)),
            voided=False,
        )
        .order_by("stored", "id")
        .values_list("stored", "statement_id")
        .first()
    )


def _passed(user, quiz):
    """(stored, statement id) of the person's first passed attempt at ``quiz`` whose "passed"
    statement stands (stored, not voided). The attempt row is written by the quiz app with the
    statement, so a "passed" statement posted by anyone else never counts."""
    ids = Attempt.objects.filter(user=user, quiz=quiz, passed=True).values("statement_id")
    return (
        Statement.objects.filter(statement_id__in=ids, voided=False)
        .order_by("stored", "id")
        .values_list("stored", "statement_id")
        .first()
    )


def done(user, rule):
    """(done at, statement id) when the lesson is done under its rule, else None."""
    evidence = []
    if rule.by_button:
        marked = _marked(user, rule.lesson)
        if marked is None:
            return None
        evidence.append(marked)
    for quiz in rule.quizzes:
        passed = _passed(user, quiz)
        if passed is None:
            return None
        evidence.append(passed)
    for block_type, value in rule.assessments:
        met = _assessments[block_type](user, value)
        if met is None:
            return None
        evidence.append(met)
    latest = max(evidence)
    for media_id in rule.media_ids:
        watched = video.watched_at(user, media_id)
        if watched is None:
            return None
        latest = max(latest, (watched, latest[1]))
    return latest


def missing(user, rule):
    """What is left of one lesson under its rule (a Missing, empty when done)."""
    left = Missing(rule.lesson)
    if rule.by_button and _marked(user, rule.lesson) is None:
        left.mark_done = True
    left.quizzes = [quiz for quiz in rule.quizzes if _passed(user, quiz) is None]
    left.videos = [
        media_id for media_id in rule.media_ids if video.watched_at(user, media_id) is None
    ]
    left.assessments = [
        value
        for block_type, value in rule.assessments
        if _assessments[block_type](user, value) is None
    ]
    return left


def has_assessment(course):
    """Whether any required live lesson of the course holds an assessment quiz."""
    return any(assessment_quizzes(lesson) for lesson in course.lessons() if lesson.required)
