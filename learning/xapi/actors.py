"""Who an xAPI actor is: the platform's pseudonymous account agents, and identity keys.

A person appears in statements only as an ``account`` agent: the platform's home page and the
person's ``actor_id`` UUID. That id survives e-mail changes and roster re-imports and reveals
nothing; e-mail addresses and CPR numbers never enter the statement log.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

from learning.xapi import plainsql


def homepage():
    """The account home page: XAPI_ACCOUNT_HOMEPAGE, else the site's base URL."""
    configured = getattr(settings, "XAPI_ACCOUNT_HOMEPAGE", None)
    return (configured or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def actor_for(user):
    """The xAPI agent for a platform user (no query)."""
    return {"objectType": "Agent", "account": {"homePage": homepage(), "name": str(user.actor_id)}}


def platform_authority():
    """The authority of statements the platform stores itself or its pages send (session)."""
    return {
        "objectType": "Agent",
        "name": "eSundhed Akademi",
        "account": {"homePage": homepage(), "name": "platform"},
    }


def users_by_actor_id(actor_ids):
    """{actor_id: user} for the platform users among ``actor_ids`` (UUIDs): one SELECT, none for
    no ids. Plain SQL: the projections call this in every storing transaction, and compiling the
    ORM query cost more CPU than running it."""
    ids = list(actor_ids)
    if not ids:
        return {}
    user_model = get_user_model()
    field = user_model._meta.get_field("actor_id")
    column = connection.ops.quote_name(field.column)
    if connection.vendor == "postgresql":
        among, params = "= ANY(%s::uuid[])", [plainsql.uuid_array(ids)]
    else:
        among = f"IN ({', '.join(['%s'] * len(ids))})"
        params = [field.get_db_prep_value(actor_id, connection) for actor_id in ids]
    return {
        user.actor_id: user for user in plainsql.select(user_model, f"{column} {among}", params)
    }


def agent_key(agent):
    """A string that is equal for two agents or identified groups exactly when the spec says they
    are the same: the same inverse functional identifier with the same value. None for an
    anonymous group."""
    if not isinstance(agent, dict):
        return None
    if "mbox" in agent:
        return f"mbox:{agent['mbox']}"
    if "mbox_sha1sum" in agent:
        return f"mbox_sha1sum:{agent['mbox_sha1sum']}"
    if "openid" in agent:
        return f"openid:{agent['openid']}"
    account = agent.get("account")
    if isinstance(account, dict):
        return f"account:{account.get('homePage')}|{account.get('name')}"
    return None


def agent_and_member_keys(agent):
    """Keys of an agent or group and of its members: the ``agent`` filter matches a group when
    one of its members is the agent asked for."""
    keys = []
    key = agent_key(agent)
    if key:
        keys.append(key)
    if isinstance(agent, dict) and agent.get("objectType") == "Group":
        for member in agent.get("member") or ():
            member_key = agent_key(member)
            if member_key:
                keys.append(member_key)
    return keys


def person_for(agent):
    """The Person object /xapi/agents returns for one agent: every identifier as a list."""
    person = {"objectType": "Person"}
    if agent.get("name"):
        person["name"] = [agent["name"]]
    for ifi in ("mbox", "mbox_sha1sum", "openid"):
        if ifi in agent:
            person[ifi] = [agent[ifi]]
    if "account" in agent:
        person["account"] = [agent["account"]]
    return person
