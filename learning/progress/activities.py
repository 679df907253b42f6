"""Stable activity IRIs for the platform's pages: ``{homepage}/activities/{kind}/{page id}``.

Page ids never change and survive moves and renames, unlike URLs. ``parse`` is the inverse and
accepts only our own home page, so statements about other platforms' activities are ignored.
"""

from learning.xapi.actors import homepage

COURSE = "course"
LESSON = "lesson"
VIDEO_GUIDE = "video-guide"
VIDEO = "video"  # the video played on a video guide page; completion comes from its segments
KINDS = (COURSE, LESSON, VIDEO_GUIDE, VIDEO)


def activity_id(kind, page_id):
    return f"{homepage()}/activities/{kind}/{page_id}"


def for_page(page):
    """The activity id of a course, lesson or video guide page (no query)."""
    return activity_id(page.specific_class.activity_kind, page.pk)


def parse(iri):
    """(kind, page id) for one of our activity IRIs, else None."""
    prefix = f"{homepage()}/activities/"
    if not isinstance(iri, str) or not iri.startswith(prefix):
        return None
    kind, _, rest = iri[len(prefix) :].partition("/")
    if kind not in KINDS or not rest.isdigit():
        return None
    return kind, int(rest)
