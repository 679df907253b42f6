"""The catalogue page through the test client: each filter, search over titles, summaries and
video transcripts, and the "Required for me" badge."""

import pytest
from bs4 import BeautifulSoup

from cms.factories import CoursePageFactory, VideoGuidePageFactory
from learning.competences.factories import CompetenceRecordFactory, RequirementFactory
from learning.competences.models import Competence
from learning.organisations.factories import (
    JobAssignmentFactory,
    JobRoleFactory,
    OrganisationFactory,
)
from learning.organisations.models import Sector

pytestmark = pytest.mark.django_db

FMK = "FMK i hverdagen"
KM = "Korrespondancemeddelelsen"
VDX = "Videomøde i VDX"
TRANSCRIPT = (
    "WEBVTT\n\n00:00.000 --> 00:04.000\nTryk på kameraknappen for at starte mødet.\n\n"
    "00:04.000 --> 00:08.000\nInviter borgeren med et link.\n"
)


def _award(page, code, level):
    from cms.models import CourseCompetence, CoursePage, VideoGuideCompetence

    link = CourseCompetence if isinstance(page, CoursePage) else VideoGuideCompetence
    link.objects.create(page=page, competence=Competence.objects.get(code=code), level=level)


@pytest.fixture
def nurse_role():
    return JobRoleFactory(code="SYG", name="Sygeplejerske")


@pytest.fixture
def entries(catalogue, nurse_role):
    """A municipal nurses' FMK course (20 min), a KM course for everyone (8 min) and a doctors'
    video guide for the region (3 min) whose captions mention the camera button."""
    from learning.video.factories import CaptionTrackFactory, VideoFactory

    doctor = JobRoleFactory(code="LAEGE", name="Læge")
    fmk = CoursePageFactory(
        parent=catalogue,
        title=FMK,
        estimated_minutes=20,
        target_sectors=[Sector.MUNICIPALITY],
        summary="Slå op og afstem medicinkortet på tværs af sektorer.",
    )
    fmk.target_roles.set([nurse_role])
    fmk.save()
    _award(fmk, "N3", 2)
    km = CoursePageFactory(
        parent=catalogue,
        title=KM,
        estimated_minutes=8,
        summary="Skriv en god besked til egen læge.",
    )
    _award(km, "N2", 1)
    media = VideoFactory(title="VDX")
    CaptionTrackFactory(media=media, file__data=TRANSCRIPT.encode())
    vdx = VideoGuidePageFactory(
        parent=catalogue,
        title=VDX,
        estimated_minutes=3,
        video=media,
        target_sectors=[Sector.REGION],
        summary="Kort om video.",
    )
    vdx.target_roles.set([doctor])
    vdx.save()
    _award(vdx, "N5", 2)
    return {"fmk": fmk, "km": km, "vdx": vdx, "doctor": doctor}


def titles(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".card__title a")]


