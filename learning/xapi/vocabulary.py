"""The one place for the xAPI verbs and activity types the platform uses, and one builder per
statement the platform emits.

Verbs come from the ADL vocabulary, cmi5 and the xAPI Video Profile; no verb is invented here.
Builders return plain statement dicts (no id: the store assigns one) that pass
``statement_schema.validate``; the tests run every builder through it.
"""

import uuid
from dataclasses import dataclass

from learning.xapi.actors import actor_for
from learning.xapi.statement_schema import VOIDED_VERB

LANGUAGE = "da-DK"


@dataclass(frozen=True)
class Verb:
    id: str
    display: str

    def as_json(self):
        return {"id": self.id, "display": {"en-US": self.display}}


ADL = "http://adlnet.gov/expapi/verbs/"
ADL_W3ID = "https://w3id.org/xapi/adl/verbs/"
VIDEO = "https://w3id.org/xapi/video/verbs/"

# ADL verbs
ANSWERED = Verb(ADL + "answered", "answered")
ATTEMPTED = Verb(ADL + "attempted", "attempted")
COMPLETED = Verb(ADL + "completed", "completed")
EXPERIENCED = Verb(ADL + "experienced", "experienced")
FAILED = Verb(ADL + "failed", "failed")
INITIALIZED = Verb(ADL + "initialized", "initialized")
INTERACTED = Verb(ADL + "interacted", "interacted")
LAUNCHED = Verb(ADL + "launched", "launched")
PASSED = Verb(ADL + "passed", "passed")
PROGRESSED = Verb(ADL + "progressed", "progressed")
REGISTERED = Verb(ADL + "registered", "registered")
TERMINATED = Verb(ADL + "terminated", "terminated")
VOIDED = Verb(VOIDED_VERB, "voided")
# cmi5 defines these beyond the ADL set
ABANDONED = Verb(ADL_W3ID + "abandoned", "abandoned")
SATISFIED = Verb(ADL_W3ID + "satisfied", "satisfied")
WAIVED = Verb(ADL_W3ID + "waived", "waived")
# xAPI Video Profile (it reuses ADL initialized, completed, terminated and interacted)
PLAYED = Verb(VIDEO + "played", "played")
PAUSED = Verb(VIDEO + "paused", "paused")
SEEKED = Verb(VIDEO + "seeked", "seeked")

VERBS = (
    ANSWERED,
    ATTEMPTED,
    COMPLETED,
    EXPERIENCED,
    FAILED,
    INITIALIZED,
    INTERACTED,
    LAUNCHED,
    PASSED,
    PROGRESSED,
    REGISTERED,
    TERMINATED,
    VOIDED,
    ABANDONED,
    SATISFIED,
    WAIVED,
    PLAYED,
    PAUSED,
    SEEKED,
)
CMI5_VERBS = (
    LAUNCHED,
    INITIALIZED,
    COMPLETED,
    PASSED,
    FAILED,
    ABANDONED,
    WAIVED,
    TERMINATED,
    SATISFIED,
)
VIDEO_VERBS = (INITIALIZED, PLAYED, PAUSED, SEEKED, COMPLETED, TERMINATED, INTERACTED)

# Activity types
ACTIVITY = "http://adlnet.gov/expapi/activities/"
COURSE = ACTIVITY + "course"
LESSON = ACTIVITY + "lesson"
MODULE = ACTIVITY + "module"
ASSESSMENT = ACTIVITY + "assessment"
QUESTION = ACTIVITY + "cmi.interaction"
OBJECTIVE = ACTIVITY + "objective"
VIDEO_TYPE = "https://w3id.org/xapi/video/activity-type/video"

# Profiles, categories and extensions
VIDEO_PROFILE = "https://w3id.org/xapi/video"
CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
VIDEO_EXT = "https://w3id.org/xapi/video/extensions/"
EXT_TIME = VIDEO_EXT + "time"
EXT_TIME_FROM = VIDEO_EXT + "time-from"
EXT_TIME_TO = VIDEO_EXT + "time-to"
EXT_PROGRESS = VIDEO_EXT + "progress"
EXT_PLAYED_SEGMENTS = VIDEO_EXT + "played-segments"
EXT_LENGTH = VIDEO_EXT + "length"
EXT_SESSION = VIDEO_EXT + "session-id"
EXT_COMPLETION_THRESHOLD = VIDEO_EXT + "completion-threshold"


def activity(activity_id, activity_type, name, language=LANGUAGE):
    return {
        "objectType": "Activity",
        "id": activity_id,
        "definition": {"type": activity_type, "name": {language: name}},
    }


def _statement(user, verb, obj, *, result=None, context=None):
    statement = {"actor": actor_for(user), "verb": verb.as_json(), "object": obj}
    if result:
        statement["result"] = result
    statement["context"] = {"language": LANGUAGE, **(context or {})}
    return statement


