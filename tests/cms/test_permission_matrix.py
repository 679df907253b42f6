"""Every object URL and export, for each role and for an outsider: no leak across organisations.

Two employers share the platform: Hjørring Kommune (unit "Hjemmesygeplejen Hjørring", managed by
Hanne) and Aalborg Kommune (unit "Hjemmeplejen Aalborg", with Bo). Nobody from Hjørring, and
nobody without a role, may read or change anything about Bo or his unit.
"""

import datetime
import uuid

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from learning.accounts.factories import UserFactory
from learning.competences.factories import CompetenceRecordFactory, RequirementFactory
from learning.competences.models import Competence
from learning.organisations.factories import (
    DelegationFactory,
    JobAssignmentFactory,
    ManagerScopeFactory,
    OrganisationFactory,
)
from learning.organisations.models import Sector
from learning.organisations.permissions import content_collection
from learning.progress.models import Certificate
from learning.xapi.actors import actor_for
from quizzes.factories import AttemptFactory

pytestmark = pytest.mark.django_db

DENIED = {302, 400, 403, 404, 405}
SECRET_NAME = "Bo Aalborgsen"


@pytest.fixture
def world(learner, manager, outsider):
    hjorring = OrganisationFactory(name="Hjørring Kommune", sector=Sector.MUNICIPALITY)
    home_nursing = OrganisationFactory(name="Hjemmesygeplejen Hjørring", parent=hjorring)
    aalborg = OrganisationFactory(name="Aalborg Kommune", sector=Sector.MUNICIPALITY)
    home_care = OrganisationFactory(name="Hjemmeplejen Aalborg", parent=aalborg)
    ManagerScopeFactory(manager=manager, unit=home_nursing)
    JobAssignmentFactory(user=learner, unit=home_nursing)

    bo = UserFactory(email="bo@example.org", first_name="Bo", last_name="Aalborgsen")
    aalborg_manager = UserFactory(email="aase@example.org", first_name="Aase")
    JobAssignmentFactory(user=bo, unit=home_care)
    ManagerScopeFactory(manager=aalborg_manager, unit=home_care)
    competence = Competence.objects.get(code="N3")
    requirement = RequirementFactory(unit=home_care, competence=competence)
    CompetenceRecordFactory(user=bo, competence=competence)
    delegation = DelegationFactory(unit=home_care, granted_by=aalborg_manager)
    certificate = Certificate.objects.create(
        user=bo,
        registration=uuid.uuid4(),
        title="FMK i hverdagen",
        issued_at=timezone.now(),
        valid_until=datetime.date.today() + datetime.timedelta(days=365),
    )
    attempt = AttemptFactory(user=bo, layout=[])
    return {
        "bo": bo,
        "aalborg_manager": aalborg_manager,
        "home_care": home_care,
        "requirement": requirement,
        "delegation": delegation,
        "certificate": certificate,
        "attempt": attempt,
    }


def reads(w):
    """Pages and exports about Bo or his unit, each of which must be refused to outsiders."""
    bo, unit = w["bo"], w["home_care"]
    return [
        f"/manage/staff/{bo.pk}/",
        f"/manage/requirements/{w['requirement'].pk}/",
        f"/manage/coverage/unit/{unit.pk}/people/",
        f"/manage/coverage/unit/{unit.pk}/people/export/csv/",
        f"/manage/coverage/unit/{unit.pk}/people/export/xlsx/",
        f"/manage/coverage/unit/{unit.pk}/people/export/pdf/",
        f"/manage/coverage/person/{bo.pk}/",
        f"/laering/bevis/{w['certificate'].code}.pdf",
        f"/quizzes/attempts/{w['attempt'].uuid}/",
        f"/quizzes/attempts/{w['attempt'].uuid}/result/",
    ]


