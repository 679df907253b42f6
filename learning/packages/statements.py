"""The statements the LMS itself records in a cmi5 session (cmi5 section 9.3): launched,
satisfied, abandoned and waived, plus the context template every statement of the session
carries (section 10, ``contextTemplate``). Verbs come from ``learning.xapi.vocabulary``."""

from django.conf import settings

from learning.xapi import vocabulary
from learning.xapi.actors import actor_for

SESSION_ID = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
LAUNCH_MODE = "https://w3id.org/xapi/cmi5/context/extensions/launchmode"
LAUNCH_URL = "https://w3id.org/xapi/cmi5/context/extensions/launchurl"
MOVE_ON = "https://w3id.org/xapi/cmi5/context/extensions/moveon"
LAUNCH_PARAMETERS = "https://w3id.org/xapi/cmi5/context/extensions/launchparameters"
MASTERY_SCORE = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
REASON = "https://w3id.org/xapi/cmi5/result/extensions/reason"
MOVEON_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/moveon"
CMI5_CATEGORY = vocabulary.CMI5_CATEGORY
# Section 9.6.2.1: statements that follow the cmi5 profile name it as a category too.
PROFILE_ACTIVITY = "https://w3id.org/xapi/cmi5/v1.0"
COURSE_TYPE = "https://w3id.org/xapi/cmi5/activitytype/course"
BLOCK_TYPE = "https://w3id.org/xapi/cmi5/activitytype/block"


def au_activity_id(unit):
    """The activityId the LMS gives an AU (section 8.1.5): unique per package upload, so two
    organisations uploading the same course never share one. The publisher's AU id goes into
    the context template's grouping."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return f"{base}/xapi/activities/packages/{unit.package.storage_key}/au/{unit.position}"


def course_activity_id(package):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return f"{base}/xapi/activities/packages/{package.storage_key}"


def context_template(session):
    """Section 10: what every statement of the session must carry in its context."""
    return {
        "contextActivities": {
            "grouping": [{"objectType": "Activity", "id": session.unit.au_id}],
        },
        "extensions": {SESSION_ID: str(session.session_id)},
    }


def _context(session, *, categories=(CMI5_CATEGORY,), extensions=None):
    template = context_template(session)
    return {
        "registration": str(session.registration.registration),
        "contextActivities": {
            **template["contextActivities"],
            "category": [{"objectType": "Activity", "id": c} for c in categories],
        },
        "extensions": {**template["extensions"], **(extensions or {})},
    }


def _au_object(session=None, unit=None):
    unit = unit or session.unit
    definition = {"name": {vocabulary.LANGUAGE: unit.title}}
    if unit.activity_type:
        definition["type"] = unit.activity_type
    return {"objectType": "Activity", "id": au_activity_id(unit), "definition": definition}


def launched(session, launch_url):
    """Section 9.3.1: recorded by the LMS before the AU is launched."""
    unit = session.unit
    extensions = {LAUNCH_MODE: session.launch_mode, LAUNCH_URL: launch_url, MOVE_ON: unit.move_on}
    if unit.launch_parameters:
        extensions[LAUNCH_PARAMETERS] = unit.launch_parameters
    if unit.mastery_score is not None:
        extensions[MASTERY_SCORE] = float(unit.mastery_score)
    return {
        "actor": actor_for(session.registration.user),
        "verb": vocabulary.LAUNCHED.as_json(),
        "object": _au_object(session),
        "context": _context(session, extensions=extensions),
    }


def abandoned(session, duration):
    """Section 9.3.6: a session that ended without "terminated"."""
    return {
        "actor": actor_for(session.registration.user),
        "verb": vocabulary.ABANDONED.as_json(),
        "object": _au_object(session),
        "result": {"duration": duration},
        "context": _context(session),
    }


def satisfied(registration, session=None):
    """Section 9.3.9: the learner met the moveOn criteria of every AU of the course (in
    ``session``, or outside any when an AU was waived)."""
    package = registration.package
    # A SCORM session has no cmi5 context template (its SCO ids need not be IRIs).
    context = (
        _context(session)
        if session is not None and not package.is_scorm
        else {
            "registration": str(registration.registration),
            "contextActivities": {"category": [{"objectType": "Activity", "id": CMI5_CATEGORY}]},
        }
    )
    return {
        "actor": actor_for(registration.user),
        "verb": vocabulary.SATISFIED.as_json(),
        "object": {
            "objectType": "Activity",
            "id": course_activity_id(package),
            "definition": {"type": COURSE_TYPE, "name": {vocabulary.LANGUAGE: package.title}},
        },
        "context": context,
    }


def waived(registration, unit, reason):
    """Section 9.3.7: the LMS lets the learner move on without the AU (``reason`` is one of
    Tested Out, Equivalent AU, Equivalent Outside Activity, Administrative). Recorded outside
    any session, so it carries no session id."""
    return {
        "actor": actor_for(registration.user),
        "verb": vocabulary.WAIVED.as_json(),
        "object": _au_object(unit=unit),
        "result": {"success": True, "completion": True, "extensions": {REASON: reason}},
        "context": {
            "registration": str(registration.registration),
            "contextActivities": {
                "grouping": [{"objectType": "Activity", "id": unit.au_id}],
                "category": [
                    {"objectType": "Activity", "id": CMI5_CATEGORY},
                    {"objectType": "Activity", "id": MOVEON_CATEGORY},
                ],
            },
        },
    }
