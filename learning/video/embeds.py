"""Embedded external videos (Wagtail embeds: YouTube, Vimeo, ...), tracked only as viewed.

We cannot see inside another site's player, so an embedded video counts as *viewed* when the
learner opens it: the page shows a button first (which also keeps the third-party player and
its cookies away until the learner asks for it), and opening it sends one "experienced"
statement. The progress projection marks the video viewed, never complete.
"""

import logging
import secrets
from dataclasses import dataclass

from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException

from learning.video.progress import is_video_viewed
from learning.xapi import vocabulary as xapi
from learning.xapi.actors import actor_for
from learning.xapi.store import store_statements

logger = logging.getLogger(__name__)


@dataclass
class Embed:
    url: str
    title: str
    provider: str
    html: str
    dom_id: str
    csrf_token: str = ""


def build_embed(url, title=None):
    """What video/embed.html needs; the embed HTML comes from Wagtail's embed finders (cached
    in its Embed table). Without it (no network, unknown provider) ``html`` is empty and the
    template shows a plain link."""
    if not url:
        return None
    try:
        embed = get_embed(url)
        html, provider = embed.html, embed.provider_name or ""
        title = title or embed.title
    except EmbedException as error:
        logger.info("no embed for %s: %s", url, error)
        html, provider = "", ""
    return Embed(
        url=url,
        title=title or url,
        provider=provider,
        html=html,
        dom_id=f"embed-{secrets.token_hex(3)}",
    )


def embed_viewed_statement(user, url, title):
    """The one statement for an opened embedded video: experienced, activity type video.

    Example: ``embed_viewed_statement(mette, "https://vimeo.com/1", "Sådan bruger du VDX")``
    """
    return {
        "actor": actor_for(user),
        "verb": xapi.EXPERIENCED.as_json(),
        "object": xapi.activity(url, xapi.VIDEO_TYPE, title),
        "context": {"language": xapi.LANGUAGE},
    }


def record_embed_viewed(user, url, title):
    """Store the "experienced" statement once per person and video; returns True if stored.
    Queries: one check, then the store's."""
    if is_video_viewed(user, url):
        return False
    store_statements([embed_viewed_statement(user, url, title)])
    return True
