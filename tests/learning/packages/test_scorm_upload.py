"""Uploading SCORM 1.2 and 2004 packages: the manifest is read (version, organizations, items,
SCO resources) and every invalid one is refused with its Danish message and nothing stored.
The accepted ones and one refusal go through the Wagtail admin as an educator uploads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learning.packages.models import Package

from .builders import zip_bytes
from .scorm_builders import item, manifest, resource, sco_package
from .test_upload import nothing_stored, refused

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_packages_package:add"


def admin_upload(client, content, name="scorm.zip"):
    return client.post(
        reverse(ADD),
        {"package_file": SimpleUploadedFile(name, content), "title": "", "organisation": ""},
    )


@pytest.mark.parametrize(
    ("version", "kind"), [("1.2", "scorm12"), ("2004", "scorm2004")], ids=["1.2", "2004"]
)
def test_an_educator_uploads_a_scorm_package_and_its_scos_are_listed(
    client, educator, package_root, version, kind
):
    items = [
        item(),
        # A chapter (an item without a resource) holding a SCO.
        item("KAPITEL-2", ref="", title="Kapitel 2", extra=item("ITEM-2", "RES-2", "Quiz")),
        item("ITEM-4", "RES-ASSET", "Ordliste"),
    ]
    resources = [
        resource(version=version),
        resource("RES-2", "quiz/start.html", version=version),
        resource("RES-ASSET", "ordliste.html", kind="asset", version=version),
    ]
    content = sco_package(
        manifest(version, items=items, resources=resources),
        version=version,
        extra_files={"quiz/start.html": "<p>quiz</p>", "ordliste.html": "<p>ord</p>"},
    )
    client.force_login(educator)
    response = admin_upload(client, content)
    assert response.status_code == 302, response.content.decode()[-2000:]
    package = Package.objects.get()
    assert package.kind == kind
    assert package.title == "Forflytning"
    assert package.course_id == "forflytning"
    # The SCOs of the default organization, in manifest order; the asset is not one.
    assert [(u.au_id, u.title, u.url, u.move_on) for u in package.units.all()] == [
        ("ITEM-1", "Forflytning af borgere", "index.html", "CompletedOrPassed"),
        ("ITEM-2", "Quiz", "quiz/start.html", "CompletedOrPassed"),
    ]
    assert (package_root / str(package.storage_key) / "quiz" / "start.html").exists()


def test_an_invalid_manifest_is_refused_in_the_admin_and_nothing_is_stored(
    client, educator, package_root
):
    client.force_login(educator)
    content = sco_package(manifest(resources=[resource(), resource()]))
    response = admin_upload(client, content)
    assert response.status_code == 200
    assert "Identifikatoren RES-1 bruges mere end én gang i imsmanifest.xml." in (
        response.content.decode()
    )
    nothing_stored(package_root)


def test_the_item_parameters_and_xml_base_make_the_sco_url(package_root):
    from learning.packages.upload import import_package

    text = manifest(
        items=[item(extra="")],
        resources=[
            '<resource identifier="RES-1" type="webcontent" adlcp:scormtype="sco" '
            'xml:base="sco/" href="index.html"><file href="index.html"/></resource>'
        ],
    ).replace(b'identifierref="RES-1"', b'identifierref="RES-1" parameters="?side=1"')
    content = zip_bytes({"imsmanifest.xml": text, "sco/index.html": "<p>"})
    package = import_package(SimpleUploadedFile("p.zip", content))
    assert package.units.get().url == "sco/index.html?side=1"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(
            zip_bytes({"index.html": "<p>"}),
            "Zip-filen har ingen cmi5.xml eller imsmanifest.xml i øverste mappe.",
            id="manifest-missing",
        ),
        pytest.param(
            b"PK\x03\x04 broken, not a zip",
            "Filen er ikke et zip-arkiv.",
            id="not-a-zip",
        ),
        pytest.param(
            sco_package(manifest(items=[item(), item()])),
            "Identifikatoren ITEM-1 bruges mere end én gang i imsmanifest.xml.",
            id="duplicate-item",
        ),
        pytest.param(
            sco_package(manifest(resources=[resource(identifier="ORG-1")])),
            "Identifikatoren ORG-1 bruges mere end én gang i imsmanifest.xml.",
            id="duplicate-across-kinds",
        ),
        pytest.param(
            sco_package(manifest(resources=[resource(href="../uden/index.html")])),
            "href for SCO-ressourcen RES-1 skal blive inde i pakken: ../uden/index.html",
            id="href-outside",
        ),
        pytest.param(
            sco_package(manifest(resources=[resource(href="/index.html")])),
            "href for SCO-ressourcen RES-1 skal blive inde i pakken: /index.html",
            id="href-absolute-path",
        ),
        pytest.param(
            sco_package(manifest(resources=[resource(href="https://example.org/sco.html")])),
            "href for SCO-ressourcen RES-1 skal blive inde i pakken: https://example.org/sco.html",
            id="href-other-site",
        ),
        pytest.param(
            sco_package(manifest(resources=[resource(href="mangler.html")])),
            "SCO'en ITEM-1 peger på mangler.html, som ikke er i zip-filen.",
            id="sco-file-missing",
        ),
        pytest.param(
            sco_package(manifest(items=[item(ref="RES-X")])),
            "Elementet ITEM-1 henviser til en ressource, som ikke er i imsmanifest.xml: RES-X",
            id="unknown-resource",
        ),
        pytest.param(
            sco_package(manifest(resources=[resource(kind="asset")])),
            "imsmanifest.xml har ingen SCO at starte i sin standardorganisation.",
            id="no-sco",
        ),
        pytest.param(
            sco_package(manifest(schema_version="2004 2nd Edition")),
            "imsmanifest.xml angiver skemaversionen 2004 2nd Edition; "
            "SCORM 1.2 og SCORM 2004 (3. eller 4. udgave) understøttes.",
            id="unknown-version",
        ),
        pytest.param(
            sco_package(manifest(default="ORG-X")),
            "Standardorganisationen ORG-X findes ikke i imsmanifest.xml.",
            id="unknown-default",
        ),
        pytest.param(
            sco_package(manifest(items=[item(title="")])),
            "Elementet ITEM-1 i imsmanifest.xml har ingen titel.",
            id="item-without-title",
        ),
        pytest.param(
            sco_package(b"<manifest identifier='x'><organizations>"),
            "imsmanifest.xml er ikke velformet XML.",
            id="not-xml",
        ),
        pytest.param(
            sco_package(b'<!DOCTYPE m [<!ENTITY e "x">]><manifest identifier="m">&e;</manifest>'),
            "imsmanifest.xml er ikke velformet XML.",
            id="entities",
        ),
    ],
)
def test_an_invalid_scorm_package_is_refused_naming_the_problem(content, message, package_root):
    assert refused(content) == message
    nothing_stored(package_root)


def test_the_version_comes_from_the_adl_namespace_without_a_schemaversion(package_root):
    from learning.packages.upload import import_package

    content = sco_package(manifest("2004", schema_version=""), version="2004")
    assert import_package(SimpleUploadedFile("p.zip", content)).kind == "scorm2004"
