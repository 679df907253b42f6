from django import template
from django.template.loader import select_template

register = template.Library()


@register.simple_tag(takes_context=True)
def video_player(context, media, activity_id, title=""):
    """The video app's player (``video/player.html``) when installed, else a plain <video>.

    The video app's player shows chapters and the transcript itself. The fallback sends no
    statements, so a guide cannot be completed with it; it keeps pages
    usable while the video app is being built.
    """
    chosen = select_template(["video/player.html", "cms/includes/video_fallback.html"])
    flat = context.flatten()
    flat.update({"media": media, "activity_id": activity_id, "title": title, "chapters": ""})
    return chosen.render(flat, context.get("request"))
