"""Launching an AU as cmi5 section 8 says, and ending sessions the AU left open.

``launch`` (one transaction): find or create the learner's registration, record "abandoned"
for an earlier session of the registration still open (section 9.3.6), create the session with
a one-time fetch token, write ``LMS.LaunchData`` to the state API (section 10) and record
"launched" (section 9.3.1), all before the AU runs; returns the session and the launch URL
(section 8.1) with ``endpoint``, ``fetch``, ``actor``, ``registration`` and ``activityId``.

``fetch`` answers the fetch URL (section 8.2): the first POST creates the session's LRS
credential and returns it as the auth token; any later one gets error-code 1.
"""

import base64
import hashlib
import json
import secrets
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from learning.xapi.actors import actor_for, agent_key
from learning.xapi.models import Credential, Document, DocumentKind, Scope
from learning.xapi.store import store_statements

from . import statements
from .cmi5xml import is_absolute
from .models import LaunchSession, Registration

LAUNCH_DATA = "LMS.LaunchData"
# Credentials of sessions have keys with this prefix; the platform's own /xapi/ refuses them
# (learning.packages.origin), so an AU's token works only where the session rules apply.
KEY_PREFIX = "cmi5-"
SESSION_SCOPES = [Scope.WRITE_STATEMENTS, Scope.READ_OWN, Scope.DOCUMENTS]


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def content_url(path):
    return f"{settings.PACKAGES_CONTENT_ORIGIN}/{path.lstrip('/')}"


def endpoint():
    return content_url("xapi/")


def _au_url(unit):
    if is_absolute(unit.url):
        return unit.url
    return content_url(f"files/{unit.package.storage_key}/{unit.url}")


def launch_url(session, fetch_token):
    """Section 8.1: the AU's URL with the five launch parameters added to its own query."""
    parts = urlsplit(_au_url(session.unit))
    params = urlencode(
        {
            "endpoint": endpoint(),
            "fetch": content_url(f"fetch/{fetch_token}"),
            "actor": json.dumps(actor_for(session.registration.user), separators=(",", ":")),
            "registration": str(session.registration.registration),
            "activityId": statements.au_activity_id(session.unit),
        }
    )
    query = f"{parts.query}&{params}" if parts.query else params
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def launch_data(session, return_url):
    """Section 10: the LMS.LaunchData document."""
    unit = session.unit
    data = {
        "contextTemplate": statements.context_template(session),
        "launchMode": session.launch_mode,
        "launchMethod": unit.launch_method,
        "moveOn": unit.move_on,
        "returnURL": return_url,
        "entitlementKey": {"courseStructure": unit.entitlement_key or unit.au_id},
    }
    if unit.mastery_score is not None:
        data["masteryScore"] = float(unit.mastery_score)
    if unit.launch_parameters:
        data["launchParameters"] = unit.launch_parameters
    return data


def _write_state(session, document):
    content = json.dumps(document).encode()
    Document.objects.update_or_create(
        kind=DocumentKind.STATE,
        activity_id=statements.au_activity_id(session.unit),
        agent_key=agent_key(actor_for(session.registration.user)),
        registration=str(session.registration.registration),
        document_id=LAUNCH_DATA,
        defaults={
            "content": content,
            "content_type": "application/json",
            "etag": Document.etag_for(content),
            "updated": timezone.now(),
        },
    )


def _iso_duration(start, end):
    seconds = max((end - start).total_seconds(), 0)
    return f"PT{seconds:.2f}S"


def abandon(session, at=None):
    """Section 9.3.6: record "abandoned" and close the session (no statement may follow)."""
    at = at or timezone.now()
    session.abandoned_at = at
    session.save(update_fields=["abandoned_at"])
    store_statements([statements.abandoned(session, _iso_duration(session.launched_at, at))])


def launch(user, unit, *, return_url, lesson_id=None, mode=LaunchSession.Mode.NORMAL):
    """Start a session of ``unit`` for ``user``; returns (session, launch URL)."""
    fetch_token = secrets.token_urlsafe(32)
    with transaction.atomic():
        registration, _ = Registration.objects.get_or_create(user=user, package=unit.package)
        for previous in registration.sessions.select_for_update().filter(
            terminated_at=None, abandoned_at=None
        ):
            abandon(previous)
        session = LaunchSession.objects.create(
            registration=registration,
            unit=unit,
            lesson_id=lesson_id,
            launch_mode=mode,
            fetch_token_hash=token_hash(fetch_token),
            launched_at=timezone.now(),
        )
        url = launch_url(session, fetch_token)
        _write_state(session, launch_data(session, return_url))
        store_statements([statements.launched(session, url)])
    return session, url


class FetchRefused(Exception):
    """Section 8.2.3: error-code 1 (already in use), 2 (expired) or 3 (invalid request)."""

    def __init__(self, code, text):
        super().__init__(text)
        self.code = code
        self.text = text


def fetch(token):
    """The auth token for the session of ``token``, once (section 8.2)."""
    with transaction.atomic():
        session = (
            LaunchSession.objects.select_for_update()
            .select_related("registration__package", "unit")
            .filter(fetch_token_hash=token_hash(token))
            .first()
        )
        if session is None:
            raise FetchRefused("3", "Invalid Request")
        if session.fetched_at is not None:
            raise FetchRefused("1", "Already in Use")
        if not session.is_open:
            raise FetchRefused("2", "Expired")
        # No owning organisation: the token speaks for one learner in one session (guard.py),
        # and learners of every employer take a package, not only the owner's staff, whom an
        # organisation's credential would be limited to (learning.xapi.authorship).
        credential = Credential.issue(f"cmi5 session {session.session_id}", SESSION_SCOPES)
        credential.key = KEY_PREFIX + credential.key
        credential.save(update_fields=["key"])
        session.credential = credential
        session.fetched_at = timezone.now()
        session.save(update_fields=["credential", "fetched_at"])
    return base64.b64encode(f"{credential.key}:{credential.secret}".encode()).decode()
