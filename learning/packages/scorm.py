"""The SCORM runtime's server side: launching a SCO, the runtime data it starts with, and
turning the runtime's commits into statements (docs/packages.md, "SCORM").

``launch`` (one transaction) finds or creates the learner's registration, ends an earlier
session of it still open ("abandoned"), and creates the session with a launch token that only
the SCORM host page on the content origin gets; the session's credential (secret given to
nobody) marks the statements stored for its commits, so the projection of
``satisfaction`` counts them and nothing posted by anyone else.

``start_data`` is what the runtime (scorm-again) is loaded with before the SCO calls
LMSInitialize / Initialize: who the learner is (her pseudonymous id, no name), and where she
left off (location, suspend_data, entry "resume").

``commit`` (one transaction, session row locked) keeps location, suspend_data, exit, the
statuses and the objectives, and stores the statements the change means: "initialized" on the
session's first commit, "answered" once for each interaction (``scorm_interactions``),
"completed" the first time the SCO says completed (once per registration), "passed" or
"failed" when its success status changes (with the score), "terminated" on LMSFinish /
Terminate. Nothing is accepted once the session is terminated or abandoned.
"""

import hashlib
import secrets
import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.xapi import vocabulary
from learning.xapi.actors import actor_for
from learning.xapi.models import Credential
from learning.xapi.statement_schema import StatementError
from learning.xapi.store import store_statements

from . import scorm_interactions
from .errors import CommitRefused
from .models import LaunchSession, Package, Registration, ScormData, UnitResult
from .statements import SESSION_ID, au_activity_id, course_activity_id

KEY_PREFIX = "scorm-"
# The xAPI SCORM profile: a category on every statement made from a SCORM commit.
SCORM_CATEGORY = scorm_interactions.SCORM_CATEGORY
MAX_SUSPEND_DATA = 64000  # SCORM 2004's limit; 1.2 allows 4096
MAX_LOCATION = 1000


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _duration(start, end):
    return f"PT{max((end - start).total_seconds(), 0):.2f}S"


