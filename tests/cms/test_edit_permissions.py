"""Owning organisations in the Wagtail admin: educators of the owner edit a course, its lessons
and a video guide; educators of another organisation cannot change them, but everyone reads
them. New content belongs to the author's employer."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.factories import VideoGuidePageFactory
from cms.models import CoursePage, LessonPage
from learning.accounts.factories import UserFactory
from learning.organisations.factories import JobAssignmentFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def aalborg():
    return OrganisationFactory(name="Aalborg Kommune")


@pytest.fixture
def owned_course(course, aalborg):
    course.owner_organisation = aalborg
    course.save_revision().publish()
    return course


@pytest.fixture
def own_educator(educator, aalborg):
    """Jesper works for Aalborg Kommune, which owns the course."""
    JobAssignmentFactory(user=educator, unit=OrganisationFactory(parent=aalborg))
    return educator


@pytest.fixture
def other_educator(db):
    """An educator employed by Hjørring Kommune."""
    user = UserFactory(email="lise@example.org")
    user.groups.add(Group.objects.get(name="Editors"))
    JobAssignmentFactory(user=user, unit=OrganisationFactory(name="Hjørring Kommune"))
    return user


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def refused(response):
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_an_educator_of_the_owner_opens_the_course_for_editing(client, own_educator, owned_course):
    client.force_login(own_educator)
    assert client.get(edit_url(owned_course)).status_code == 200


def test_an_educator_of_another_organisation_cannot_open_the_course(
    client, other_educator, owned_course
):
    client.force_login(other_educator)
    assert refused(client.get(edit_url(owned_course)))


def test_an_educator_of_another_organisation_cannot_save_changes(
    client, other_educator, owned_course
):
    client.force_login(other_educator)
    response = client.post(edit_url(owned_course), {"title": "Overtaget", "slug": "overtaget"})
    assert refused(response)
    owned_course.refresh_from_db()
    assert owned_course.title == "FMK i hverdagen"


def test_lessons_belong_to_their_courses_owner(
    client, own_educator, other_educator, owned_course, lessons
):
    client.force_login(other_educator)
    assert refused(client.get(edit_url(lessons[0])))
    client.force_login(own_educator)
    assert client.get(edit_url(lessons[0])).status_code == 200


def test_an_educator_of_another_organisation_cannot_add_a_lesson(
    client, other_educator, owned_course
):
    client.force_login(other_educator)
    url = reverse("wagtailadmin_pages:add", args=["cms", "lessonpage", owned_course.pk])
    assert refused(client.get(url))


def test_a_video_guide_is_guarded_the_same_way(
    client, own_educator, other_educator, catalogue, aalborg
):
    guide = VideoGuidePageFactory(parent=catalogue, owner_organisation=aalborg)
    client.force_login(other_educator)
    assert refused(client.get(edit_url(guide)))
    client.force_login(own_educator)
    assert client.get(edit_url(guide)).status_code == 200


def test_deleting_a_lesson_is_for_the_owners_educators_only(
    client, own_educator, other_educator, owned_course, lessons
):
    # Wagtail itself lets editors delete a live leaf page only with publish permission.
    GroupPagePermission.objects.create(
        group=Group.objects.get(name="Editors"),
        page=Page.get_first_root_node(),
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="publish_page"
        ),
    )
    url = reverse("wagtailadmin_pages:delete", args=[lessons[0].pk])
    client.force_login(other_educator)
    assert refused(client.post(url))
    assert Page.objects.filter(pk=lessons[0].pk).exists()
    client.force_login(own_educator)
    client.post(url)
    assert not Page.objects.filter(pk=lessons[0].pk).exists()


def test_everyone_may_read_the_course(client, other_educator, outsider, owned_course):
    client.force_login(outsider)
    assert client.get(owned_course.url).status_code == 200


def test_a_new_course_defaults_to_the_authors_employer(client, own_educator, catalogue, aalborg):
    client.force_login(own_educator)
    url = reverse("wagtailadmin_pages:add", args=["cms", "coursepage", catalogue.pk])
    form = client.get(url).context["form"]
    assert form.initial["owner_organisation"] == aalborg.pk
    assert list(form.fields["owner_organisation"].queryset) == [aalborg]


def test_a_new_course_saved_without_an_owner_still_gets_the_employer(
    client, own_educator, catalogue, aalborg
):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    client.force_login(own_educator)
    url = reverse("wagtailadmin_pages:add", args=["cms", "coursepage", catalogue.pk])
    client.post(
        url,
        nested_form_data(
            {
                "title": "Nyt kursus",
                "slug": "nyt-kursus",
                "summary": "Kort.",
                "estimated_minutes": 10,
                "owner_organisation": "",
                "cover_image_alt": "",
                "introduction": rich_text(""),
                "competence_links": inline_formset([]),
            }
        ),
    )
    assert CoursePage.objects.get(title="Nyt kursus").owner_organisation == aalborg


def test_a_lesson_written_under_an_owned_course_is_saved(client, own_educator, owned_course):
    client.force_login(own_educator)
    add_url = reverse("wagtailadmin_pages:add", args=["cms", "lessonpage", owned_course.pk])
    data = nested_form_data(
        {
            "title": "Ekstra",
            "slug": "ekstra",
            "introduction": "Et kort overblik.",
            "estimated_minutes": 5,
            "required": "on",
            "body": streamfield([("text", rich_text("<p>Sådan gør du.</p>"))]),
        }
    )

    response = client.post(add_url, data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    lesson = LessonPage.objects.child_of(owned_course).get(slug="ekstra")
    assert [block.block_type for block in lesson.body] == ["text"]
    assert lesson.owner == own_educator


def test_the_explorer_shows_other_organisations_pages_without_edit_links(
    client, own_educator, other_educator, owned_course, catalogue
):
    explorer = reverse("wagtailadmin_explore", args=[catalogue.pk])
    client.force_login(other_educator)
    body = client.get(explorer).content.decode()
    assert owned_course.title in body  # read, preview and copy stay open
    assert edit_url(owned_course) not in body
    client.force_login(own_educator)
    assert edit_url(owned_course) in client.get(explorer).content.decode()


def test_the_video_guide_chooses_its_video_with_the_video_chooser(
    client, own_educator, catalogue, aalborg
):
    client.force_login(own_educator)
    url = reverse("wagtailadmin_pages:add", args=["cms", "videoguidepage", catalogue.pk])
    body = client.get(url).content.decode()
    assert reverse("video_chooser:choose") in body
    assert '<select name="video"' not in body
