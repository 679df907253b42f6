"""A video's renditions: the same video as MP4 and as WebM, offered together to the player.

Safari on iPhone plays MP4 (H.264 + AAC) and, depending on the version, not WebM; other browsers
play both. The educator may upload an MP4 alone, a WebM alone, or both (the second on the
video's own form, ``forms.VideoMediaForm``): the video's own file is one, a ``VideoRendition``
the other.
"""

import mimetypes

from learning.video.models import VideoContainer, VideoRendition
from learning.video.validators import read_head, video_container

MIME_TYPES = {VideoContainer.MP4: "video/mp4", VideoContainer.WEBM: "video/webm"}
# MP4 first: a browser takes the first source it says it can play, and some iPhones answer
# "maybe" for WebM and then fail on VP9 + Opus. Chromium and Firefox play H.264 as well.
PREFERENCE = [VideoContainer.MP4, VideoContainer.WEBM]


def container_of(field_file):
    """ "mp4" or "webm" from the first bytes of an uploaded or stored file, else None."""
    return video_container(read_head(field_file))


def _source(url, name, container=None):
    mime = MIME_TYPES.get(container) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return {"src": url, "type": mime, "container": container or mime.rpartition("/")[2]}


def sources(media, renditions=None):
    """[{"src", "type", "container"}] of the video's own file and its renditions, MP4 first.
    Pass the renditions when they are loaded already; otherwise one query."""
    if renditions is None:
        renditions = VideoRendition.objects.filter(media=media)
    found = [_source(media.url, media.filename)] + [
        _source(rendition.file.url, rendition.file.name, rendition.container)
        for rendition in renditions
    ]
    rank = {container: index for index, container in enumerate(PREFERENCE)}
    return sorted(found, key=lambda source: rank.get(source["container"], len(rank)))
