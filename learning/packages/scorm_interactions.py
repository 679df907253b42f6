"""SCORM interactions and objectives: reading them from a commit, and the statements made of
the interactions (docs/packages.md, "SCORM data model").

``read_interactions`` and ``read_objectives`` check ``cmi.interactions.n.*`` and
``cmi.objectives.n.*`` as scorm-again commits them (arrays as objects keyed "0", "1", …) and
raise ``CommitRefused`` (400) on what no SCO may send: an array that is no array or longer than
SCORM 2004's smallest permitted maximum (250 interactions, 100 objectives), a type, result or
status SCORM does not define, a string longer than the limits below. The caller checks the
whole commit before it changes anything, so a refusal changes nothing.

An interaction becomes one xAPI "answered" statement (the ADL vocabulary, as
``learning.xapi.vocabulary.answered_question``) the first time a commit carries it with an id
and a response or a result. Its activity is the question inside the SCO
(``<SCO activity>/interactions/<id>``, type ``cmi.interaction``), the SCO is its parent and the
package its grouping; the statement id is derived from the session and the index, and the
``ScormInteraction`` row (unique per session and index, written in the commit's transaction with
the session row locked) makes it once only, however often the runtime commits it again. A
session is one attempt: the platform does not give interactions back at the next launch, so a
resumed SCO numbers its interactions afresh.
"""

import hashlib
import re
import uuid
from urllib.parse import quote

from django.utils.translation import gettext as _

from learning.xapi import vocabulary
from learning.xapi.actors import actor_for

from .errors import CommitRefused
from .models import ScormInteraction
from .statements import SESSION_ID, au_activity_id, course_activity_id

MAX_INTERACTIONS = 250  # SCORM 2004's smallest permitted maximum
MAX_OBJECTIVES = 100  # likewise
MAX_CORRECT_RESPONSES = 10
MAX_IDENTIFIER = 4000  # long_identifier_type
MAX_DESCRIPTION = 1000
MAX_RESPONSE = 4000
SCORM_CATEGORY = "https://w3id.org/xapi/scorm"
# Interaction types: SCORM 2004 has all of xAPI's; SCORM 1.2 all but long-fill-in and other.
TYPES = {
    "1.2": ("true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert",
            "numeric"),
    "2004": ("true-false", "choice", "fill-in", "long-fill-in", "matching", "performance",
             "sequencing", "likert", "numeric", "other"),
}  # fmt: skip
RESULTS = {
    "1.2": ("correct", "wrong", "unanticipated", "neutral"),
    "2004": ("correct", "incorrect", "unanticipated", "neutral"),
}
OBJECTIVE_STATUS_12 = ("passed", "completed", "failed", "incomplete", "browsed", "not attempted")
SUCCESS_2004 = ("passed", "failed", "unknown")
COMPLETION_2004 = ("completed", "incomplete", "not attempted", "unknown")
NUMBER = re.compile(r"-?\d+(\.\d+)?")
# The namespace of the interaction statements' ids (uuid5 of session and index).
STATEMENT_NAMESPACE = uuid.UUID("6f0d9a52-3c57-4a8e-9a43-4f6c2b1e7d10")


def _refused(message):
    return CommitRefused(400, message)


def _entries(value, name, limit):
    """The entries of a runtime array (scorm-again: {"0": {...}}; a list is taken too), as
    [(index, dict)]."""
    if value in (None, "", {}):
        return []
    if isinstance(value, list):
        value = {str(index): entry for index, entry in enumerate(value)}
    if not isinstance(value, dict) or not all(
        isinstance(key, str) and key.isdigit() and isinstance(entry, dict)
        for key, entry in value.items()
    ):
        raise _refused(_("%s must be a list of entries.") % name)
    if len(value) > limit or any(int(key) >= limit for key in value):
        raise _refused(
            _("%(name)s has more than %(limit)s entries.") % {"name": name, "limit": limit}
        )
    return sorted((int(key), entry) for key, entry in value.items())


def _text(entry, key, name, limit):
    value = entry.get(key)
    if value is None:
        return ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise _refused(_("%s must be text.") % name)
    value = str(value).strip()
    if len(value) > limit:
        raise _refused(
            _("%(name)s is longer than %(limit)s characters.") % {"name": name, "limit": limit}
        )
    return value


def _choice(entry, key, name, allowed, *, numbers=False):
    value = _text(entry, key, name, 40)
    if value and value not in allowed and not (numbers and NUMBER.fullmatch(value)):
        raise _refused(
            _("%(name)s is not one of %(allowed)s: %(value)s")
            % {"name": name, "allowed": ", ".join(allowed), "value": value}
        )
    return value


