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
CATALOGUE = "catalogue"  # not an activity: the page that lists courses and guides

# The page model of each kind, registered by the app that defines them (``cms``, from its
# AppConfig.ready()). The page models sit above progress (a course page asks progress for the
# learner's state when it renders), so progress names them by kind instead of importing them.
_page_types = {}


def register_page_type(model, kind=None):
    """Tell progress which page model is the ``kind`` (default: the model's activity kind)."""
    _page_types[kind or model.activity_kind] = model


def page_type(kind):
    """The page model registered for ``kind``."""
    return _page_types[kind]


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
