"""Reading and checking a cmi5 course structure (``cmi5.xml``), cmi5 spec section 13.

Every ``cmi5.xml`` must conform to the spec's XSD (§13.2). The XSD ships in no PyPI or npm
package we can install, and we keep no copy of others' text in the repository, so its rules are
written here as code, in two passes, each refusal a Danish message naming the problem:

**The shape** (``STRUCTURE`` and ``_check_shape``), as the XSD's types state it:

* The root is ``courseStructure`` in the cmi5 namespace; in it, in this order: one ``course``,
  at most one ``objectives``, then one or more ``au`` / ``block`` in any mix (xs:sequence).
* ``course``: ``title`` then ``description``; attribute ``id`` (required).
* ``objectives`` (course level): one or more ``objective``, each with ``title`` and
  ``description`` in either order, once each (xs:all), attribute ``id`` (required) and nothing
  else: no extension elements or attributes there.
* ``block``: ``title``, ``description``, at most one ``objectives`` (references), then one or
  more ``au`` / ``block``; attribute ``id`` (required).
* ``au``: ``title``, ``description``, at most one ``objectives`` (references), one ``url``, at
  most one ``launchParameters``, at most one ``entitlementKey``; attributes ``id`` (required),
  ``moveOn``, ``masteryScore``, ``authenticationMethod``, ``launchMethod``, ``activityType``.
* An objectives reference list holds one or more ``objective`` elements that are empty but for
  their ``idref`` attribute.
* ``title`` and ``description`` hold one or more ``langstring``: text only, with an optional
  ``lang`` that is a language code (xs:language).
* ``url`` is text only, at least one character (anyURI, minLength 1).
* Extension points (§13.1.5, the XSD's ``##other``): after the cmi5 elements of
  ``courseStructure``, ``course``, ``block``, ``au``, both kinds of ``objectives`` and
  ``title``/``description``, any number of elements of *another* namespace (not cmi5, not none);
  those elements and their content are not read. Attributes of another namespace are allowed on
  those elements and on ``langstring``; ``xsi:`` attributes anywhere. ``launchParameters`` and
  ``entitlementKey`` may hold anything (no type in the XSD); only their text is read.
* Elements that hold elements hold no text of their own (whitespace aside).

**The values**, as the XSD's simple types and the spec's text (§13.1) state them:

* §13.1.1-13.1.4: every ``id`` is an IRI (anyURI, and fully qualified, §3.0); every id of the
  course, its blocks, AUs and objectives is unique; an ``objectives/objective/@idref`` of an AU
  or block names an objective of the course.
* §13.1.4: ``moveOn`` is one of Passed, Completed, CompletedAndPassed, CompletedOrPassed,
  NotApplicable (default NotApplicable); ``masteryScore`` is an xs:decimal (digits, an optional
  sign and point: no exponent, no NaN) from 0 to 1; ``launchMethod`` is AnyWindow or OwnWindow
  (default AnyWindow); ``authenticationMethod`` is Basic (the XSD's only value);
  ``activityType`` is an IRI (the XSD says string, the spec's table IRI).
* §13.1.4 (url): a relative URL is a file inside the package, so it needs a zip that holds it;
  an absolute URL must be http or https. Section 8.1: the LMS adds the launch parameters, so
  the URL may not carry ``endpoint``, ``fetch``, ``actor``, ``registration`` or ``activityId``.
* §13.1: leading and trailing whitespace of every value is removed on import.
* The platform's own rules, beyond the XSD: elements nest at most 100 levels deep (reading
  recurses); the course and every AU have a title that is not empty (learners see them);
  blocks and objectives may have empty langstrings, as the spec's own complex example does.

Tests: ``tests/learning/packages/test_cmi5_schema.py`` (one refused variant per rule, and the
valid variants the XSD allows) and ``test_upload.py``.

Parsing uses defusedxml: no DTDs, entities or external references.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import rfc3987
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from django.utils.translation import gettext as _

from .errors import PackageError

NAMESPACE = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
MOVE_ON = ("Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed", "NotApplicable")
LAUNCH_METHODS = ("AnyWindow", "OwnWindow")
AUTHENTICATION_METHODS = ("Basic",)
LAUNCH_PARAMETERS = ("endpoint", "fetch", "actor", "registration", "activityId")
# Blocks may nest; reading them recurses, so a limit far above any real course keeps a crafted
# file from exhausting the stack.
MAX_DEPTH = 100
# xs:decimal's lexical space: an optional sign, digits and an optional point. No exponent.
DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
# xs:language: letters, then parts of letters and digits, each one to eight long.
LANGUAGE = re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*")


@dataclass(frozen=True)
class Shape:
    """One complex type of the XSD, in our words.

    ``children``: the element's content in order, each part ``({name: shape}, least, most)``
    (``most`` None: unbounded; a part with several names is a choice). ``any_order``: the parts
    may come in any order (xs:all). ``extensible``: elements of another namespace may follow.
    ``attributes``: the attributes without namespace it may have (None: any attribute);
    ``foreign_attributes``: whether attributes of another namespace are allowed. ``text``: it
    holds text, not elements (None: anything, the XSD gives it no type).
    """

    children: tuple = ()
    attributes: tuple = ()
    extensible: bool = True
    foreign_attributes: bool = True
    any_order: bool = False
    text: bool | None = False


LANGSTRING = Shape(attributes=("lang",), extensible=False, text=True)
TEXT = Shape(children=(({"langstring": LANGSTRING}, 1, None),))
URL = Shape(extensible=False, foreign_attributes=False, text=True)
ANYTHING = Shape(text=None, attributes=None)  # no type in the XSD: xs:anyType
REFERENCE = Shape(attributes=("idref",), extensible=False, foreign_attributes=False)
REFERENCES = Shape(children=(({"objective": REFERENCE}, 1, None),))
OBJECTIVE = Shape(
    children=(({"title": TEXT}, 1, 1), ({"description": TEXT}, 1, 1)),
    attributes=("id",),
    extensible=False,
    foreign_attributes=False,
    any_order=True,
)
OBJECTIVES = Shape(children=(({"objective": OBJECTIVE}, 1, None),))
AU = Shape(
    children=(
        ({"title": TEXT}, 1, 1),
        ({"description": TEXT}, 1, 1),
        ({"objectives": REFERENCES}, 0, 1),
        ({"url": URL}, 1, 1),
        ({"launchParameters": ANYTHING}, 0, 1),
        ({"entitlementKey": ANYTHING}, 0, 1),
    ),
    attributes=(
        "id",
        "moveOn",
        "masteryScore",
        "authenticationMethod",
        "launchMethod",
        "activityType",
    ),
)
# A block holds blocks: its choice is filled in below, once the shape exists.
_BLOCK_UNITS = {"au": AU}
BLOCK = Shape(
    children=(
        ({"title": TEXT}, 1, 1),
        ({"description": TEXT}, 1, 1),
        ({"objectives": REFERENCES}, 0, 1),
        (_BLOCK_UNITS, 1, None),
    ),
    attributes=("id",),
)
_BLOCK_UNITS["block"] = BLOCK
COURSE = Shape(
    children=(({"title": TEXT}, 1, 1), ({"description": TEXT}, 1, 1)), attributes=("id",)
)
STRUCTURE = Shape(
    children=(
        ({"course": COURSE}, 1, 1),
        ({"objectives": OBJECTIVES}, 0, 1),
        ({"au": AU, "block": BLOCK}, 1, None),
    )
)


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


def _split(name):
    """(namespace, local name) of an ElementTree tag or attribute name."""
    if name.startswith("{"):
        namespace, local = name[1:].split("}", 1)
        return namespace, local
    return "", name


def is_absolute(url):
    return bool(urlsplit(url).scheme)


def _is_iri(value):
    try:
        rfc3987.parse(value, rule="IRI")
    except ValueError:
        return False
    return True


# The shape: the XSD's content models and attribute lists.


def _describe(element, around):
    """How a message names ``element``: by its id, or as a part of the element around it."""
    _namespace, local = _split(element.tag)
    identifier = (element.get("id") or "").strip()
    if identifier:
        return f'<{local} id="{identifier}">'
    if not around:
        return f"<{local}>"
    return _("<%(element)s> in %(owner)s") % {"element": local, "owner": around}


def _check_text(element, shape, where):
    texts = [element.text or ""] + [child.tail or "" for child in element]
    if shape.text is False:
        stray = "".join(texts).strip()
        if stray:
            raise PackageError(
                _("In cmi5.xml, %(owner)s holds text outside its elements: %(text)s")
                % {"owner": where, "text": stray[:40]}
            )
    elif shape.text and len(element):
        raise PackageError(
            _("In cmi5.xml, %(owner)s may hold only text, not the element <%(name)s>.")
            % {"owner": where, "name": _split(element[0].tag)[1]}
        )


def _check_attributes(element, shape, where):
    if shape.attributes is None:
        return
    for name, value in element.attrib.items():
        namespace, local = _split(name)
        if namespace == XSI:
            continue
        allowed = (
            local in shape.attributes
            if not namespace
            else namespace != NAMESPACE and shape.foreign_attributes
        )
        if not allowed:
            raise PackageError(
                _(
                    "In cmi5.xml, %(owner)s has the attribute %(name)s, which the course "
                    "structure does not define."
                )
                % {"owner": where, "name": local if not namespace else name}
            )
        if local == "lang" and not namespace and not LANGUAGE.fullmatch(value.strip()):
            raise PackageError(
                _(
                    "In cmi5.xml, the lang of a langstring in %(owner)s is not a language code: "
                    "%(value)s"
                )
                % {"owner": where, "value": value}
            )


def _order(shape):
    return ", ".join(" / ".join(f"<{name}>" for name in names) for names, _l, _m in shape.children)


def _misplaced(child, where, shape):
    namespace, local = _split(child.tag)
    if not namespace:
        return PackageError(
            _(
                "In cmi5.xml, the element <%(name)s> in %(owner)s has no namespace: the course "
                "structure's elements belong to %(namespace)s, extensions to a namespace of "
                "their own."
            )
            % {"name": local, "owner": where, "namespace": NAMESPACE}
        )
    return PackageError(
        _(
            "In cmi5.xml, the element <%(name)s> may not stand here in %(owner)s; the order "
            "is: %(order)s."
        )
        % {
            "name": local if namespace == NAMESPACE else child.tag,
            "owner": where,
            "order": _order(shape),
        }
    )


def _missing(names, where):
    if len(names) > 1:
        return PackageError(_("In cmi5.xml, %(owner)s holds no AU or block.") % {"owner": where})
    return PackageError(
        _("In cmi5.xml, %(owner)s lacks the element <%(name)s>.")
        % {"owner": where, "name": next(iter(names))}
    )


def _ours(child):
    return _split(child.tag)[0] == NAMESPACE


def _check_shape(element, shape, around="", depth=0):
    """Refuse ``element`` (of ``shape``) where its content or attributes break the XSD."""
    if depth > MAX_DEPTH:
        raise PackageError(_("cmi5.xml nests its elements more than %s levels deep.") % MAX_DEPTH)
    where = _describe(element, around)
    anchor = where if element.get("id") else around or where
    _check_attributes(element, shape, where)
    _check_text(element, shape, where)
    if shape.text is not False:
        return
    children = list(element)
    if shape.any_order:
        seen = {}
        for child in children:
            names = [names for names, _l, _m in shape.children if _split(child.tag)[1] in names]
            local = _split(child.tag)[1]
            if not _ours(child) or not names or local in seen:
                raise _misplaced(child, where, shape)
            seen[local] = names[0][local]
            _check_shape(child, seen[local], anchor, depth + 1)
        for names, least, _most in shape.children:
            if least and not set(names) & set(seen):
                raise _missing(names, where)
        return
    position = 0
    for index, (names, least, most) in enumerate(shape.children):
        count = 0
        while (
            position < len(children)
            and _ours(children[position])
            and _split(children[position].tag)[1] in names
            and (most is None or count < most)
        ):
            child = children[position]
            _check_shape(child, names[_split(child.tag)[1]], anchor, depth + 1)
            count += 1
            position += 1
        if count < least:
            later = {name for names, _l, _m in shape.children[index + 1 :] for name in names}
            if position < len(children) and not (
                _ours(children[position]) and _split(children[position].tag)[1] in later
            ):
                # Not a later part standing where this one should be: out of place.
                raise _misplaced(children[position], where, shape)
            raise _missing(names, where)
    for child in children[position:]:
        if _ours(child) or not _split(child.tag)[0] or not shape.extensible:
            raise _misplaced(child, where, shape)


# The values: ids, references, enumerations, numbers and URLs.


def _langstring(element, name):
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
        title = _langstring(element, "title")
        if not title:
            raise PackageError(
                _("The %(kind)s %(id)s in cmi5.xml has no title.")
                % {"kind": kind, "id": identifier}
            )
        return title


def _mastery(value, identifier):
    if value is None:
        return None
    value = value.strip()
    score = Decimal(value) if DECIMAL.fullmatch(value) else None
    if score is None or not Decimal(0) <= score <= Decimal(1):
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
    move_on = element.get("moveOn", "NotApplicable").strip()
    if move_on not in MOVE_ON:
        raise PackageError(
            _("The moveOn of the AU %(id)s must be one of %(allowed)s, not %(value)s.")
            % {"id": identifier, "allowed": ", ".join(MOVE_ON), "value": move_on}
        )
    launch_method = element.get("launchMethod", "AnyWindow").strip()
    if launch_method not in LAUNCH_METHODS:
        raise PackageError(
            _("The launchMethod of the AU %(id)s must be AnyWindow or OwnWindow, not %(value)s.")
            % {"id": identifier, "value": launch_method}
        )
    authentication = element.get("authenticationMethod", "Basic").strip()
    if authentication not in AUTHENTICATION_METHODS:
        raise PackageError(
            _("The authenticationMethod of the AU %(id)s must be Basic, not %(value)s.")
            % {"id": identifier, "value": authentication}
        )
    activity_type = element.get("activityType", "").strip()
    if activity_type and not _is_iri(activity_type):
        raise PackageError(_("The activityType of the AU %s is not an IRI.") % identifier)
    _check_references(element, objective_ids, identifier)

    def text(name):
        child = element.find(_tag(name))
        return "".join(child.itertext()).strip() if child is not None else ""

    return Unit(
        id=identifier,
        title=reader.title(element, "au", identifier),
        url=_url(element, identifier),
        move_on=move_on,
        mastery_score=_mastery(element.get("masteryScore"), identifier),
        launch_method=launch_method,
        activity_type=activity_type,
        launch_parameters=text("launchParameters"),
        entitlement_key=text("entitlementKey"),
        block_ids=tuple(blocks),
    )


def _check_references(element, objective_ids, identifier):
    holder = element.find(_tag("objectives"))
    for reference in [] if holder is None else holder.findall(_tag("objective")):
        if (reference.get("idref") or "").strip() not in objective_ids:
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
    if len(root.findall(_tag("course"))) > 1:
        raise PackageError(_("cmi5.xml must describe exactly one course."))
    _check_shape(root, STRUCTURE)
    reader = _Reader()
    course_element = root.find(_tag("course"))
    identifier = reader.identifier(course_element, "course")
    course = Course(
        id=identifier,
        title=reader.title(course_element, "course", identifier),
        description=_langstring(course_element, "description") or "",
    )
    holder = root.find(_tag("objectives"))
    for objective in [] if holder is None else holder.findall(_tag("objective")):
        course.objective_ids.append(reader.identifier(objective, "objective"))
    _walk(reader, course, root, [])
    return course
