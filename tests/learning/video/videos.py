"""Real, tiny videos made with ffmpeg for the tests that probe or play them."""

import subprocess

from tests.services import require_ffmpeg


def make_webm(path, seconds=2, size="160x90"):
    """A WebM (VP8 + Vorbis: Debian's Chromium plays it) of ``seconds`` with a test picture."""
    return _make(path, seconds, size, ["-c:v", "libvpx", "-b:v", "50k", "-c:a", "libvorbis"])


def make_mp4(path, seconds=2, size="160x90"):
    """An MP4 as Safari on iPhone plays it: H.264 in yuv420p with AAC, the index first."""
    codecs = ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart"]
    return _make(path, seconds, size, codecs)


def _make(path, seconds, size, codecs):
    """A test picture and a 440 Hz tone of ``seconds``, encoded with ``codecs``."""
    ffmpeg, _ = require_ffmpeg()
    picture = f"testsrc=size={size}:rate=10:duration={seconds}"
    tone = f"sine=frequency=440:duration={seconds}"
    subprocess.run(
        [ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i", picture, "-f", "lavfi", "-i", tone]
        + codecs
        + ["-shortest", str(path)],
        check=True,
        timeout=60,
    )
    return path