def read_interactions(version, cmi):
    """[{"index", "id", "type", "description", "response", "result", "correct"}] of a commit."""
    found = []
    for index, entry in _entries(cmi.get("interactions"), "cmi.interactions", MAX_INTERACTIONS):
        name = f"cmi.interactions.{index}"
        response_key = "student_response" if version == "1.2" else "learner_response"
        correct = [
            _text(pattern, "pattern", f"{name}.correct_responses.{n}.pattern", MAX_RESPONSE)
            for n, pattern in _entries(
                entry.get("correct_responses"),
                f"{name}.correct_responses",
                MAX_CORRECT_RESPONSES,
            )
        ]
        found.append(
            {
                "index": index,
                "id": _text(entry, "id", f"{name}.id", MAX_IDENTIFIER),
                "type": _choice(entry, "type", f"{name}.type", TYPES[version]),
                "description": _text(entry, "description", f"{name}.description", MAX_DESCRIPTION),
                "response": _text(entry, response_key, f"{name}.{response_key}", MAX_RESPONSE),
                "result": _choice(
                    entry, "result", f"{name}.result", RESULTS[version], numbers=True
                ),
                "correct": [pattern for pattern in correct if pattern],
            }
        )
    return found


def _score(entry, name):
    score = entry.get("score")
    if score in (None, ""):
        return {}
    if not isinstance(score, dict):
        raise _refused(_("%s is malformed.") % f"{name}.score")
    kept = {}
    for key in ("scaled", "raw", "min", "max"):
        value = _text(score, key, f"{name}.score.{key}", 40)
        if value:
            if not NUMBER.fullmatch(value):
                raise _refused(_("%s must be a number.") % f"{name}.score.{key}")
            kept[key] = float(value)
    return kept


def read_objectives(version, cmi):
    """[{"id", "success_status", "completion_status", "score", "description"}] of a commit."""
    found = []
    for index, entry in _entries(cmi.get("objectives"), "cmi.objectives", MAX_OBJECTIVES):
        name = f"cmi.objectives.{index}"
        objective = {"id": _text(entry, "id", f"{name}.id", MAX_IDENTIFIER)}
        if version == "1.2":
            status = _choice(entry, "status", f"{name}.status", OBJECTIVE_STATUS_12)
            objective["success_status"] = status if status in ("passed", "failed") else ""
            objective["completion_status"] = (
                "completed" if status in ("passed", "completed") else status
            )
            objective["description"] = ""
        else:
            objective["success_status"] = _choice(
                entry, "success_status", f"{name}.success_status", SUCCESS_2004
            )
            objective["completion_status"] = _choice(
                entry, "completion_status", f"{name}.completion_status", COMPLETION_2004
            )
            objective["description"] = _text(
                entry, "description", f"{name}.description", MAX_DESCRIPTION
            )
        objective["score"] = _score(entry, name)
        if objective["id"]:
            found.append(objective)
    return found


# SCORM 1.2 writes some responses in its own notation; xAPI uses SCORM 2004's.
def _xapi_response(version, kind, value):
    if version != "1.2":
        return value
    if kind == "true-false":
        return {"t": "true", "1": "true", "f": "false", "0": "false"}.get(value.lower(), value)
    if kind in ("choice", "sequencing"):
        return "[,]".join(part.strip() for part in value.strip("{}").split(","))
    if kind == "matching":
        pairs = value.strip("{}").split(",")
        return "[,]".join("[.]".join(part.strip() for part in pair.split(".", 1)) for pair in pairs)
    return value


def _success(version, result):
    if result == "correct":
        return True
    if result == RESULTS[version][1]:  # "wrong" (1.2) / "incorrect" (2004)
        return False
    return None


def _inner_activity_id(sco, kind, identifier):
    """An activity inside the SCO (``kind``: interactions or objectives); a SCORM id too long
    for an IRI of ours (xAPI activity ids are kept to 400 characters) is replaced by its
    hash."""
    name = quote(identifier, safe="")
    if len(sco) + len(name) > 350:
        name = "sha256-" + hashlib.sha256(identifier.encode()).hexdigest()
    return f"{sco}/{kind}/{name}"


def interaction_activity_id(sco, interaction_id):
    return _inner_activity_id(sco, "interactions", interaction_id)


def _context(session, sco):
    return {
        "registration": str(session.registration.registration),
        "contextActivities": {
            "parent": [{"objectType": "Activity", "id": sco}],
            "grouping": [
                {"objectType": "Activity", "id": course_activity_id(session.unit.package)}
            ],
            "category": [{"objectType": "Activity", "id": SCORM_CATEGORY}],
        },
        "extensions": {SESSION_ID: str(session.session_id)},
    }