def test_the_matrix_urls_are_real_bos_manager_and_bo_himself_can_open_them(client, world):
    # The positive control: without it, a mistyped URL would "refuse" everyone and prove nothing.
    urls = reads(world)
    manager_urls, own_urls = urls[:7], urls[7:]
    client.force_login(world["aalborg_manager"])
    for url in manager_urls:
        assert client.get(url).status_code == 200, url
    client.force_login(world["bo"])
    assert client.get(own_urls[0]).status_code == 200
    assert client.get(own_urls[2]).status_code in {200, 302}


@pytest.mark.parametrize("persona", ["manager", "learner", "outsider", "educator"])
def test_nobody_outside_aalborg_reads_anything_about_bo_or_his_unit(
    client, request, world, persona
):
    client.force_login(request.getfixturevalue(persona))
    for url in reads(world):
        response = client.get(url)
        assert response.status_code in DENIED, (persona, url, response.status_code)
        body = b"".join(response) if response.streaming else response.content
        assert SECRET_NAME.encode() not in body, (persona, url)


@pytest.mark.parametrize("persona", ["manager", "learner", "outsider"])
def test_nobody_outside_aalborg_changes_anything_about_bo_or_his_unit(
    client, request, world, persona
):
    client.force_login(request.getfixturevalue(persona))
    requirement, delegation, bo = world["requirement"], world["delegation"], world["bo"]
    client.post(f"/manage/requirements/{requirement.pk}/delete/")
    client.post(f"/manage/requirements/{requirement.pk}/", {"level": 3, "due_within_days": 1})
    client.post(f"/manage/delegations/{delegation.pk}/revoke/")
    client.post(f"/manage/staff/{bo.pk}/", {"competence": requirement.competence_id, "level": 3})
    requirement.refresh_from_db()
    delegation.refresh_from_db()
    assert requirement.level == 1 and requirement.due_within_days == 90
    assert delegation.revoked_at is None
    assert bo.competence_records.count() == 1


@pytest.mark.parametrize("persona", ["manager", "learner", "outsider"])
def test_the_region_view_and_content_analytics_are_for_admins_and_educators_only(
    client, request, world, persona
):
    client.force_login(request.getfixturevalue(persona))
    for url in [
        "/manage/coverage/region/",
        "/manage/coverage/region/export/csv/",
        "/quizzes/analysis/",
    ]:
        assert client.get(url).status_code in DENIED, (persona, url)


def test_a_learner_reads_no_one_elses_statements_through_the_lrs(client, world, learner):
    from learning.xapi.vocabulary import LANGUAGE  # noqa: F401  (the LRS app is loaded)

    client.force_login(learner)
    import json

    agent = json.dumps(actor_for(world["bo"]))
    response = client.get(
        "/xapi/statements", {"agent": agent}, HTTP_X_EXPERIENCE_API_VERSION="1.0.3"
    )
    assert response.status_code in {200, 403}
    if response.status_code == 200:
        assert response.json()["statements"] == []


def test_anonymous_visitors_are_sent_to_log_in_or_refused(client, world):
    for url in reads(world):
        response = client.get(url)
        assert response.status_code in DENIED, url
        assert SECRET_NAME.encode() not in response.content


# --- Content in the Wagtail admin ------------------------------------------------------------
# Every admin URL that changes content, for each role: only the owner's educators change it.
#
# Hjørring Kommune owns a course and its lessons, a quiz and its question, a video with Danish
# captions, an image and a document (``tests/content_fixtures.py``). For each kind, the test sends
# the GET and the POST a browser would send, as Lise (a Hjørring educator, the positive control:
# the same POST changes the object), and as Birgit (an Aalborg educator), Hanne (a manager) and
# Mette (a learner), and checks that for them nothing changed. The finding it guards: a Hjørring
# educator set an Aalborg quiz's pass mark to 0 and renamed the region's video.

OUTSIDERS = ["birgit", "hanne", "mette"]


