"""Uploading packages: what is accepted, and every refusal with its Danish message and nothing
stored (no rows, no files)."""

import io
import struct
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from learning.packages import upload
from learning.packages.errors import PackageError
from learning.packages.models import AssignableUnit, Package

from .builders import AU_ID, au_xml, cmi5_xml, zip_bytes

pytestmark = pytest.mark.django_db


def as_upload(content, name="pakke.zip"):
    return SimpleUploadedFile(name, content)


def refused(content, name="pakke.zip"):
    with translation.override("da"), pytest.raises(PackageError) as caught:
        upload.import_package(as_upload(content, name))
    return caught.value.message


def nothing_stored(package_root):
    assert Package.objects.count() == 0
    assert AssignableUnit.objects.count() == 0
    assert not package_root.exists() or not any(package_root.iterdir())


def test_a_zip_with_cmi5_xml_is_stored_with_its_units_and_files(package_root):
    content = zip_bytes(
        {
            "cmi5.xml": cmi5_xml(
                au_xml(),
                au_xml(au_id=AU_ID + "b", url="b/start.html?lang=da", move_on="Completed"),
            ),
            "index.html": "<p>1</p>",
            "b/start.html": "<p>2</p>",
        }
    )
    package = upload.import_package(as_upload(content), title="")
    assert package.title == "Håndhygiejne"
    assert package.has_files
    units = list(package.units.all())
    assert [(u.au_id, u.move_on, u.url) for u in units] == [
        (AU_ID, "CompletedAndPassed", "index.html"),
        (AU_ID + "b", "Completed", "b/start.html?lang=da"),
    ]
    assert str(units[0].mastery_score) == "0.8000"
    assert (package_root / str(package.storage_key) / "b" / "start.html").read_text() == "<p>2</p>"


def test_a_bare_cmi5_xml_with_absolute_urls_is_stored_without_files(package_root):
    xml = cmi5_xml(au_xml(url="https://kursus.example.org/au/1"))
    package = upload.import_package(as_upload(xml, "cmi5.xml"))
    assert not package.has_files
    assert package.units.get().url == "https://kursus.example.org/au/1"
    assert not package_root.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            cmi5_xml(au_xml(), au_xml()),
            f"Id'et {AU_ID} bruges mere end én gang i cmi5.xml.",
        ),
        (
            cmi5_xml(au_xml(move_on="Sometimes")),
            "moveOn for AU'en",
        ),
        (cmi5_xml(au_xml(mastery="1.5")), "masteryScore for AU'en"),
        (cmi5_xml(au_xml(au_id="ikke en iri")), "er ikke en IRI: ikke en iri"),
        (cmi5_xml(course_id="kursus 1"), "er ikke en IRI: kursus 1"),
        (
            cmi5_xml(au_xml(), objectives=""),
            "cmi5.xml uden en zip skal give hver AU en absolut URL",
        ),
        (b"<courseStructure><oops", "cmi5.xml er ikke velformet XML."),
        (b"<?xml version='1.0'?><other/>", "rodelementet courseStructure"),
        (
            cmi5_xml(au_xml(url="https://x.example.org/?fetch=1")),
            "har allerede startparameteren fetch",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
            b'<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"/>',
            "cmi5.xml er ikke velformet XML.",
        ),
    ],
    ids=[
        "duplicate-au-id",
        "bad-moveon",
        "bad-mastery",
        "au-id-not-iri",
        "course-id-not-iri",
        "relative-url-without-zip",
        "not-xml",
        "wrong-root",
        "launch-parameter-in-url",
        "entities",
    ],
)
def test_an_invalid_cmi5_xml_is_refused_naming_the_problem(content, message, package_root):
    assert message in refused(content, "cmi5.xml")
    nothing_stored(package_root)


def test_a_file_that_is_no_zip_is_refused(package_root):
    assert refused(b"%PDF-1.7 not a package") == "Filen er ikke et zip-arkiv."
    nothing_stored(package_root)


def test_a_zip_without_cmi5_xml_is_refused(package_root):
    assert (
        refused(zip_bytes({"index.html": "<p>"}))
        == "Zip-filen har ingen cmi5.xml eller imsmanifest.xml i øverste mappe."
    )
    nothing_stored(package_root)


def test_a_zip_whose_au_file_is_missing_is_refused(package_root):
    message = refused(zip_bytes({"cmi5.xml": cmi5_xml(au_xml(url="start.html"))}))
    assert message == f"AU'en {AU_ID} peger på start.html, som ikke er i zip-filen."
    nothing_stored(package_root)


@pytest.mark.parametrize(
    "name", ["../evil.html", "/etc/evil", "a/../../evil", "C:/evil", "a\\..\\evil"]
)
def test_zip_slip_is_refused(name, package_root):
    content = zip_bytes({"cmi5.xml": cmi5_xml(), "index.html": "<p>", name: "pwned"})
    assert "zip" in refused(content).lower()
    nothing_stored(package_root)
    assert not (package_root.parent / "evil.html").exists()


def test_a_zip_bomb_is_refused_by_its_ratio(package_root):
    content = zip_bytes({"cmi5.xml": cmi5_xml(), "index.html": b"0" * (20 * 1024 * 1024)})
    assert "udvider sig mere end 100 gange" in refused(content)
    nothing_stored(package_root)


def test_too_many_files_and_too_large_a_total_are_refused(settings, package_root):
    files = {"cmi5.xml": cmi5_xml(), "index.html": "<p>"}
    files.update({f"f{i}.txt": str(i) for i in range(10)})
    settings.PACKAGES_MAX_FILES = 5
    assert "højst 5 er tilladt" in refused(zip_bytes(files, zipfile.ZIP_STORED))
    settings.PACKAGES_MAX_FILES = 100
    settings.PACKAGES_MAX_UNPACKED_BYTES = 1000
    big = {"cmi5.xml": cmi5_xml(), "index.html": "x" * 2000}
    assert "større end" in refused(zip_bytes(big, zipfile.ZIP_STORED))
    nothing_stored(package_root)


def test_a_zip_that_lies_about_its_sizes_is_stopped_while_unpacking(settings, package_root):
    """The central directory claims a small size; the real data is larger."""
    settings.PACKAGES_MAX_UNPACKED_BYTES = 50_000
    honest = zip_bytes({"cmi5.xml": cmi5_xml(), "index.html": b"a" * 10_000 + b"b" * 200_000})
    # Rewrite the uncompressed size in the local header and the central directory to 100.
    data = bytearray(honest)
    start = data.rfind(b"PK\x01\x02")
    while start != -1:
        name_length = struct.unpack_from("<H", data, start + 28)[0]
        if data[start + 46 : start + 46 + name_length] == b"index.html":
            struct.pack_into("<I", data, start + 24, 100)
            local = struct.unpack_from("<I", data, start + 42)[0]
            struct.pack_into("<I", data, local + 22, 100)
        start = data.rfind(b"PK\x01\x02", 0, start)
    assert refused(bytes(data)) == "Zip-arkivet er beskadiget: index.html"
    nothing_stored(package_root)


def test_a_zip64_archive_is_read_by_the_same_rules(package_root):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        archive.writestr("cmi5.xml", cmi5_xml())
        with archive.open("index.html", "w", force_zip64=True) as member:
            member.write(b"<p>zip64</p>")
    package = upload.import_package(as_upload(buffer.getvalue()))
    assert (package_root / str(package.storage_key) / "index.html").read_bytes() == b"<p>zip64</p>"
