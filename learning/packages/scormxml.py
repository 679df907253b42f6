"""Reading and checking a SCORM manifest (``imsmanifest.xml``), SCORM 1.2 and SCORM 2004.

The rules checked, from the IMS Content Packaging part of each SCORM book (CAM):

* The root is ``manifest`` (the IMS CP namespace of 1.2 or 2004) with an ``identifier``.
* The version: ``metadata/schemaversion`` is ``1.2`` (SCORM 1.2) or ``2004 3rd Edition``,
  ``2004 4th Edition`` or ``CAM 1.3`` (SCORM 2004); without one, the ADL namespace the manifest
  declares (``adlcp_rootv1p2`` or ``adlcp_v1p3``) decides. Anything else is refused.
* ``organizations`` holds at least one ``organization``; its ``default`` names one of them.
* Every ``identifier`` in the manifest (manifest, organizations, items, resources) is unique.
* Every item has a title; an item's ``identifierref`` names a resource of the manifest.
* A resource is a SCO when its ``adlcp:scormtype`` (1.2) / ``adlcp:scormType`` (2004) is
  ``sco``; a SCO's ``href`` (with ``xml:base`` of ``resources`` and the resource) is a relative
  path that stays inside the package; ``upload`` checks that the zip holds the file.
* The default organization has at least one item that launches a SCO.

The SCOs of the default organization, in manifest order, become the package's units (an item
that launches an asset is content inside the SCORM course, not tracked). Parsing uses
defusedxml: no DTDs, entities or external references. Sequencing (IMS SS) is not read.
"""

from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from django.utils.translation import gettext as _

from learning.xapi import vocabulary

from .cmi5xml import Course, Unit
from .errors import PackageError

SCORM12 = "scorm12"
SCORM2004 = "scorm2004"
VERSIONS = {
    "1.2": SCORM12,
    "2004 3rd edition": SCORM2004,
    "2004 4th edition": SCORM2004,
    "cam 1.3": SCORM2004,
}
ADL_NAMESPACES = {
    "http://www.adlnet.org/xsd/adlcp_rootv1p2": SCORM12,
    "http://www.adlnet.org/xsd/adlcp_v1p3": SCORM2004,
}
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
# What a SCO is in our statements (the xAPI SCORM profile calls a SCO a lesson).
SCO_TYPE = vocabulary.LESSON


def _local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _namespace(tag):
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _children(element, name):
    return [child for child in element if _local(child.tag) == name]


def _child(element, name):
    found = _children(element, name)
    return found[0] if found else None


def _text(element, name):
    child = _child(element, name)
    return (child.text or "").strip() if child is not None else ""


def _attribute(element, name):
    """An attribute by local name in any namespace, case-insensitive (``scormtype`` in 1.2,
    ``scormType`` in 2004)."""
    for key, value in element.attrib.items():
        if _local(key).lower() == name.lower():
            return value.strip()
    return ""


def _version(root, text):
    metadata = _child(root, "metadata")
    schema_version = _text(metadata, "schemaversion") if metadata is not None else ""
    if schema_version:
        kind = VERSIONS.get(schema_version.lower())
        if kind is None:
            raise PackageError(
                _(
                    "imsmanifest.xml names the schema version %s; "
                    "SCORM 1.2 and SCORM 2004 (3rd or 4th edition) are supported."
                )
                % schema_version
            )
        return kind
    for namespace, kind in ADL_NAMESPACES.items():
        if namespace.encode() in text:
            return kind
    raise PackageError(
        _("imsmanifest.xml does not say which SCORM version it is (metadata/schemaversion).")
    )


class _Identifiers:
    def __init__(self):
        self.seen = set()

    def take(self, element, kind):
        value = element.get("identifier", "").strip()
        if not value:
            raise PackageError(
                _("A %(kind)s in imsmanifest.xml has no identifier.") % {"kind": kind}
            )
        if value in self.seen:
            raise PackageError(
                _("The identifier %s is used more than once in imsmanifest.xml.") % value
            )
        self.seen.add(value)
        return value


def _join_base(*parts):
    path = ""
    for part in parts:
        if not part:
            continue
        path = part if urlsplit(part).scheme or part.startswith("/") else path + part
    return path


def _sco_href(resource, resources_base, identifier):
    href = resource.get("href", "").strip()
    if not href:
        raise PackageError(_("The SCO resource %s in imsmanifest.xml has no href.") % identifier)
    full = _join_base(resources_base, resource.get(XML_BASE, ""), href)
    parts = urlsplit(full)
    if parts.scheme or parts.netloc or full.startswith("/") or ".." in parts.path.split("/"):
        raise PackageError(
            _("The href of the SCO resource %(id)s must stay inside the package: %(href)s")
            % {"id": identifier, "href": full}
        )
    return full