def _statement(session, version, interaction):
    unit = session.unit
    sco = au_activity_id(unit)
    kind = interaction["type"]
    definition = {"type": vocabulary.QUESTION}
    if interaction["description"]:
        definition["name"] = {vocabulary.LANGUAGE: interaction["description"]}
    if kind:
        definition["interactionType"] = kind
        if interaction["correct"]:
            definition["correctResponsesPattern"] = [
                _xapi_response(version, kind, pattern) for pattern in interaction["correct"]
            ]
    result = {}
    if interaction["response"]:
        result["response"] = _xapi_response(version, kind, interaction["response"])
    success = _success(version, interaction["result"])
    if success is not None:
        result["success"] = success
    elif NUMBER.fullmatch(interaction["result"]):
        result["score"] = {"raw": float(interaction["result"])}
    return {
        "id": str(uuid.uuid5(STATEMENT_NAMESPACE, f"{session.session_id}/{interaction['index']}")),
        "actor": actor_for(session.registration.user),
        "verb": vocabulary.ANSWERED.as_json(),
        "object": {
            "objectType": "Activity",
            "id": interaction_activity_id(sco, interaction["id"]),
            "definition": definition,
        },
        "result": result,
        "context": _context(session, sco),
    }


def answered(session, version, interactions, now):
    """The "answered" statements of the interactions not recorded before in this session,
    with their ScormInteraction rows created (call inside the commit's transaction)."""
    recorded = set(ScormInteraction.objects.filter(session=session).values_list("index", flat=True))
    statements = []
    for interaction in interactions:
        if interaction["index"] in recorded or not interaction["id"]:
            continue
        if not (interaction["response"] or interaction["result"]):
            continue
        statement = _statement(session, version, interaction)
        ScormInteraction.objects.create(
            session=session,
            registration=session.registration,
            unit=session.unit,
            index=interaction["index"],
            interaction_id=interaction["id"],
            type=interaction["type"],
            description=interaction["description"],
            learner_response=interaction["response"],
            result=interaction["result"],
            correct_responses=interaction["correct"],
            statement_id=statement["id"],
            recorded_at=now,
        )
        statements.append(statement)
    return statements


def _objective_score(score):
    """The xAPI score of an objective's (numbers of) score, the parts xAPI allows together."""
    kept = {}
    scaled = score.get("scaled")
    if scaled is not None and -1 <= scaled <= 1:
        kept["scaled"] = scaled
    raw, low, high = score.get("raw"), score.get("min"), score.get("max")
    if raw is not None:
        if low is not None and high is not None and low <= raw <= high:
            kept.update(min=low, max=high)
        elif (low is not None and raw < low) or (high is not None and raw > high):
            return kept
        kept["raw"] = raw
    return kept


def objective_statements(session, previous, objectives):
    """ "passed" / "failed" when an objective's success status changes, "completed" the first
    time it is completed, compared with the objectives kept before this commit. The object is
    the objective inside the SCO, the SCO its parent. The caller stores them without the
    session's credential: ``satisfaction`` counts the session's own statements as the SCO's,
    and an objective met is not the SCO met."""
    before = {objective["id"]: objective for objective in previous}
    sco = au_activity_id(session.unit)
    statements = []
    for objective in objectives:
        old = before.get(objective["id"], {})
        verbs = []
        success = objective["success_status"]
        if success in ("passed", "failed") and success != old.get("success_status"):
            verbs.append(vocabulary.PASSED if success == "passed" else vocabulary.FAILED)
        completed = objective["completion_status"] == "completed"
        if completed and old.get("completion_status") != "completed":
            verbs.append(vocabulary.COMPLETED)
        definition = {"type": vocabulary.OBJECTIVE}
        if objective["description"]:
            definition["name"] = {vocabulary.LANGUAGE: objective["description"]}
        for verb in verbs:
            if verb is vocabulary.COMPLETED:
                result = {"completion": True}
            else:
                result = {"success": verb is vocabulary.PASSED}
                score = _objective_score(objective["score"])
                if score:
                    result["score"] = score
            statements.append(
                {
                    "actor": actor_for(session.registration.user),
                    "verb": verb.as_json(),
                    "object": {
                        "objectType": "Activity",
                        "id": _inner_activity_id(sco, "objectives", objective["id"]),
                        "definition": definition,
                    },
                    "result": result,
                    "context": _context(session, sco),
                }
            )
    return statements
