"""Reading and checking a cmi5 course structure (``cmi5.xml``), cmi5 spec section 13.

The spec's XSD is not shipped in any package on PyPI or npm we could use, so its rules are
written here as code, each with the section it comes from:

* 13.1: the root is ``courseStructure`` in the cmi5 namespace, with exactly one ``course``.
* 13.1.1: the course has an ``id`` (an IRI) and a ``title``.
* 13.1.2: each ``block`` has an ``id`` (IRI) and a title, and holds AUs or blocks.
* 13.1.3: each ``objective`` has an ``id`` (IRI) and a title; an AU's or block's
  ``objectives/objective/@idref`` names an objective of the course.
* 13.1.4: each ``au`` has an ``id`` (IRI), a title and one ``url``; ``moveOn`` is one of
  Passed, Completed, CompletedAndPassed, CompletedOrPassed, NotApplicable (default
  NotApplicable); ``masteryScore`` is a decimal from 0 to 1; ``launchMethod`` is AnyWindow or
  OwnWindow (default AnyWindow); ``activityType`` is an IRI.
* 13.1.4 (url): a relative URL is a file inside the package, so it needs a zip that holds it;
  an absolute URL must be http or https. Section 8.1: the LMS adds the launch parameters, so
  the URL may not carry ``endpoint``, ``fetch``, ``actor``, ``registration`` or ``activityId``.
* 13.1 (ids): every id of the course, its blocks, AUs and objectives is unique.

Parsing uses defusedxml: no DTDs, entities or external references.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from urllib.parse import parse_qs, urlsplit

import rfc3987
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from django.utils.translation import gettext as _

from .errors import PackageError

NAMESPACE = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
MOVE_ON = ("Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed", "NotApplicable")
LAUNCH_METHODS = ("AnyWindow", "OwnWindow")
LAUNCH_PARAMETERS = ("endpoint", "fetch", "actor", "registration", "activityId")


@dataclass
class Unit:
    id: str
    title: str
    url: str
    move_on: str = "NotApplicable"
    mastery_score: Decimal | None = None
    launch_method: str = "AnyWindow"
    activity_type: str = ""
    launch_parameters: str = ""
    entitlement_key: str = ""
    block_ids: tuple = ()


@dataclass
class Course:
    id: str
    title: str
    description: str = ""
    units: list = field(default_factory=list)
    block_ids: list = field(default_factory=list)
    objective_ids: list = field(default_factory=list)
    kind: str = "cmi5"  # or scorm12 / scorm2004 (scormxml)

    @property
    def needs_files(self):
        return any(not is_absolute(unit.url) for unit in self.units)


def _tag(name):
    return f"{{{NAMESPACE}}}{name}"


def is_absolute(url):
    return bool(urlsplit(url).scheme)


def _is_iri(value):
    try:
        rfc3987.parse(value, rule="IRI")
    except ValueError:
        return False
    return True


def _langstring(element, name, owner):
    """The text of the first ``langstring`` of child ``name`` (Danish preferred)."""
    holder = element.find(_tag(name))
    strings = [] if holder is None else holder.findall(_tag("langstring"))
    if not strings:
        return None
    for string in strings:
        if (string.get("lang") or "").lower().startswith("da"):
            return (string.text or "").strip()
    return (strings[0].text or "").strip()


class _Reader:
    def __init__(self):
        self.ids = set()

    def identifier(self, element, kind):
        value = (element.get("id") or "").strip()
        if not value:
            raise PackageError(_("A %(kind)s in cmi5.xml has no id.") % {"kind": kind})
        if not _is_iri(value):
            raise PackageError(
                _("The id of a %(kind)s in cmi5.xml is not an IRI: %(id)s")
                % {"kind": kind, "id": value}
            )
        if value in self.ids:
            raise PackageError(_("The id %s is used more than once in cmi5.xml.") % value)
        self.ids.add(value)
        return value

    def title(self, element, kind, identifier):
        title = _langstring(element, "title", kind)
        if not title:
            raise PackageError(
                _("The %(kind)s %(id)s in cmi5.xml has no title.")
                % {"kind": kind, "id": identifier}
            )
        return title


def _mastery(value, identifier):
    if value is None:
        return None
    try:
        score = Decimal(value)
    except InvalidOperation:
        score = None
    if score is None or not score.is_finite() or not Decimal(0) <= score <= Decimal(1):
        raise PackageError(
            _("The masteryScore of the AU %(id)s must be a number from 0 to 1, not %(value)s.")
            % {"id": identifier, "value": value}
        )
    return score


def _url(element, identifier):
    holder = element.find(_tag("url"))
    url = (holder.text or "").strip() if holder is not None else ""
    if not url:
        raise PackageError(_("The AU %s in cmi5.xml has no url.") % identifier)
    parts = urlsplit(url)
    if parts.scheme and (parts.scheme not in ("http", "https") or not parts.netloc):
        raise PackageError(
            _("The url of the AU %(id)s is not a web address: %(url)s")
            % {"id": identifier, "url": url}
        )
    if not parts.scheme and (parts.netloc or url.startswith("/") or ".." in parts.path.split("/")):
        raise PackageError(
            _("The url of the AU %(id)s must stay inside the package: %(url)s")
            % {"id": identifier, "url": url}
        )
    taken = set(parse_qs(parts.query)) & set(LAUNCH_PARAMETERS)
    if taken:
        raise PackageError(
            _("The url of the AU %(id)s already holds the launch parameter %(name)s.")
            % {"id": identifier, "name": sorted(taken)[0]}
        )
    return url


def _unit(reader, element, blocks, objective_ids):
    identifier = reader.identifier(element, "au")
    move_on = element.get("moveOn", "NotApplicable")
    if move_on not in MOVE_ON:
        raise PackageError(
            _("The moveOn of the AU %(id)s must be one of %(allowed)s, not %(value)s.")
            % {"id": identifier, "allowed": ", ".join(MOVE_ON), "value": move_on}
        )
    launch_method = element.get("launchMethod", "AnyWindow")
    if launch_method not in LAUNCH_METHODS:
        raise PackageError(
            _("The launchMethod of the AU %(id)s must be AnyWindow or OwnWindow, not %(value)s.")
            % {"id": identifier, "value": launch_method}
        )
    activity_type = element.get("activityType", "")
    if activity_type and not _is_iri(activity_type):
        raise PackageError(_("The activityType of the AU %s is not an IRI.") % identifier)
    _check_references(element, objective_ids, identifier)

    def text(name):
        child = element.find(_tag(name))
        return (child.text or "").strip() if child is not None else ""

    entitlement = element.find(_tag("entitlementKey"))
    return Unit(
        id=identifier,
        title=reader.title(element, "au", identifier),
        url=_url(element, identifier),
        move_on=move_on,
        mastery_score=_mastery(element.get("masteryScore"), identifier),
        launch_method=launch_method,
        activity_type=activity_type,
        launch_parameters=text("launchParameters"),
        entitlement_key=(entitlement.text or "").strip() if entitlement is not None else "",
        block_ids=tuple(blocks),
    )


def _check_references(element, objective_ids, identifier):
    holder = element.find(_tag("objectives"))
    for reference in [] if holder is None else holder.findall(_tag("objective")):
        if reference.get("idref") not in objective_ids:
            raise PackageError(
                _("%(id)s refers to an objective that the course does not define: %(ref)s")
                % {"id": identifier, "ref": reference.get("idref")}
            )


def _walk(reader, course, element, blocks):
    for child in element:
        if child.tag == _tag("au"):
            course.units.append(_unit(reader, child, blocks, course.objective_ids))
        elif child.tag == _tag("block"):
            identifier = reader.identifier(child, "block")
            reader.title(child, "block", identifier)
            _check_references(child, course.objective_ids, identifier)
            course.block_ids.append(identifier)
            _walk(reader, course, child, [*blocks, identifier])


def parse(text):
    """The Course described by the cmi5.xml ``text`` (bytes), or PackageError."""
    try:
        root = fromstring(text)
    except (ParseError, DefusedXmlException, ValueError):
        raise PackageError(_("cmi5.xml is not well-formed XML.")) from None
    if root.tag != _tag("courseStructure"):
        raise PackageError(
            _("cmi5.xml must have the root element courseStructure in the namespace %s.")
            % NAMESPACE
        )
    courses = root.findall(_tag("course"))
    if len(courses) != 1:
        raise PackageError(_("cmi5.xml must describe exactly one course."))
    reader = _Reader()
    course_element = courses[0]
    identifier = reader.identifier(course_element, "course")
    course = Course(
        id=identifier,
        title=reader.title(course_element, "course", identifier),
        description=_langstring(course_element, "description", "course") or "",
    )
    holder = root.find(_tag("objectives"))
    for objective in [] if holder is None else holder.findall(_tag("objective")):
        objective_id = reader.identifier(objective, "objective")
        reader.title(objective, "objective", objective_id)
        course.objective_ids.append(objective_id)
    _walk(reader, course, root, [])
    if not course.units:
        raise PackageError(_("cmi5.xml has no AU (assignable unit)."))
    return course
