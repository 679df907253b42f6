"""Opening an uploaded zip without trusting it.

Checked before a single byte is written: every member's name stays inside the package (no
absolute paths, no ``..``, no drive letters or backslashes: zip slip), no symbolic links, at most
``PACKAGES_MAX_FILES`` members, at most ``PACKAGES_MAX_UNPACKED_BYTES`` in total and no member
that expands more than ``PACKAGES_MAX_RATIO`` times (zip bombs). The sizes in the central
directory are what the archive claims; ``extract`` counts the bytes it really writes and stops
at the same limits, so an archive that lies about its sizes is stopped too. Python's zipfile
reads zip64 archives (more than 65,535 members or members over 4 GiB) natively, so a zip64
archive is checked by the same rules.
"""

import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.utils.translation import gettext as _

from .errors import PackageError

CHUNK = 64 * 1024


@dataclass(frozen=True)
class Limits:
    files: int
    unpacked_bytes: int
    ratio: int

    @classmethod
    def from_settings(cls):
        return cls(
            files=settings.PACKAGES_MAX_FILES,
            unpacked_bytes=settings.PACKAGES_MAX_UNPACKED_BYTES,
            ratio=settings.PACKAGES_MAX_RATIO,
        )


def open_zip(upload):
    """A ``ZipFile`` for the uploaded file object, or PackageError when it is not a zip."""
    try:
        upload.seek(0)
        return zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, EOFError):
        raise PackageError(_("The file is not a zip archive.")) from None


def safe_name(name):
    """The member's path inside the package, or PackageError when it would leave it."""
    if "\\" in name or "\x00" in name:
        raise PackageError(_("The zip contains a file name that is not allowed: %s") % name)
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        raise PackageError(_("The zip contains a path outside the package (zip slip): %s") % name)
    return path


def _is_symlink(info):
    return stat.S_ISLNK(info.external_attr >> 16)


def check(archive, limits=None):
    """Check every member of ``archive`` against ``limits``; returns the file members."""
    limits = limits or Limits.from_settings()
    members = archive.infolist()
    files = [info for info in members if not info.is_dir()]
    if len(files) > limits.files:
        raise PackageError(
            _("The zip holds %(count)s files; at most %(limit)s are allowed.")
            % {"count": len(files), "limit": limits.files}
        )
    total = 0
    for info in members:
        safe_name(info.filename)
        if _is_symlink(info):
            raise PackageError(_("The zip contains a symbolic link: %s") % info.filename)
        if info.flag_bits & 0x1:
            raise PackageError(_("The zip contains an encrypted file: %s") % info.filename)
        total += info.file_size
        if info.file_size > limits.ratio * max(info.compress_size, 1):
            raise PackageError(
                _("The file %(name)s expands more than %(ratio)s times (a zip bomb?).")
                % {"name": info.filename, "ratio": limits.ratio}
            )
    if total > limits.unpacked_bytes:
        raise PackageError(_too_large(limits))
    return files


def _too_large(limits):
    return _("The unpacked package is larger than %(limit)s MB.") % {
        "limit": limits.unpacked_bytes // (1024 * 1024)
    }


def extract(archive, destination, limits=None):
    """Write the checked members under ``destination``, counting real bytes as they come."""
    limits = limits or Limits.from_settings()
    destination = Path(destination).resolve()
    written = 0
    for info in check(archive, limits):
        target = (destination / safe_name(info.filename)).resolve()
        if not target.is_relative_to(destination):
            raise PackageError(
                _("The zip contains a path outside the package (zip slip): %s") % info.filename
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        written += _copy(archive, info, target, limits, written)
    return written


def _copy(archive, info, target, limits, written_before):
    """Unpack one member; returns its size. A damaged member (bad CRC: zipfile reads no more
    than the size the archive claims, so a member that lies about its size fails here)."""
    member_bytes = 0
    try:
        with archive.open(info) as source, open(target, "wb") as out:
            while chunk := source.read(CHUNK):
                member_bytes += len(chunk)
                if written_before + member_bytes > limits.unpacked_bytes or (
                    member_bytes > limits.ratio * max(info.compress_size, 1)
                ):
                    raise PackageError(_too_large(limits))
                out.write(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise PackageError(_("The zip archive is damaged: %s") % info.filename) from None
    return member_bytes
