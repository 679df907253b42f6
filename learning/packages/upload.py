"""Importing an uploaded package: check everything first, then store it in one go.

``inspect`` reads the upload (a zip with ``cmi5.xml`` at its root, cmi5 section 14.1, a zip with
``imsmanifest.xml`` at its root (SCORM 1.2 / 2004, ``scormxml``), or a bare ``cmi5.xml`` whose
AUs all have absolute URLs) and raises PackageError on anything wrong,
without writing. ``store`` then writes the rows and unpacks the files; if unpacking fails the
transaction is rolled back and the folder removed, so a refused package leaves nothing behind.
"""

import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from . import cmi5xml, scormxml, zipsafe
from .errors import PackageError
from .models import AssignableUnit, Package

MANIFEST = "cmi5.xml"
SCORM_MANIFEST = "imsmanifest.xml"


@dataclass
class Inspected:
    course: cmi5xml.Course
    archive: object = None  # a checked ZipFile, or None for a bare cmi5.xml


def _looks_like_xml(head):
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def inspect(upload):
    """Check an uploaded file object; returns Inspected or raises PackageError."""
    if upload.size > settings.PACKAGES_MAX_UPLOAD_BYTES:
        raise PackageError(
            _("The file is larger than %s MB.") % (settings.PACKAGES_MAX_UPLOAD_BYTES // 2**20)
        )
    upload.seek(0)
    head = upload.read(64)
    upload.seek(0)
    if _looks_like_xml(head):
        course = cmi5xml.parse(upload.read())
        if course.needs_files:
            raise PackageError(
                _(
                    "cmi5.xml without a zip must give every AU an absolute URL; "
                    "upload a zip with the files for relative URLs."
                )
            )
        return Inspected(course)
    archive = zipsafe.open_zip(upload)
    members = {info.filename for info in zipsafe.check(archive)}
    if MANIFEST not in members:
        if SCORM_MANIFEST in members:
            return Inspected(_scorm_course(archive, members), archive)
        raise PackageError(_("The zip has no cmi5.xml or imsmanifest.xml at its top level."))
    with archive.open(MANIFEST) as manifest:
        course = cmi5xml.parse(manifest.read(settings.PACKAGES_MAX_UNPACKED_BYTES))
    for unit in course.units:
        if cmi5xml.is_absolute(unit.url):
            continue
        path = unquote(urlsplit(unit.url).path)
        if path not in members:
            raise PackageError(
                _("The AU %(id)s points at %(path)s, which is not in the zip.")
                % {"id": unit.id, "path": path}
            )
    return Inspected(course, archive)


def _scorm_course(archive, members):
    """A SCORM package: its manifest checked (``scormxml``) and every SCO's file in the zip."""
    with archive.open(SCORM_MANIFEST) as manifest:
        course = scormxml.parse(manifest.read(settings.PACKAGES_MAX_UNPACKED_BYTES))
    for unit in course.units:
        path = unquote(urlsplit(unit.url).path)
        if path not in members:
            raise PackageError(
                _("The SCO %(id)s points at %(path)s, which is not in the zip.")
                % {"id": unit.id, "path": path}
            )
    return course


def package_folder(package):
    return Path(settings.PACKAGES_ROOT) / str(package.storage_key)


def store(inspected, *, title, organisation=None, user=None, package=None):
    """Write the package (a new one, or ``package`` unsaved from the admin form) with its AUs
    and files. Returns the Package."""
    course = inspected.course
    package = package or Package()
    package.title = title or course.title
    package.organisation = organisation
    package.kind = course.kind
    package.course_id = course.id
    package.description = course.description
    package.has_files = inspected.archive is not None
    package.uploaded_by = user
    folder = package_folder(package)
    try:
        with transaction.atomic():
            package.save()
            AssignableUnit.objects.bulk_create(
                AssignableUnit(
                    package=package,
                    position=position,
                    au_id=unit.id,
                    title=unit.title,
                    url=unit.url,
                    move_on=unit.move_on,
                    mastery_score=unit.mastery_score,
                    launch_method=unit.launch_method,
                    activity_type=unit.activity_type,
                    launch_parameters=unit.launch_parameters,
                    entitlement_key=unit.entitlement_key,
                )
                for position, unit in enumerate(course.units)
            )
            if inspected.archive is not None:
                zipsafe.extract(inspected.archive, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        package.pk = None
        raise
    return package


def import_package(upload, *, title="", organisation=None, user=None):
    """Check and store in one call (the admin form does the two steps apart)."""
    return store(inspect(upload), title=title, organisation=organisation, user=user)


__all__ = ["PackageError", "import_package", "inspect", "store"]
