"""Every rule of the cmi5 course structure XSD (cmi5 spec §13.2), enforced by code.

One valid ``cmi5.xml`` holds every element and attribute the XSD defines. Each refused variant
changes one thing in it, breaking one rule of the XSD (or of the spec's text, §13.1), and must
be refused through the real upload with its Danish message and nothing stored. The accepted
variants are what the XSD allows and a strict reader might wrongly refuse: extensions in another
namespace, optional parts left out, any order where the XSD says xs:all, whitespace.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from learning.packages import upload
from learning.packages.errors import PackageError
from learning.packages.models import AssignableUnit, Package

from .builders import NS, zip_bytes

pytestmark = pytest.mark.django_db

EXT = "https://example.org/leverandoer/udvidelse"
COURSE = "https://example.org/kurser/forflytning"
OBJECTIVE = "https://example.org/maal/ergonomi"
BLOCK = "https://example.org/kurser/forflytning/blok/1"
AU = "https://example.org/kurser/forflytning/au/1"
AU_URL = "https://kursus.example.org/forflytning/start.html"


def text(name, value, lang=' lang="da-DK"'):
    return f"<{name}><langstring{lang}>{value}</langstring></{name}>"


AU_ELEMENT = (
    f'<au id="{AU}" moveOn="CompletedAndPassed" masteryScore="0.8" launchMethod="AnyWindow" '
    f'authenticationMethod="Basic" activityType="http://adlnet.gov/expapi/activities/lesson">'
    f"{text('title', 'Forflytning med lift')}{text('description', 'Om lift')}"
    f'<objectives><objective idref="{OBJECTIVE}"/></objectives>'
    f"<url>{AU_URL}</url><launchParameters>niveau=1</launchParameters>"
    f"<entitlementKey>nøgle-1</entitlementKey></au>"
)
OBJECTIVES = (
    f'<objectives><objective id="{OBJECTIVE}">{text("title", "Ergonomi")}'
    f"{text('description', 'Skån ryggen')}</objective></objectives>"
)
BLOCK_ELEMENT = (
    f'<block id="{BLOCK}">{text("title", "Blok 1")}{text("description", "Første blok")}'
    f'<objectives><objective idref="{OBJECTIVE}"/></objectives>{AU_ELEMENT}</block>'
)
VALID = (
    f'<?xml version="1.0" encoding="utf-8"?><courseStructure xmlns="{NS}" xmlns:x="{EXT}">'
    f'<course id="{COURSE}">{text("title", "Forflytning")}{text("description", "Om kurset")}'
    f"</course>{OBJECTIVES}{BLOCK_ELEMENT}</courseStructure>"
)


def variant(old, new):
    """VALID with the first ``old`` replaced by ``new`` (``old`` must be in it)."""
    assert old in VALID, old
    return VALID.replace(old, new, 1)


def as_zip(xml):
    return SimpleUploadedFile("pakke.zip", zip_bytes({"cmi5.xml": xml, "index.html": "<p>"}))


COURSE_TITLE = text("title", "Forflytning")
COURSE_DESCRIPTION = text("description", "Om kurset")
AU_TITLE = text("title", "Forflytning med lift")
AU_DESCRIPTION = text("description", "Om lift")
AU_REFERENCES = f'<objectives><objective idref="{OBJECTIVE}"/></objectives>'
AU_URL_ELEMENT = f"<url>{AU_URL}</url>"
OBJECTIVE_TITLE = text("title", "Ergonomi")
OBJECTIVE_DESCRIPTION = text("description", "Skån ryggen")
BLOCK_HEAD = f'<block id="{BLOCK}">{text("title", "Blok 1")}{text("description", "Første blok")}'

# (id, the rule it breaks, the cmi5.xml, a part of the Danish message naming the problem)
REFUSED = [
    # Not the XSD's: blocks nested beyond any real course (reading them recurses).
    (
        "blocks-nested-too-deep",
        variant(
            BLOCK_ELEMENT,
            "".join(
                f'<block id="{BLOCK}/{n}">{text("title", "b")}{text("description", "b")}'
                for n in range(120)
            )
            + AU_ELEMENT
            + "</block>" * 120,
        ),
        "mere end 100 niveauer",
    ),
    # Root and namespace (§13.2: targetNamespace, root element courseStructure).
    (
        "root-in-another-namespace",
        variant(f'xmlns="{NS}"', 'xmlns="http://www.adlnet.gov/cmi5/CourseStructure.xsd"'),
        "rodelementet courseStructure i navnerummet",
    ),
    ("root-not-courseStructure", VALID.replace("courseStructure", "course"), "rodelementet"),
    # courseType: course, objectives?, (au | block)+, in this order.
    (
        "no-course",
        variant(f'<course id="{COURSE}">{COURSE_TITLE}{COURSE_DESCRIPTION}</course>', ""),
        "mangler <courseStructure> elementet <course>",
    ),
    (
        "two-courses",
        variant(
            "</course>",
            f'</course><course id="{COURSE}/2">{COURSE_TITLE}{COURSE_DESCRIPTION}</course>',
        ),
        "præcis ét kursus",
    ),
    (
        "objectives-after-the-units",
        variant(OBJECTIVES, "").replace("</courseStructure>", f"{OBJECTIVES}</courseStructure>"),
        "må elementet <objectives> ikke stå her",
    ),
    (
        "no-au-or-block",
        variant(BLOCK_ELEMENT, ""),
        "har <courseStructure> hverken en AU eller en blok",
    ),
    (
        "unknown-cmi5-element",
        variant("</courseStructure>", "<lesson/></courseStructure>"),
        "må elementet <lesson> ikke stå her i <courseStructure>; rækkefølgen er: <course>",
    ),
    (
        "element-without-namespace",
        variant("</courseStructure>", '<note xmlns="">x</note></courseStructure>'),
        "har elementet <note> i <courseStructure> intet navnerum",
    ),
    (
        "extension-before-the-units",
        variant(OBJECTIVES, f"{OBJECTIVES}<x:note/>"),
        f"må elementet <{{{EXT}}}note> ikke stå her i <courseStructure>",
    ),
    (
        "text-in-element-only-content",
        variant("</course>", "</course>løs tekst"),
        "har <courseStructure> tekst uden for sine elementer: løs tekst",
    ),
    # course: title, description; id required (anyURI; the spec: an IRI, §13.1.1).
    (
        "course-without-description",
        variant(COURSE_DESCRIPTION + "</course>", "</course>"),
        f'mangler <course id="{COURSE}"> elementet <description>',
    ),
    (
        "course-description-before-title",
        variant(COURSE_TITLE + COURSE_DESCRIPTION, COURSE_DESCRIPTION + COURSE_TITLE),
        f'mangler <course id="{COURSE}"> elementet <title>',
    ),
    (
        "course-without-id",
        variant(f'<course id="{COURSE}">', "<course>"),
        "Et course-element i cmi5.xml har intet id",
    ),
    (
        "course-id-not-an-iri",
        variant(f'<course id="{COURSE}">', '<course id="kursus 1">'),
        "er ikke en IRI: kursus 1",
    ),
    (
        "course-unknown-attribute",
        variant(f'<course id="{COURSE}">', f'<course id="{COURSE}" lang="da">'),
        f'har <course id="{COURSE}"> egenskaben lang, som kursusstrukturen ikke definerer',
    ),
    (
        "attribute-in-the-cmi5-namespace",
        variant(f'<course id="{COURSE}">', f'<course xmlns:c="{NS}" id="{COURSE}" c:level="1">'),
        f"egenskaben {{{NS}}}level",
    ),
    ("course-title-empty", variant(COURSE_TITLE, text("title", " ")), "har ingen titel"),
    # textType: langstring+ (text only, lang an xs:language), then extensions.
    (
        "title-without-langstring",
        variant(COURSE_TITLE, "<title></title>"),
        "mangler <title> i <course",
    ),
    (
        "title-as-plain-text",
        variant(COURSE_TITLE, "<title>Forflytning</title>"),
        "tekst uden for sine elementer: Forflytning",
    ),
    (
        "langstring-holding-an-element",
        variant(">Forflytning</langstring>", "><b>Forflytning</b></langstring>"),
        "kun indeholde tekst, ikke elementet <b>",
    ),
    (
        "lang-not-a-language-code",
        variant('lang="da-DK">Forflytning<', 'lang="dansk sprog">Forflytning<'),
        "ikke en sprogkode: dansk sprog",
    ),
    # objectivesType: objective+ with title and description (xs:all), id; nothing else.
    ("objectives-empty", variant(OBJECTIVES, "<objectives/>"), "elementet <objective>"),
    (
        "objective-without-description",
        variant(OBJECTIVE_DESCRIPTION + "</objective>", "</objective>"),
        f'mangler <objective id="{OBJECTIVE}"> elementet <description>',
    ),
    (
        "objective-with-two-titles",
        variant(OBJECTIVE_TITLE, OBJECTIVE_TITLE * 2),
        f'må elementet <title> ikke stå her i <objective id="{OBJECTIVE}">',
    ),
    (
        "objective-with-an-extension",
        variant(
            OBJECTIVE_DESCRIPTION + "</objective>", OBJECTIVE_DESCRIPTION + "<x:note/></objective>"
        ),
        f'<objective id="{OBJECTIVE}">',
    ),
    (
        "objective-with-a-foreign-attribute",
        variant(f'<objective id="{OBJECTIVE}">', f'<objective id="{OBJECTIVE}" x:level="1">'),
        "som kursusstrukturen ikke definerer",
    ),
    (
        "objective-without-id",
        variant(f'<objective id="{OBJECTIVE}">', "<objective>"),
        "har intet id",
    ),
    (
        "objective-id-twice",
        variant(f'<objective id="{OBJECTIVE}">', f'<objective id="{COURSE}">'),
        f"Id'et {COURSE} bruges mere end én gang",
    ),
    # blockType: title, description, objectives?, (au | block)+; id.
    (
        "block-without-units",
        variant(AU_ELEMENT, ""),
        f'har <block id="{BLOCK}"> hverken en AU eller en blok',
    ),
    (
        "block-without-title",
        variant(BLOCK_HEAD, f'<block id="{BLOCK}">{text("description", "x")}'),
        f'mangler <block id="{BLOCK}"> elementet <title>',
    ),
    (
        "block-id-is-the-au-id",
        variant(f'<block id="{BLOCK}">', f'<block id="{AU}">'),
        "bruges mere end én gang",
    ),
    (
        "block-refers-to-an-unknown-objective",
        variant(
            f'<objectives><objective idref="{OBJECTIVE}"/>',
            '<objectives><objective idref="https://example.org/maal/ukendt"/>',
        ),
        "https://example.org/maal/ukendt",
    ),
    (
        "objective-reference-with-content",
        variant(
            f'<objective idref="{OBJECTIVE}"/>',
            f'<objective idref="{OBJECTIVE}">{OBJECTIVE_TITLE}</objective>',
        ),
        "må elementet <title> ikke stå her",
    ),
    (
        "objective-references-empty",
        variant(AU_REFERENCES + AU_URL_ELEMENT, "<objectives/>" + AU_URL_ELEMENT),
        "elementet <objective>",
    ),
    # auType: title, description, objectives?, url, launchParameters?, entitlementKey?.
    (
        "au-without-description",
        variant(AU_TITLE + AU_DESCRIPTION, AU_TITLE),
        f'mangler <au id="{AU}"> elementet <description>',
    ),
    ("au-without-url", variant(AU_URL_ELEMENT, ""), f'mangler <au id="{AU}"> elementet <url>'),
    (
        "au-url-before-objectives",
        variant(AU_REFERENCES + AU_URL_ELEMENT, AU_URL_ELEMENT + AU_REFERENCES),
        f'må elementet <objectives> ikke stå her i <au id="{AU}">',
    ),
    (
        "au-with-two-urls",
        variant(AU_URL_ELEMENT, AU_URL_ELEMENT * 2),
        "må elementet <url> ikke stå her",
    ),
    (
        "au-entitlement-before-parameters",
        variant(
            "<launchParameters>niveau=1</launchParameters><entitlementKey>nøgle-1</entitlementKey>",
            "<entitlementKey>nøgle-1</entitlementKey><launchParameters>niveau=1</launchParameters>",
        ),
        "må elementet <launchParameters> ikke stå her",
    ),
    ("au-url-empty", variant(AU_URL_ELEMENT, "<url> </url>"), "har ingen url"),
    (
        "au-url-holding-an-element",
        variant(AU_URL_ELEMENT, f"<url><x:a>{AU_URL}</x:a></url>"),
        f'<url> i <au id="{AU}"> kun indeholde tekst',
    ),
    (
        "au-url-with-a-foreign-attribute",
        variant(AU_URL_ELEMENT, f'<url x:kind="web">{AU_URL}</url>'),
        "som kursusstrukturen ikke definerer",
    ),
    (
        "au-title-empty",
        variant(AU_TITLE, text("title", "")),
        f"au-elementet {AU} i cmi5.xml har ingen titel",
    ),
    (
        "au-unknown-attribute",
        variant('launchMethod="AnyWindow"', 'launchMethod="AnyWindow" window="new"'),
        f'<au id="{AU}"> egenskaben window',
    ),
    ("au-id-not-an-iri", variant(f'<au id="{AU}"', '<au id="au/1"'), "er ikke en IRI: au/1"),
    ("au-without-id", variant(f'<au id="{AU}"', "<au"), "Et au-element i cmi5.xml har intet id"),
    (
        "moveOn-not-in-the-enumeration",
        variant('moveOn="CompletedAndPassed"', 'moveOn="Viewed"'),
        "moveOn for AU'en",
    ),
    (
        "launchMethod-not-in-the-enumeration",
        variant('launchMethod="AnyWindow"', 'launchMethod="Popup"'),
        "launchMethod for AU'en",
    ),
    (
        "authenticationMethod-not-Basic",
        variant('authenticationMethod="Basic"', 'authenticationMethod="OAuth"'),
        "authenticationMethod for AU'en",
    ),
    (
        "activityType-not-an-iri",
        variant(
            'activityType="http://adlnet.gov/expapi/activities/lesson"', 'activityType="lesson"'
        ),
        "activityType for AU'en",
    ),
    (
        "masteryScore-above-1",
        variant('masteryScore="0.8"', 'masteryScore="1.5"'),
        "et tal fra 0 til 1",
    ),
    (
        "masteryScore-below-0",
        variant('masteryScore="0.8"', 'masteryScore="-0.1"'),
        "et tal fra 0 til 1",
    ),
    (
        "masteryScore-exponent-not-xs-decimal",
        variant('masteryScore="0.8"', 'masteryScore="8E-1"'),
        "ikke 8E-1",
    ),
    ("masteryScore-nan", variant('masteryScore="0.8"', 'masteryScore="NaN"'), "ikke NaN"),
    ("masteryScore-comma", variant('masteryScore="0.8"', 'masteryScore="0,8"'), "ikke 0,8"),
    (
        "au-refers-to-an-unknown-objective",
        variant(
            AU_REFERENCES + AU_URL_ELEMENT,
            '<objectives><objective idref="x:y"/></objectives>' + AU_URL_ELEMENT,
        ),
        f"{AU} henviser til et mål, som kurset ikke definerer: x:y",
    ),
    # url (§13.1.4, §14, §8.1).
    (
        "url-not-a-web-address",
        variant(AU_URL_ELEMENT, "<url>javascript:alert(1)</url>"),
        "ikke en webadresse",
    ),
    (
        "url-leaves-the-package",
        variant(AU_URL_ELEMENT, "<url>../index.html</url>"),
        "skal blive inden for pakken: ../index.html",
    ),
    (
        "url-holds-a-launch-parameter",
        variant(AU_URL_ELEMENT, f"<url>{AU_URL}?registration=1</url>"),
        "startparameteren registration",
    ),
]


def nothing_stored(package_root):
    assert not Package.objects.exists()
    assert not AssignableUnit.objects.exists()
    assert not package_root.exists() or not any(package_root.iterdir())


@pytest.mark.parametrize(("xml", "message"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_a_cmi5_xml_breaking_a_rule_of_the_xsd_is_refused_naming_it(xml, message, package_root):
    with translation.override("da"), pytest.raises(PackageError) as caught:
        upload.import_package(as_zip(xml))
    assert message in caught.value.message
    nothing_stored(package_root)


ACCEPTED = [
    ("every-element-and-attribute", VALID, 1),
    (
        "optional-parts-left-out",
        f'<courseStructure xmlns="{NS}"><course id="{COURSE}">{COURSE_TITLE}{COURSE_DESCRIPTION}'
        f'</course><au id="{AU}">{AU_TITLE}{AU_DESCRIPTION}<url>index.html</url></au>'
        f"</courseStructure>",
        1,
    ),
    (
        "extensions-in-another-namespace",
        variant(
            f'xmlns="{NS}"',
            f'xmlns="{NS}" x:version="2" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            f'xsi:schemaLocation="{NS} CourseStructure.xsd"',
        )
        .replace(
            COURSE_DESCRIPTION + "</course>",
            COURSE_DESCRIPTION + "<x:owner>Region</x:owner></course>",
        )
        .replace("</entitlementKey></au>", "</entitlementKey><x:minutes>20</x:minutes><x:a/></au>")
        .replace(f'<au id="{AU}"', f'<au x:device="mobil" id="{AU}"')
        .replace(
            '<langstring lang="da-DK">Ergonomi', '<langstring x:tone="venlig" lang="da-DK">Ergonomi'
        )
        .replace("</au></block>", "</au><x:note>blok</x:note></block>")
        .replace(
            "</block></courseStructure>", "</block><x:after><lesson/></x:after></courseStructure>"
        )
        .replace("</langstring></title></course>", "</langstring><x:alt/></title></course>"),
        1,
    ),
    (
        "objective-parts-in-any-order",
        variant(OBJECTIVE_TITLE + OBJECTIVE_DESCRIPTION, OBJECTIVE_DESCRIPTION + OBJECTIVE_TITLE),
        1,
    ),
    (
        "nested-blocks-and-units-side-by-side",
        variant(
            BLOCK_ELEMENT,
            f'{BLOCK_HEAD}<block id="{BLOCK}/a">{text("title", "a")}'
            f"{text('description', 'a')}{AU_ELEMENT}</block></block>"
            + AU_ELEMENT.replace(AU, AU + "/2"),
        ),
        2,
    ),
    (
        "whitespace-around-values-and-comments",
        variant('masteryScore="0.8"', 'masteryScore=" .8 "')
        .replace('moveOn="CompletedAndPassed"', 'moveOn=" Passed"')
        .replace(AU_URL_ELEMENT, f"<!-- start --><url>\n    {AU_URL}\n  </url>"),
        1,
    ),
    (
        "empty-and-unlabelled-objective-langstrings",
        variant(OBJECTIVE_TITLE, "<title><langstring></langstring></title>").replace(
            OBJECTIVE_DESCRIPTION,
            "<description><langstring/><langstring>Ryg</langstring></description>",
        ),
        1,
    ),
    ("mastery-score-one", variant('masteryScore="0.8"', 'masteryScore="1.0000"'), 1),
    (
        "launch-parameters-and-entitlement-key-hold-anything",
        variant(
            "<launchParameters>niveau=1</launchParameters>",
            '<launchParameters format="json">{"niveau": 1}<x:note/></launchParameters>',
        ),
        1,
    ),
]


@pytest.mark.parametrize(("xml", "units"), [a[1:] for a in ACCEPTED], ids=[a[0] for a in ACCEPTED])
def test_a_cmi5_xml_the_xsd_allows_is_accepted(xml, units, package_root):
    package = upload.import_package(as_zip(xml))
    assert package.units.count() == units
    assert package.units.first().title == "Forflytning med lift"