@pytest.fixture
def content(hjorring, hjorring_course, lessons, hjorring_quiz, hjorring_video, hjorring_captions):
    import wagtail_factories

    collection = content_collection(hjorring)
    image = wagtail_factories.ImageFactory(title="Skærmbillede", collection=collection)
    document = wagtail_factories.DocumentFactory(title="Vejledning", collection=collection)
    return {
        "course": hjorring_course,
        "lesson": lessons[0],
        "quiz": hjorring_quiz,
        "question": hjorring_quiz.items.first().question,
        "media": hjorring_video,
        "captions": hjorring_captions,
        "image": image,
        "document": document,
    }


def course_post(course):
    return nested_form_data(
        {
            "title": "Overtaget",
            "slug": course.slug,
            "summary": course.summary,
            "estimated_minutes": course.estimated_minutes,
            "owner_organisation": course.owner_organisation_id,
            "cover_image_alt": "",
            "introduction": rich_text(""),
            "competence_links": inline_formset([]),
        }
    )


def quiz_post(quiz):
    items = [{"question": item.question_id, "id": item.pk} for item in quiz.items.all()]
    return nested_form_data(
        {
            "title": quiz.title,
            "intro": quiz.intro,
            "selection": quiz.selection,
            "draw_count": "",
            "pass_mark": 0,
            "max_attempts": "",
            "cooldown_minutes": "",
            "time_limit_minutes": "",
            "competence": "",
            "competence_level": quiz.competence_level,
            "review": quiz.review,
            "owner_organisation": quiz.owner_organisation_id,
            "items": inline_formset(items, initial=len(items)),
        }
    )


def question_post(question):
    choices = [
        {"id": c.pk, "text": c.text, "is_correct": "on" if c.is_correct else "", "feedback": ""}
        for c in question.choices.all()
    ]
    for choice in choices:
        if not choice["is_correct"]:
            del choice["is_correct"]
    return nested_form_data(
        {
            "kind": question.kind,
            "text": "Overtaget?",
            "competence": "",
            "explanation": question.explanation,
            "owner_organisation": question.owner_organisation_id,
            "choices": inline_formset(choices, initial=len(choices)),
        }
    )


def collection_member_post(obj, **extra):
    return {"title": "Overtaget", "collection": obj.collection_id, "tags": "", **extra}


def cases(c):
    """(name, edit url, POST data, how to read the changed value, the unchanged value)."""
    snippet = "wagtailsnippets_{}_{}:edit"
    return [
        (
            "course",
            reverse("wagtailadmin_pages:edit", args=[c["course"].pk]),
            {**course_post(c["course"]), "action-submit": "1"},
            lambda: Page.objects.get(pk=c["course"].pk).get_latest_revision().content["title"],
            c["course"].get_latest_revision().content["title"],
        ),
        (
            "quiz",
            reverse(snippet.format("quizzes", "quiz"), args=[c["quiz"].pk]),
            quiz_post(c["quiz"]),
            lambda: type(c["quiz"]).objects.get(pk=c["quiz"].pk).pass_mark,
            c["quiz"].pass_mark,
        ),
        (
            "question",
            reverse(snippet.format("quizzes", "question"), args=[c["question"].pk]),
            question_post(c["question"]),
            lambda: type(c["question"]).objects.get(pk=c["question"].pk).text,
            c["question"].text,
        ),
        (
            "captions",
            reverse(snippet.format("video", "captiontrack"), args=[c["captions"].pk]),
            {
                "media": c["media"].pk,
                "kind": "captions",
                "language": "da",
                "label": "Overtaget",
            },
            lambda: type(c["captions"]).objects.get(pk=c["captions"].pk).label,
            c["captions"].label,
        ),
        (
            "media",
            reverse("wagtailmedia:edit", args=[c["media"].pk]),
            collection_member_post(c["media"]),
            lambda: type(c["media"]).objects.get(pk=c["media"].pk).title,
            c["media"].title,
        ),
        (
            "image",
            reverse("wagtailimages:edit", args=[c["image"].pk]),
            collection_member_post(c["image"]),
            lambda: type(c["image"]).objects.get(pk=c["image"].pk).title,
            c["image"].title,
        ),
        (
            "document",
            reverse("wagtaildocs:edit", args=[c["document"].pk]),
            collection_member_post(c["document"]),
            lambda: type(c["document"]).objects.get(pk=c["document"].pk).title,
            c["document"].title,
        ),
    ]


