"""What an AU may send in its session (cmi5 sections 9 and 10), checked before the LRS stores.

The LRS checks that a statement is valid xAPI (400); this module adds the cmi5 rules for
statements sent with a session's token. Statement order and session rules answer 403 (the AU
may not do this now), malformed cmi5 statements 400 (the AU sent something the profile does
not allow), as the cmi5 working group settled for rejected statements:

* 8.1.3 / 8.1.4: the actor and the registration are those of the launch (400).
* 10 (contextTemplate): every statement carries the session id extension and the grouping
  of the template (400).
* 9.3.2: the first statement of a session is "initialized", sent once (403).
* 9.3.8: nothing after "terminated"; 9.3.6: nothing after "abandoned" (403).
* 9.3: "launched", "satisfied", "abandoned" and "waived" are the LMS's own verbs (403).
* 9.6.2.1: cmi5 defined statements carry the cmi5 category; 9.3 / 8.1.5: their object is the
  AU's activityId (400).
* 9.5.4.1: completed, passed, failed and terminated carry ``result.duration`` (400).
* 9.3.3: "completed" has ``result.completion`` true and is sent once per registration (403
  the second time); 9.3.4 / 9.3.5: "passed" has ``success`` true and a scaled score at or above
  the mastery score, "failed" ``success`` false and below it (400); one of them per session (403).
* 10.2.2: in Browse or Review mode an AU sends no completed, passed or failed (403).
"""

from learning.xapi import vocabulary
from learning.xapi.actors import actor_for, agent_key
from learning.xapi.http import XapiError

from . import statements as lms
from .models import LaunchSession, UnitResult

AU_DEFINED = {
    vocabulary.INITIALIZED.id,
    vocabulary.COMPLETED.id,
    vocabulary.PASSED.id,
    vocabulary.FAILED.id,
    vocabulary.TERMINATED.id,
}
LMS_ONLY = {
    vocabulary.LAUNCHED.id,
    vocabulary.SATISFIED.id,
    vocabulary.ABANDONED.id,
    vocabulary.WAIVED.id,
}
NEEDS_DURATION = AU_DEFINED - {vocabulary.INITIALIZED.id}
JUDGED = {vocabulary.COMPLETED.id, vocabulary.PASSED.id, vocabulary.FAILED.id}


def _forbidden(message, field=""):
    return XapiError(403, message, field)


def _bad(message, field=""):
    return XapiError(400, message, field)


class _Progress:
    """The session's state as the batch goes on, so a batch is judged statement by statement."""

    def __init__(self, session):
        self.initialized = session.initialized_at is not None
        self.terminated = session.terminated_at is not None
        self.abandoned = session.abandoned_at is not None
        self.passed_or_failed = session.passed_or_failed
        self.completed = UnitResult.objects.filter(
            registration=session.registration, unit=session.unit, completed_at__isnull=False
        ).exists()


def check(session: LaunchSession, batch):
    """Raise XapiError unless every statement in ``batch`` (dicts) may be stored now."""
    progress = _Progress(session)
    actor = agent_key(actor_for(session.registration.user))
    activity_id = lms.au_activity_id(session.unit)
    for index, statement in enumerate(batch):
        if not isinstance(statement, dict):
            raise _bad("a statement must be a JSON object", str(index))
        _check_one(session, progress, statement, actor, activity_id, f"{index}.")


