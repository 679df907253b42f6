"""The xAPI statements a quiz attempt produces, built on learning.xapi.vocabulary.

Activity ids follow the platform's pattern ``{homepage}/activities/{kind}/{id}`` (quiz and
question ids are database ids, which survive renames). Every statement of an attempt carries the
attempt's uuid as ``context.registration``, so the log alone tells which answers belong together.

Question definitions carry the choices (sorted by key, never in the right order) but no
``correctResponsesPattern``: /xapi/activities returns the newest definition to any reader, and
the correct answers must not reach a browser before an answer is submitted.
"""

from learning.xapi import vocabulary
from learning.xapi.actors import actor_for, homepage

from .models import Kind


def quiz_activity_id(quiz):
    return f"{homepage()}/activities/quiz/{quiz.pk}"


def question_activity_id(question):
    return f"{homepage()}/activities/question/{question.pk}"


def course_activity_id(page):
    """The course a page belongs to (itself or an ancestor whose class says it is a course),
    in the id scheme of learning.progress. Queries the ancestors; None if there is none."""
    if page is None:
        return None
    for ancestor in page.get_ancestors(inclusive=True).reverse():
        if getattr(ancestor.specific_class, "activity_kind", None) == "course":
            return f"{homepage()}/activities/course/{ancestor.pk}"
    return None


def _with_registration(statement, attempt):
    statement.setdefault("context", {})["registration"] = str(attempt.uuid)
    return statement


def attempted(attempt, course_id=None):
    """The person started an attempt."""
    context = {"registration": str(attempt.uuid)}
    if course_id:
        context["contextActivities"] = {"parent": [{"objectType": "Activity", "id": course_id}]}
    return {
        "actor": actor_for(attempt.user),
        "verb": vocabulary.ATTEMPTED.as_json(),
        "object": vocabulary.activity(
            quiz_activity_id(attempt.quiz), vocabulary.ASSESSMENT, attempt.quiz.title
        ),
        "context": {"language": vocabulary.LANGUAGE, **context},
    }


def answered(attempt, shown, scored):
    """One answered question, with the cmi.interaction response, success and the partial score."""
    question = shown.question
    statement = vocabulary.answered_question(
        attempt.user,
        question_activity_id(question),
        question.text,
        quiz_activity_id(attempt.quiz),
        response=scored.response,
        success=scored.success,
        interaction_type=question.interaction_type,
    )
    if question.kind != Kind.TRUE_FALSE:
        # Choice and sequencing interactions both name their components "choices".
        statement["object"]["definition"]["choices"] = [
            {"id": choice.key, "description": {vocabulary.LANGUAGE: choice.text}}
            for choice in sorted(shown.choices, key=lambda c: c.key)
        ]
    statement["result"]["score"] = {"scaled": round(float(scored.score), 4)}
    return _with_registration(statement, attempt)


def finished(attempt, raw, maximum, passed, course_id=None):
    """Passed or failed, with the raw and scaled score."""
    statement = vocabulary.finished_quiz(
        attempt.user,
        quiz_activity_id(attempt.quiz),
        attempt.quiz.title,
        raw=round(float(raw), 4),
        maximum=maximum,
        passed=passed,
        course_id=course_id,
    )
    return _with_registration(statement, attempt)