def deletions(c):
    """(name, delete url, does the object still exist?)."""
    snippet = "wagtailsnippets_{}_{}:delete"
    exists = {
        name: (lambda obj: lambda: type(obj).objects.filter(pk=obj.pk).exists())(c[name])
        for name in ["lesson", "quiz", "question", "captions", "media", "image", "document"]
    }
    return [
        ("lesson", reverse("wagtailadmin_pages:delete", args=[c["lesson"].pk]), exists["lesson"]),
        (
            "captions",
            reverse(snippet.format("video", "captiontrack"), args=[c["captions"].pk]),
            exists["captions"],
        ),
        ("media", reverse("wagtailmedia:delete", args=[c["media"].pk]), exists["media"]),
        ("image", reverse("wagtailimages:delete", args=[c["image"].pk]), exists["image"]),
        ("document", reverse("wagtaildocs:delete", args=[c["document"].pk]), exists["document"]),
        (
            "question",
            reverse(snippet.format("quizzes", "question"), args=[c["question"].pk]),
            exists["question"],
        ),
    ]


def test_the_owners_educator_opens_and_changes_every_kind(client, lise, content):
    # The positive control: the same requests, from an educator of the owner, do change things.
    client.force_login(lise)
    for name, url, data, read, before in cases(content):
        assert client.get(url).status_code == 200, name
        response = client.post(url, data)
        assert response.status_code in {200, 302}, name
        assert read() != before, (name, response.content[:3000])


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_nobody_outside_the_owner_opens_or_changes_any_kind(client, request, content, persona):
    client.force_login(request.getfixturevalue(persona))
    for name, url, data, read, before in cases(content):
        assert client.get(url).status_code in {302, 403, 404}, (persona, name)
        client.post(url, data)
        assert read() == before, (persona, name)


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_nobody_outside_the_owner_deletes_anything(client, request, content, persona):
    client.force_login(request.getfixturevalue(persona))
    for name, url, exists in deletions(content):
        client.post(url)
        assert exists(), (persona, name)


def test_only_the_owners_educator_adds_captions_to_the_owners_video(client, birgit, lise, content):
    from learning.video.models import CaptionTrack

    url = reverse("wagtailsnippets_video_captiontrack:add")

    def post_english_captions():
        vtt = ContentFile(b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello.\n", name="en.vtt")
        data = {"media": content["media"].pk, "kind": "captions", "language": "en", "file": vtt}
        return client.post(url, data)

    client.force_login(birgit)
    post_english_captions()
    assert not CaptionTrack.objects.filter(language="en").exists()
    client.force_login(lise)
    post_english_captions()
    assert CaptionTrack.objects.filter(language="en", media=content["media"]).exists()


def test_no_educator_renames_the_regions_shared_video(client, lise, admin_user):
    from wagtailmedia.models import Media

    video = Media.objects.create(
        title="Regionens video", type="video", file=ContentFile(b"\x00", name="region.mp4")
    )
    url = reverse("wagtailmedia:edit", args=[video.pk])
    client.force_login(lise)
    client.post(url, collection_member_post(video))
    video.refresh_from_db()
    assert video.title == "Regionens video"
    client.force_login(admin_user)
    client.post(url, collection_member_post(video))
    video.refresh_from_db()
    assert video.title == "Overtaget"


def test_an_outside_educator_reads_and_copies_the_quiz(client, birgit, content):
    client.force_login(birgit)
    copy = reverse("wagtailsnippets_quizzes_quiz:copy", args=[content["quiz"].pk])
    assert client.get(copy).status_code == 200
    assert client.get(content["course"].url).status_code == 200