def _check_one(session, progress, statement, actor, activity_id, where):
    if progress.abandoned:
        raise _forbidden("the session was abandoned: no statement may follow (cmi5 9.3.6)")
    if progress.terminated:
        raise _forbidden("the session is terminated: no statement may follow (cmi5 9.3.8)")
    if agent_key(statement.get("actor")) != actor:
        raise _bad("the actor must be the one given at launch (cmi5 8.1.3)", where + "actor")
    verb = (statement.get("verb") or {}).get("id")
    context = statement.get("context") or {}
    if str(context.get("registration", "")).lower() != str(session.registration.registration):
        raise _bad(
            "the registration must be the one given at launch (cmi5 8.1.4)",
            where + "context.registration",
        )
    extensions = context.get("extensions") or {}
    if extensions.get(lms.SESSION_ID) != str(session.session_id):
        raise _bad(
            "the context must carry the session id of the context template (cmi5 10)",
            where + "context.extensions",
        )
    grouping = (context.get("contextActivities") or {}).get("grouping") or []
    if isinstance(grouping, dict):
        grouping = [grouping]
    if session.unit.au_id not in {g.get("id") for g in grouping if isinstance(g, dict)}:
        raise _bad(
            "the context must keep the grouping of the context template (cmi5 10)",
            where + "context.contextActivities.grouping",
        )
    if verb in LMS_ONLY:
        raise _forbidden("only the LMS records this verb (cmi5 9.3)", where + "verb")
    if not progress.initialized and verb != vocabulary.INITIALIZED.id:
        raise _forbidden("the first statement of a session must be initialized (cmi5 9.3.2)")
    if verb == vocabulary.INITIALIZED.id and progress.initialized:
        raise _forbidden("initialized may be sent once per session (cmi5 9.3.2)", where + "verb")
    if verb in AU_DEFINED:
        _check_defined(session, progress, statement, verb, activity_id, where)
    if verb == vocabulary.INITIALIZED.id:
        progress.initialized = True
    elif verb == vocabulary.TERMINATED.id:
        progress.terminated = True


def _check_defined(session, progress, statement, verb, activity_id, where):
    obj = statement.get("object") or {}
    if obj.get("id") != activity_id:
        raise _bad("the object must be the AU's activityId (cmi5 8.1.5)", where + "object.id")
    context = statement.get("context") or {}
    categories = (context.get("contextActivities") or {}).get("category") or []
    if isinstance(categories, dict):
        categories = [categories]
    if lms.CMI5_CATEGORY not in {c.get("id") for c in categories if isinstance(c, dict)}:
        raise _bad(
            "a cmi5 defined statement carries the cmi5 category (cmi5 9.6.2.1)",
            where + "context.contextActivities.category",
        )
    result = statement.get("result") or {}
    if verb in NEEDS_DURATION and "duration" not in result:
        raise _bad("this statement must include result.duration (cmi5 9.5.4.1)", where + "result")
    if verb not in JUDGED:
        return
    if session.launch_mode != LaunchSession.Mode.NORMAL:
        raise _forbidden(
            f"no {verb.rsplit('/', 1)[-1]} in {session.launch_mode} mode (cmi5 10.2.2)",
            where + "verb",
        )
    if verb == vocabulary.COMPLETED.id:
        if result.get("completion") is not True:
            raise _bad("completed needs result.completion true (cmi5 9.5.3)", where + "result")
        if progress.completed:
            raise _forbidden("completed is sent once per registration (cmi5 9.3.3)", where + "verb")
        progress.completed = True
        return
    if progress.passed_or_failed:
        raise _forbidden("one passed or failed per session (cmi5 9.3.4, 9.3.5)", where + "verb")
    passed = verb == vocabulary.PASSED.id
    if result.get("success") is not passed:
        raise _bad(f"{'passed' if passed else 'failed'} needs result.success {str(passed).lower()}")
    mastery = session.unit.mastery_score
    scaled = (result.get("score") or {}).get("scaled")
    if mastery is not None:
        if not isinstance(scaled, int | float):
            raise _bad("with a masteryScore the result needs score.scaled (cmi5 9.5.1)")
        if passed and scaled < float(mastery):
            raise _bad("passed with a score below the masteryScore (cmi5 9.3.4)", where + "result")
        if not passed and scaled >= float(mastery):
            raise _bad("failed with a score at the masteryScore (cmi5 9.3.5)", where + "result")
    progress.passed_or_failed = True
