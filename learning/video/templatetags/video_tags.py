from django import template
from django.middleware.csrf import get_token

from learning.video.embeds import build_embed
from learning.video.player import build_player

register = template.Library()


def _csrf_token(context):
    """The token for the player's statement posts, also when the include is rendered without
    the csrf context processor (for example from a block with only ``request`` in context)."""
    request = context.get("request")
    return get_token(request) if request is not None else str(context.get("csrf_token", ""))


@register.simple_tag(takes_context=True)
def video_player(context, media, activity_id=None, title=None, chapters=None):
    """``{% video_player media activity_id title chapters as player %}``: see player.py."""
    player = build_player(
        media, activity_id=activity_id or None, title=title or None, chapters=chapters or None
    )
    if player is not None:
        player.csrf_token = _csrf_token(context)
    return player


@register.simple_tag(takes_context=True)
def video_embed(context, url, title=None):
    """``{% video_embed url title as embed %}``: see embeds.py."""
    embed = build_embed(url, title=title or None)
    if embed is not None:
        embed.csrf_token = _csrf_token(context)
    return embed