def _parent(course_id):
    return {"contextActivities": {"parent": [{"objectType": "Activity", "id": course_id}]}}


def registered_for_course(user, course_id, course_name, registration):
    """A person enrolled on a course. ``registration`` (a UUID) ties later statements to it.

    Example: ``registered_for_course(mette, "https://akademi.example/kurser/fmk", "FMK", reg)``
    """
    return _statement(
        user,
        REGISTERED,
        activity(course_id, COURSE, course_name),
        context={"registration": str(registration)},
    )


def completed_lesson(user, lesson_id, lesson_name, course_id, registration=None):
    """A person finished a lesson of a course."""
    context = _parent(course_id)
    if registration:
        context["registration"] = str(registration)
    return _statement(
        user,
        COMPLETED,
        activity(lesson_id, LESSON, lesson_name),
        result={"completion": True},
        context=context,
    )


def completed_course(user, course_id, course_name, registration=None):
    """A person finished every required lesson of a course."""
    context = {"registration": str(registration)} if registration else {}
    return _statement(
        user,
        COMPLETED,
        activity(course_id, COURSE, course_name),
        result={"completion": True},
        context=context,
    )


def answered_question(
    user, question_id, question_text, quiz_id, *, response, success, interaction_type="choice"
):
    """A person answered one quiz question; ``response`` uses the xAPI response format
    (choice ids joined by ``[,]``)."""
    obj = activity(question_id, QUESTION, question_text)
    obj["definition"]["interactionType"] = interaction_type
    return _statement(
        user,
        ANSWERED,
        obj,
        result={"response": response, "success": success},
        context=_parent(quiz_id),
    )


def _scored_quiz(verb, user, quiz_id, quiz_name, course_id, raw, maximum):
    scaled = round(raw / maximum, 4) if maximum else 0
    return _statement(
        user,
        verb,
        activity(quiz_id, ASSESSMENT, quiz_name),
        result={
            "score": {"raw": raw, "min": 0, "max": maximum, "scaled": scaled},
            "success": verb is PASSED,
            "completion": True,
        },
        context=_parent(course_id) if course_id else None,
    )


def finished_quiz(user, quiz_id, quiz_name, *, raw, maximum, passed, course_id=None):
    """A person submitted a quiz: ``passed`` or ``failed`` with the score."""
    return _scored_quiz(
        PASSED if passed else FAILED, user, quiz_id, quiz_name, course_id, raw, maximum
    )


def _video_context(session_id, length):
    return {
        "contextActivities": {"category": [{"objectType": "Activity", "id": VIDEO_PROFILE}]},
        "extensions": {EXT_SESSION: str(session_id), EXT_LENGTH: length},
    }


def video_event(
    user,
    verb,
    video_id,
    video_name,
    *,
    session_id,
    length,
    time=None,
    time_from=None,
    time_to=None,
    played_segments=None,
    progress=None,
):
    """One Video Profile statement (initialized, played, paused, seeked, completed, terminated).

    Example: ``video_event(mette, PLAYED, url, "Log ind i FMK", session_id=s, length=93.5,
    time=12.0)``. ``played_segments`` is the profile's "0[.]12.5[,]30[.]41" string.
    """
    if verb not in VIDEO_VERBS:
        raise ValueError(f"{verb.id} is not a Video Profile verb")
    extensions = {}
    if time is not None:
        extensions[EXT_TIME] = time
    if time_from is not None:
        extensions[EXT_TIME_FROM] = time_from
    if time_to is not None:
        extensions[EXT_TIME_TO] = time_to
    if played_segments is not None:
        extensions[EXT_PLAYED_SEGMENTS] = played_segments
    if progress is not None:
        extensions[EXT_PROGRESS] = progress
    result = {"extensions": extensions} if extensions else None
    if verb is COMPLETED:
        result = {**(result or {}), "completion": True}
    return _statement(
        user,
        verb,
        activity(video_id, VIDEO_TYPE, video_name),
        result=result,
        context=_video_context(session_id, length),
    )


def video_progress_summary(user, video_id, *, segments, progress, completed, retained):
    """The platform's summary of a person's progress through a video, stored before the
    retention job deletes the video events it came from (``learning.video.retention``).
    ``retained`` is the server's own record, under a context extension of the platform's."""
    return _statement(
        user,
        PROGRESSED,
        activity(video_id, VIDEO_TYPE, "Video"),
        result={
            "completion": completed,
            "extensions": {EXT_PLAYED_SEGMENTS: segments, EXT_PROGRESS: progress},
        },
        context={"extensions": retained},
    )


def voiding(user, statement_id):
    """A statement that voids an earlier one (for example a mistaken sign-off)."""
    return _statement(user, VOIDED, {"objectType": "StatementRef", "id": str(statement_id)})


def new_registration():
    return uuid.uuid4()
