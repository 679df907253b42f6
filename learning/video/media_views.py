"""Serving uploaded media with HTTP byte ranges, for development and tests.

Browsers seek in a video by asking for byte ranges; Django's ``static.serve`` (what
``static(MEDIA_URL, ...)`` and the test live server use) answers every request with the whole
file, and Chromium then cannot seek at all. Production serves media from the web server, which
handles ranges; this view is for DEBUG and browser tests only.
"""

import mimetypes
import re
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse

RANGE_RE = re.compile(r"bytes=(\d+)-(\d*)")


def serve_media(request, path):
    root = Path(settings.MEDIA_ROOT).resolve()
    file = (root / path).resolve()
    if root not in file.parents or not file.is_file():
        raise Http404
    size = file.stat().st_size
    content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    match = RANGE_RE.fullmatch(request.headers.get("Range", ""))
    if not match or int(match.group(1)) >= size:
        response = FileResponse(file.open("rb"), content_type=content_type)
    else:
        start = int(match.group(1))
        end = min(int(match.group(2) or size - 1), size - 1)
        with file.open("rb") as handle:
            handle.seek(start)
            body = handle.read(end - start + 1)
        response = HttpResponse(body, status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    return response
