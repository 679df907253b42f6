"""Posting Video Profile statements as the player does: session auth, built by the vocabulary."""

import json
import uuid

from learning.xapi import vocabulary as xapi

HEADERS = {"HTTP_X_EXPERIENCE_API_VERSION": "1.0.3"}


def video_statement(
    user, verb, activity_id, *, session=None, length=100.0, segments=None, progress=None, time=0.0
):
    return xapi.video_event(
        user,
        verb,
        activity_id,
        "Log ind i FMK",
        session_id=session or uuid.uuid4(),
        length=length,
        time=time,
        played_segments=segments,
        progress=progress,
    )


def post(client, statements):
    return client.post(
        "/xapi/statements", data=json.dumps(statements), content_type="application/json", **HEADERS
    )