def _with_parameters(href, parameters):
    """SCORM CAM: an item's ``parameters`` are added to its resource's href."""
    if not parameters:
        return href
    if parameters[0] in "?#":
        if parameters[0] == "?" and "?" in href:
            return f"{href}&{parameters[1:]}"
        return href + parameters
    return f"{href}{'&' if '?' in href else '?'}{parameters}"


def _mastery(item, identifier):
    """SCORM 1.2 ``adlcp:masteryscore`` (0 to 100), kept as a fraction like cmi5's."""
    value = _text(item, "masteryscore")
    if not value:
        return None
    try:
        score = Decimal(value)
    except InvalidOperation:
        score = None
    if score is None or not score.is_finite() or not 0 <= score <= 100:
        raise PackageError(
            _("The masteryscore of the item %(id)s must be a number from 0 to 100, not %(value)s.")
            % {"id": identifier, "value": value}
        )
    return score / 100


def _resources(root, identifiers):
    """{identifier: (resource element, is a SCO, href or "")}."""
    holder = _child(root, "resources")
    if holder is None:
        raise PackageError(_("imsmanifest.xml has no resources."))
    base = holder.get(XML_BASE, "")
    found = {}
    for resource in _children(holder, "resource"):
        identifier = identifiers.take(resource, "resource")
        is_sco = _attribute(resource, "scormtype").lower() == "sco"
        href = _sco_href(resource, base, identifier) if is_sco else ""
        found[identifier] = (resource, is_sco, href)
    return found


def _items(element, identifiers, found):
    """Every item under ``element``, depth first, in manifest order."""
    for item in _children(element, "item"):
        identifier = identifiers.take(item, "item")
        title = _text(item, "title")
        if not title:
            raise PackageError(_("The item %s in imsmanifest.xml has no title.") % identifier)
        found.append((item, identifier, title))
        _items(item, identifiers, found)
    return found


def parse(text):
    """The Course (``kind`` scorm12 or scorm2004) of the imsmanifest.xml ``text`` (bytes)."""
    try:
        root = fromstring(text)
    except (ParseError, DefusedXmlException, ValueError):
        raise PackageError(_("imsmanifest.xml is not well-formed XML.")) from None
    if _local(root.tag) != "manifest":
        raise PackageError(_("imsmanifest.xml must have the root element manifest."))
    identifiers = _Identifiers()
    manifest_id = identifiers.take(root, "manifest")
    kind = _version(root, text)
    organizations = _child(root, "organizations")
    choices = _children(organizations, "organization") if organizations is not None else []
    if not choices:
        raise PackageError(_("imsmanifest.xml has no organization."))
    items_by_organization = []
    for organization in choices:
        org_id = identifiers.take(organization, "organization")
        items_by_organization.append((org_id, organization, _items(organization, identifiers, [])))
    resources = _resources(root, identifiers)
    default = organizations.get("default", "").strip()
    chosen = [entry for entry in items_by_organization if entry[0] == default]
    if default and not chosen:
        raise PackageError(_("The default organization %s is not in imsmanifest.xml.") % default)
    for _org_id, _organization, items in items_by_organization:
        for item, identifier, _title in items:
            reference = item.get("identifierref", "").strip()
            if reference and reference not in resources:
                raise PackageError(
                    _(
                        "The item %(id)s refers to a resource that is not in "
                        "imsmanifest.xml: %(ref)s"
                    )
                    % {"id": identifier, "ref": reference}
                )
    _org_id, organization, items = (chosen or items_by_organization)[0]
    units = []
    for item, identifier, title in items:
        reference = item.get("identifierref", "").strip()
        if not reference or not resources[reference][1]:
            continue
        href = resources[reference][2]
        units.append(
            Unit(
                id=identifier,
                title=title,
                url=_with_parameters(href, item.get("parameters", "").strip()),
                move_on="CompletedOrPassed",
                mastery_score=_mastery(item, identifier),
                activity_type=SCO_TYPE,
                launch_parameters=_text(item, "datafromlms") or _text(item, "dataFromLMS"),
            )
        )
    if not units:
        raise PackageError(_("imsmanifest.xml has no SCO to launch in its default organization."))
    title = _text(organization, "title") or manifest_id
    return Course(id=manifest_id, title=title, units=units, kind=kind)
