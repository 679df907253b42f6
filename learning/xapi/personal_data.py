"""What the statement log holds about a person, for "My data" and erasure
(``learning.accounts.personal_data``).

The export holds her own statements and those that mention her, with every other person reduced
to "another person". Erasure keeps each statement's verb, object, result and time, but replaces
the person (as actor and wherever else her account agent appears) by a fresh random account
name, in the stored JSON and in the ``StatementAgent`` index: counts per verb or course do not
change, and no row links the new name back to her. LRS documents about her are deleted.
"""

import json
import uuid

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learning.accounts import personal_data

from .actors import actor_for, agent_key, homepage
from .models import Document, Statement, StatementAgent

BATCH = 500


def xapi_statements(user):
    """The person's own statements and those that mention her, with every other person
    reduced to "another person" and, in statements she did not make, their free text left
    out (see ``_as_seen_by``)."""
    key = agent_key(actor_for(user))
    ids = StatementAgent.objects.filter(agent_key=key).values("statement_id")
    rows = Statement.objects.filter(pk__in=ids).order_by("stored", "id")
    return [_as_seen_by(row.data, key) for row in rows]


# Parts of a statement that hold what its actor wrote in their own words, or anything a client
# chose to attach: hers when she made the statement, not hers to receive when someone else did.
_FREE_TEXT = (("result", "response"), ("result", "extensions"), ("context", "extensions"))


def _as_seen_by(data, key):
    """A copy of a stored statement for the person whose agent key is ``key``."""
    statement = json.loads(json.dumps(data))  # a deep copy the row's data is safe from
    authority = statement.get("authority")
    if isinstance(authority, dict):
        # A credential or the platform, named as its administrators named it; its account
        # name is half of a credential, so it stays out.
        statement["authority"] = {"objectType": "Agent", "name": authority.get("name", "")}
    _redact_agents(statement, key)
    if agent_key(data.get("actor")) != key:
        _drop_free_text(statement)
    return statement


def _drop_free_text(statement):
    for part, name in _FREE_TEXT:
        if isinstance(statement.get(part), dict):
            statement[part].pop(name, None)
    statement.pop("attachments", None)
    target = statement.get("object")
    if isinstance(target, dict) and target.get("objectType") == "SubStatement":
        _drop_free_text(target)


def _other(agent, key):
    """``agent`` if it is the person, a group with only her left in it, or "another person"."""
    if not isinstance(agent, dict) or agent_key(agent) == key:
        return agent
    if agent.get("objectType") == "Group":
        members = [_other(member, key) for member in agent.get("member") or ()]
        return {"objectType": "Group", "member": members}
    return {"objectType": "Agent", "name": _("Another person")}


def _redact_agents(statement, key):
    """Replace everyone but the person in the places a statement names agents."""
    statement["actor"] = _other(statement.get("actor"), key)
    target = statement.get("object")
    if isinstance(target, dict):
        if target.get("objectType") in ("Agent", "Group"):
            statement["object"] = _other(target, key)
        elif target.get("objectType") == "SubStatement":
            _redact_agents(target, key)
    context = statement.get("context")
    if isinstance(context, dict):
        for role in ("instructor", "team"):
            if role in context:
                context[role] = _other(context[role], key)


def _replace_agent(value, old_names, new_name):
    """A copy of a statement (or part of one) with every account agent named in ``old_names``
    renamed to ``new_name`` and every mbox of the person dropped for the same account."""
    if isinstance(value, list):
        return [_replace_agent(item, old_names, new_name) for item in value]
    if not isinstance(value, dict):
        return value
    account = value.get("account")
    if isinstance(account, dict) and account.get("name") in old_names:
        renamed = {k: v for k, v in value.items() if k not in ("account", "name")}
        renamed["account"] = {"homePage": account.get("homePage"), "name": new_name}
        return renamed
    return {key: _replace_agent(item, old_names, new_name) for key, item in value.items()}


def _rewrite_statements(old_key, old_name, new_name):
    """Rename the person in every statement that mentions them. Queries: one per BATCH rows.

    ``Statement.save`` refuses updates (the log is append-only for clients); erasure is the one
    sanctioned rewrite, so it goes through ``bulk_update``, which does not call ``save``.
    """
    new_key = f"account:{homepage()}|{new_name}"
    ids = list(
        StatementAgent.objects.filter(agent_key=old_key)
        .values_list("statement_id", flat=True)
        .distinct()
    )
    for start in range(0, len(ids), BATCH):
        rows = list(Statement.objects.filter(pk__in=ids[start : start + BATCH]))
        for row in rows:
            row.data = _replace_agent(row.data, {old_name}, new_name)
            if row.actor_key == old_key:
                row.actor_key = new_key
        Statement.objects.bulk_update(rows, ["data", "actor_key"])
    StatementAgent.objects.filter(agent_key=old_key).update(agent_key=new_key)
    return len(ids)


def erase(person, today, now):
    old_key = agent_key(actor_for(person))
    return {
        "statements_pseudonymised": _rewrite_statements(
            old_key, str(person.actor_id), str(uuid.uuid4())
        ),
        "documents": Document.objects.filter(agent_key=old_key).delete()[0],
    }


def register():
    personal_data.register_export(
        "xapi_statements", gettext_lazy("Learning records (xAPI statements)"), xapi_statements
    )
    personal_data.register_eraser(erase)