def required_titles(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [
        card.select_one(".card__title a").get_text(strip=True)
        for card in soup.select(".card")
        if card.select_one(".badge--required")
    ]


def test_without_filters_the_catalogue_lists_everything_by_title(client, catalogue, entries):
    assert titles(client.get(catalogue.url)) == [FMK, KM, VDX]


def test_the_sector_filter_keeps_pages_for_that_sector_and_for_every_sector(
    client, catalogue, entries
):
    assert titles(client.get(catalogue.url, {"sector": Sector.REGION})) == [KM, VDX]


def test_the_role_filter_keeps_pages_for_that_role_and_for_every_role(
    client, catalogue, entries, nurse_role
):
    assert titles(client.get(catalogue.url, {"role": nurse_role.pk})) == [FMK, KM]


def test_the_competence_filter_keeps_pages_that_award_it(client, catalogue, entries):
    assert titles(client.get(catalogue.url, {"competence": "N3"})) == [FMK]


def test_the_format_filter_separates_courses_from_video_guides(client, catalogue, entries):
    assert titles(client.get(catalogue.url, {"format": "video"})) == [VDX]
    assert titles(client.get(catalogue.url, {"format": "course"})) == [FMK, KM]


def test_the_length_filter_keeps_pages_of_that_length(client, catalogue, entries):
    assert titles(client.get(catalogue.url, {"length": "short"})) == [KM, VDX]
    assert titles(client.get(catalogue.url, {"length": "medium"})) == [FMK]


def test_filters_combine(client, catalogue, entries, nurse_role):
    response = client.get(catalogue.url, {"role": nurse_role.pk, "length": "short"})
    assert titles(response) == [KM]


def test_search_finds_words_in_the_title(client, catalogue, entries):
    assert titles(client.get(catalogue.url, {"q": "korrespondancemeddelelsen"})) == [KM]


def test_search_finds_words_in_the_summary(client, catalogue, entries):
    assert titles(client.get(catalogue.url, {"q": "medicinkortet"})) == [FMK]


def test_search_finds_words_spoken_in_a_video_guide(client, catalogue, entries):
    assert titles(client.get(catalogue.url, {"q": "kameraknappen"})) == [VDX]


def test_search_with_no_match_says_so(client, catalogue, entries):
    response = client.get(catalogue.url, {"q": "hjertestarter"})
    assert titles(response) == []
    assert 'class="cards"' not in response.content.decode()


def test_unknown_filter_values_are_ignored_not_an_error(client, catalogue, entries):
    response = client.get(
        catalogue.url, {"sector": "mars", "role": "x", "competence": "ZZ", "length": "forever"}
    )
    assert titles(response) == [FMK, KM, VDX]


def test_the_catalogue_only_lists_live_pages(client, catalogue, entries):
    entries["km"].unpublish()
    assert KM not in titles(client.get(catalogue.url))


@pytest.fixture
def nurse_with_fmk_requirement(learner, nurse_role):
    """Mette works in a home-care unit that requires FMK (N3) at level 2 of nurses."""
    unit = OrganisationFactory(name="Hjemmesygeplejen")
    JobAssignmentFactory(user=learner, unit=unit, role=nurse_role)
    RequirementFactory(
        unit=unit, role=nurse_role, competence=Competence.objects.get(code="N3"), level=2
    )
    return learner


def test_a_page_awarding_an_open_requirement_is_required_for_me_and_listed_first(
    client, catalogue, entries, nurse_with_fmk_requirement
):
    client.force_login(nurse_with_fmk_requirement)
    response = client.get(catalogue.url, {"sector": Sector.MUNICIPALITY})
    assert required_titles(response) == [FMK]
    assert titles(response)[0] == FMK


def test_the_course_page_shows_the_badge_too(client, entries, nurse_with_fmk_requirement):
    client.force_login(nurse_with_fmk_requirement)
    assert "badge--required" in client.get(entries["fmk"].url).content.decode()
    assert "badge--required" not in client.get(entries["km"].url).content.decode()


def test_a_page_awarding_too_low_a_level_is_not_required(
    client, catalogue, entries, learner, nurse_role
):
    unit = OrganisationFactory()
    JobAssignmentFactory(user=learner, unit=unit, role=nurse_role)
    RequirementFactory(unit=unit, competence=Competence.objects.get(code="N2"), level=2)
    client.force_login(learner)
    assert required_titles(client.get(catalogue.url)) == []  # KM awards N2 only at level 1


def test_a_met_requirement_shows_no_badge(client, catalogue, entries, nurse_with_fmk_requirement):
    CompetenceRecordFactory(
        user=nurse_with_fmk_requirement, competence=Competence.objects.get(code="N3"), level=2
    )
    client.force_login(nurse_with_fmk_requirement)
    assert required_titles(client.get(catalogue.url)) == []


def test_someone_elses_requirement_shows_no_badge(
    client, catalogue, entries, outsider, nurse_with_fmk_requirement
):
    client.force_login(outsider)
    assert required_titles(client.get(catalogue.url)) == []


def test_a_visitor_sees_the_catalogue_without_badges(
    client, catalogue, entries, nurse_with_fmk_requirement
):
    response = client.get(catalogue.url)
    assert titles(response) == [FMK, KM, VDX]
    assert required_titles(response) == []


@pytest.mark.parametrize(
    "query",
    ["Korrespondance", "korrespondance", "meddelelse", "Videom", "medicinkort", "kamera"],
)
def test_search_finds_prefixes_and_parts_of_danish_compounds(client, catalogue, entries, query):
    expected = {
        "korrespondance": [KM],
        "meddelelse": [KM],
        "videom": [VDX],
        "medicinkort": [FMK],
        "kamera": [VDX],
    }[query.lower()]
    assert titles(client.get(catalogue.url, {"q": query})) == expected


def test_search_needs_every_word(client, catalogue, entries):
    assert titles(client.get(catalogue.url, {"q": "medicinkort kamera"})) == []