def launch(user, unit, *, lesson_id=None):
    """Start a session of the SCO ``unit`` for ``user``; returns (session, launch token)."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        registration, _created = Registration.objects.get_or_create(user=user, package=unit.package)
        now = timezone.now()
        for previous in registration.sessions.select_for_update().filter(
            terminated_at=None, abandoned_at=None
        ):
            abandon(previous, now)
        session_id = uuid.uuid4()
        credential = Credential.issue(f"SCORM session {session_id}", [])
        credential.key = KEY_PREFIX + credential.key
        credential.save(update_fields=["key"])
        session = LaunchSession.objects.create(
            session_id=session_id,
            registration=registration,
            unit=unit,
            lesson_id=lesson_id,
            fetch_token_hash=token_hash(token),
            credential=credential,
            launched_at=now,
            fetched_at=now,  # born fetched: the cmi5 fetch URL never answers a SCORM session
        )
    return session, token


def abandon(session, at=None):
    """End an open session that was never finished: "abandoned", and its token stops working."""
    at = at or timezone.now()
    session.abandoned_at = at
    session.save(update_fields=["abandoned_at"])
    _store(session, [_statement(session, vocabulary.ABANDONED, _ended(session, at))])


def session_for(session_id, token):
    """The SCORM session ``session_id`` if ``token`` is its launch token, else None."""
    if not token:
        return None
    return (
        LaunchSession.objects.select_related("registration__user", "registration__package", "unit")
        .filter(
            session_id=session_id,
            fetch_token_hash=token_hash(token),
            registration__package__kind__in=[Package.Kind.SCORM12, Package.Kind.SCORM2004],
        )
        .first()
    )


def _kept(session):
    return ScormData.objects.filter(registration=session.registration, unit=session.unit).first()


def start_data(session):
    """{"version", "cmi"}: the runtime data the SCO starts with (scorm-again's loadFromJSON)."""
    kept = _kept(session)
    unit = session.unit
    learner = str(session.registration.user.actor_id)
    entry = "ab-initio" if kept is None else ("resume" if kept.exit == "suspend" else "")
    if session.registration.package.kind == Package.Kind.SCORM12:
        core = {"student_id": learner, "student_name": "", "lesson_mode": "normal"}
        if kept is not None:
            core["lesson_location"] = kept.location
            core["lesson_status"] = _lesson_status(kept)
        if entry:
            core["entry"] = entry
        cmi = {"core": core, "suspend_data": kept.suspend_data if kept else ""}
        if unit.launch_parameters:
            cmi["launch_data"] = unit.launch_parameters
        if unit.mastery_score is not None:
            cmi["student_data"] = {"mastery_score": str(round(unit.mastery_score * 100))}
        return {"version": "1.2", "cmi": cmi}
    cmi = {"learner_id": learner, "learner_name": "", "mode": "normal", "credit": "credit"}
    if entry:
        cmi["entry"] = entry
    if kept is not None:
        cmi.update(
            location=kept.location,
            suspend_data=kept.suspend_data,
            completion_status=kept.completion_status or "unknown",
            success_status=kept.success_status or "unknown",
        )
    if unit.launch_parameters:
        cmi["launch_data"] = unit.launch_parameters
    return {"version": "2004", "cmi": cmi}


def _lesson_status(kept):
    if kept.success_status in ("passed", "failed"):
        return kept.success_status
    if kept.completion_status in ("completed", "incomplete"):
        return kept.completion_status
    return "not attempted"


def _string(value, limit, name):
    if value is None:
        return ""
    if not isinstance(value, str | int | float):
        raise CommitRefused(400, _("%s must be text.") % name)
    value = str(value)
    if len(value) > limit:
        raise CommitRefused(
            400, _("%(name)s is longer than %(limit)s characters.") % {"name": name, "limit": limit}
        )
    return value


def _number(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number and abs(number) != float("inf") else None


def _score(raw, low, high, scaled=None):
    """An xAPI result score from the SCO's (strings of) numbers; {} when it has none."""
    raw, low, high, scaled = _number(raw), _number(low), _number(high), _number(scaled)
    score = {}
    if raw is not None:
        score["raw"] = raw
        if low is not None and high is not None and low <= raw <= high:
            score["min"], score["max"] = low, high
            if scaled is None and high > low:
                scaled = (raw - low) / (high - low)
        elif scaled is None and 0 <= raw <= 100:
            scaled = raw / 100  # SCORM 1.2: a raw score on the default 0-100 scale
    if scaled is not None and -1 <= scaled <= 1:
        score["scaled"] = round(scaled, 4)
    return score


def _interactions_and_objectives(version, cmi):
    return {
        "version": version,
        "interactions": scorm_interactions.read_interactions(version, cmi),
        "objectives": scorm_interactions.read_objectives(version, cmi),
    }


def read(kind, cmi):
    """What a commit says, the same for both versions: location, suspend_data, exit,
    completion ("completed", "incomplete" or ""), success ("passed", "failed" or ""), score,
    interactions and objectives (``scorm_interactions``). Raises CommitRefused (400)."""
    if not isinstance(cmi, dict):
        raise CommitRefused(400, _("The commit holds no cmi data."))
    suspend = _string(cmi.get("suspend_data"), MAX_SUSPEND_DATA, "cmi.suspend_data")
    if kind == Package.Kind.SCORM12:
        core = cmi.get("core") if isinstance(cmi.get("core"), dict) else {}
        status = _string(core.get("lesson_status"), 20, "cmi.core.lesson_status")
        score = core.get("score") if isinstance(core.get("score"), dict) else {}
        return {
            **_interactions_and_objectives("1.2", cmi),
            "location": _string(
                core.get("lesson_location"), MAX_LOCATION, "cmi.core.lesson_location"
            ),
            "suspend_data": suspend,
            "exit": _string(core.get("exit"), 20, "cmi.core.exit"),
            "completion": "completed"
            if status in ("completed", "passed")
            else ("incomplete" if status in ("incomplete", "browsed") else ""),
            "success": status if status in ("passed", "failed") else "",
            "score": _score(score.get("raw"), score.get("min"), score.get("max")),
        }
    completion = _string(cmi.get("completion_status"), 20, "cmi.completion_status")
    success = _string(cmi.get("success_status"), 20, "cmi.success_status")
    score = cmi.get("score") if isinstance(cmi.get("score"), dict) else {}
    return {
        **_interactions_and_objectives("2004", cmi),
        "location": _string(cmi.get("location"), MAX_LOCATION, "cmi.location"),
        "suspend_data": suspend,
        "exit": _string(cmi.get("exit"), 20, "cmi.exit"),
        "completion": completion if completion in ("completed", "incomplete") else "",
        "success": success if success in ("passed", "failed") else "",
        "score": _score(score.get("raw"), score.get("min"), score.get("max"), score.get("scaled")),
    }


def _statement(session, verb, result=None):
    unit = session.unit
    statement = {
        "actor": actor_for(session.registration.user),
        "verb": verb.as_json(),
        "object": {
            "objectType": "Activity",
            "id": au_activity_id(unit),
            "definition": {"type": unit.activity_type, "name": {vocabulary.LANGUAGE: unit.title}},
        },
        "context": {
            "registration": str(session.registration.registration),
            "contextActivities": {
                "parent": [{"objectType": "Activity", "id": course_activity_id(unit.package)}],
                "category": [{"objectType": "Activity", "id": SCORM_CATEGORY}],
            },
            "extensions": {SESSION_ID: str(session.session_id)},
        },
    }
    if result:
        statement["result"] = result
    return statement


def _ended(session, at):
    return {"duration": _duration(session.launched_at, at)}


def _store(session, statements):
    if statements:
        store_statements(statements, credential=session.credential)


def commit(session_id, token, payload):
    """Take one commit of the runtime (scorm-again's JSON: {"cmi": {...}, "terminated": true
    on LMSFinish / Terminate}). Raises CommitRefused; returns the verbs stored."""
    if not isinstance(payload, dict):
        raise CommitRefused(400, _("The commit must be a JSON object."))
    with transaction.atomic():
        session = session_for(session_id, token)
        if session is None:
            raise CommitRefused(403, _("The launch token does not belong to this session."))
        session = (
            LaunchSession.objects.select_for_update()
            .select_related("registration__user", "registration__package", "unit__package")
            .get(pk=session.pk)
        )
        if not session.is_open:
            raise CommitRefused(409, _("The session has ended; start the e-learning again."))
        now = timezone.now()
        said = read(session.registration.package.kind, payload.get("cmi"))
        kept, _created = ScormData.objects.get_or_create(
            registration=session.registration, unit=session.unit
        )
        statements = []
        if session.initialized_at is None:
            statements.append(_statement(session, vocabulary.INITIALIZED))
        statements += scorm_interactions.answered(
            session, said["version"], said["interactions"], now
        )
        score = {"score": said["score"]} if said["score"] else {}
        # Once per registration, as cmi5 says of "completed" (9.3.3).
        completed_before = UnitResult.objects.filter(
            registration=session.registration, unit=session.unit, completed_at__isnull=False
        ).exists()
        # The test's outcome goes first: a completion that arrives with a failed test must
        # find the failure already recorded (satisfaction.unit_satisfied).
        if said["success"] and said["success"] != kept.success_status:
            verb = vocabulary.PASSED if said["success"] == "passed" else vocabulary.FAILED
            result = {"success": said["success"] == "passed", **score}
            result["duration"] = _duration(session.launched_at, now)
            statements.append(_statement(session, verb, result))
        if said["completion"] == "completed" and not completed_before:
            result = {"completion": True, "duration": _duration(session.launched_at, now)}
            statements.append(_statement(session, vocabulary.COMPLETED, {**result, **score}))
        if payload.get("terminated") is True:
            statements.append(_statement(session, vocabulary.TERMINATED, _ended(session, now)))
        kept.location = said["location"]
        kept.suspend_data = said["suspend_data"]
        kept.exit = said["exit"]
        kept.completion_status = said["completion"] or kept.completion_status
        kept.success_status = said["success"] or kept.success_status
        kept.score = said["score"] or kept.score
        objectives = scorm_interactions.objective_statements(
            session, kept.objectives, said["objectives"]
        )
        kept.objectives = said["objectives"] or kept.objectives
        kept.save()
        try:
            _store(session, statements)
            if objectives:
                store_statements(objectives)  # the LMS's record, not the session's: see there
        except StatementError as error:
            # Rolls the whole commit back: the runtime's data made no valid statement.
            message = _("The commit's data makes no valid statement: %s") % error
            raise CommitRefused(400, message) from None
    return [s["verb"]["id"].rsplit("/", 1)[-1] for s in statements]
