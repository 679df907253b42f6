"""Who may say what about whom in the LRS: the authorship rules, in one place.

``auth`` says who is calling and which scopes they hold; this module says whose statements and
documents those scopes reach.

* A browser session speaks only for its own person (the views force the actor) and may void
  only statements that person made. A voiding statement whose target is not stored is refused:
  nobody can tell whose it is.
* A credential tied to an organisation writes only statements whose actor (or a member of the
  actor group; also an agent as object, and a sub-statement's) is either employed in that
  organisation's subtree today, or not a platform person at all (an agent the platform has no
  account for: a simulator, a test user). It voids
  only statements it could have written, and only stored ones. It reads only statements by
  that organisation's people (plus those it wrote itself), and only their documents.
* A credential without an organisation is the platform's own (or an integration trusted with
  everyone): it is limited by its scopes alone.

A platform person is an ``account`` agent on the platform's home page whose name is the
``actor_id`` of a user. Everything that is refused is refused before anything is stored.
"""

import uuid

from django.db.models import Q

from learning.organisations.models import JobAssignment
from learning.xapi.actors import actor_for, agent_key, homepage, users_by_actor_id
from learning.xapi.http import XapiError
from learning.xapi.models import Statement
from learning.xapi.vocabulary import VOIDED


def _forbidden(message, field):
    return XapiError(403, message, field)


def _platform_actor_ids(agent, home):
    """The UUIDs of platform accounts among an agent and, for a group, its members."""
    if not isinstance(agent, dict):
        return set()
    found = set()
    for one in [agent, *(agent.get("member") or ())]:
        account = one.get("account") if isinstance(one, dict) else None
        if not isinstance(account, dict):
            continue
        if str(account.get("homePage", "")).rstrip("/") != home:
            continue
        try:
            found.add(uuid.UUID(str(account.get("name"))))
        except ValueError:
            continue
    return found


def _people_named(statement):
    """The agents a statement is by or about: its actor, an agent or group as its object, and
    the actor and object of a sub-statement."""
    found = [statement.get("actor")]
    target = statement.get("object")
    if isinstance(target, dict):
        kind = target.get("objectType")
        if kind in ("Agent", "Group"):
            found.append(target)
        elif kind == "SubStatement":
            found.extend(_people_named(target))
    return found


def _void_target(statement):
    """The statement id a voiding statement points at (a UUID), else None."""
    if not isinstance(statement, dict):
        return None
    verb = statement.get("verb")
    target = statement.get("object")
    if not (isinstance(verb, dict) and verb.get("id") == VOIDED.id and isinstance(target, dict)):
        return None
    try:
        return uuid.UUID(str(target.get("id")))
    except ValueError:
        return None  # validation answers 400 for it


def _employed_ids(organisation, actor_ids):
    """The actor_ids among ``actor_ids`` of people with a job in ``organisation``'s subtree
    today: one query."""
    if not actor_ids:
        return set()
    return set(
        JobAssignment.objects.active_on()
        .filter(organisation.subtree_filter(), user__actor_id__in=actor_ids)
        .values_list("user__actor_id", flat=True)
    )


def _outsiders(organisation, agents):
    """The platform people among ``agents`` who are not employed in ``organisation``."""
    home = homepage()
    actor_ids = set()
    for agent in agents:
        actor_ids |= _platform_actor_ids(agent, home)
    people = set(users_by_actor_id(actor_ids))
    return people - _employed_ids(organisation, people)


def check_writes(caller, statements):
    """Raise 403 unless ``caller`` may store every statement of the batch.

    Call after the session's actor has been forced. Queries: none for a credential without an
    organisation; one for the targets of voiding statements, if any; three for the people an
    organisation's credential names (the organisation, the users, their jobs).
    """
    if not caller.is_session and caller.credential.organisation_id is None:
        return  # the id is on the row already: no query on the common path
    targets = {target for target in map(_void_target, statements) if target is not None}
    stored = {}
    if targets:
        stored = {
            row["statement_id"]: row
            for row in Statement.objects.filter(statement_id__in=targets).values(
                "statement_id", "actor_key", "data"
            )
        }
        if set(stored) != targets:
            raise _forbidden("only a stored statement can be voided here", "object")
    if caller.is_session:
        own = agent_key(actor_for(caller.user))
        if any(row["actor_key"] != own for row in stored.values()):
            raise _forbidden("you may only void your own statements", "object")
        return
    organisation = caller.credential.organisation
    agents = [agent for s in statements if isinstance(s, dict) for agent in _people_named(s)]
    agents += [row["data"].get("actor") for row in stored.values()]
    if _outsiders(organisation, agents):
        raise _forbidden(
            "this credential may only write about people employed in its organisation", "actor"
        )


def check_document_agent(caller, agent, key):
    """Raise 403 unless ``caller`` may use the documents of ``agent`` (whose key is ``key``)."""
    if caller.is_session:
        if key != agent_key(actor_for(caller.user)):
            raise _forbidden("you may only use your own documents", "agent")
        return
    if caller.credential.organisation_id is None:
        return
    if _outsiders(caller.credential.organisation, [agent]):
        raise _forbidden(
            "this credential may only use its organisation's people's documents", "agent"
        )


def readable_by_organisation(credential):
    """A Q on Statement for what an organisation's credential may read: statements by the
    people employed there today, and statements it wrote itself. None for no organisation."""
    if credential.organisation_id is None:
        return None
    organisation = credential.organisation
    actor_ids = (
        JobAssignment.objects.active_on()
        .filter(organisation.subtree_filter())
        .values_list("user__actor_id", flat=True)
        .distinct()
    )
    home = homepage()
    keys = [agent_key({"account": {"homePage": home, "name": str(a)}}) for a in actor_ids]
    return Q(actor_key__in=keys) | Q(credential=credential)
