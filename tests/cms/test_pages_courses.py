import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import CatalogPage, ContentPage, CoursePage, HomePage, LessonPage, VideoGuidePage

pytestmark = pytest.mark.django_db


def test_courses_and_guides_live_only_in_the_catalogue():
    assert CoursePage.allowed_parent_page_models() == [CatalogPage]
    assert VideoGuidePage.allowed_parent_page_models() == [CatalogPage]
    assert set(CatalogPage.allowed_subpage_models()) == {CoursePage, VideoGuidePage}


def test_lessons_live_only_in_courses_and_have_no_children():
    assert LessonPage.allowed_parent_page_models() == [CoursePage]
    assert LessonPage.allowed_subpage_models() == []
    assert CoursePage.allowed_subpage_models() == [LessonPage]


def test_the_catalogue_sits_under_the_home_page_once():
    assert CatalogPage.allowed_parent_page_models() == [HomePage]
    assert CatalogPage.max_count == 1
    assert set(HomePage.allowed_subpage_models()) == {ContentPage, CatalogPage}
    assert not CoursePage.can_create_at(Page.get_first_root_node())


def test_pages_preview_at_phone_size_first(course):
    assert course.default_preview_size == "mobile"
    assert course.preview_sizes[0]["device_width"] == 375


def _lesson_post(title, body, action):
    data = nested_form_data(
        {
            "title": title,
            "slug": "ny-lektion",
            "introduction": "",
            "estimated_minutes": 5,
            "required": "on",
            "body": streamfield(body),
        }
    )
    if action:
        data[action] = "1"
    return data


IMAGELESS_ALT = [("image", {"image": "", "alt": "", "caption": ""})]


def _image():
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    return Image.objects.create(title="Skærmbillede", file=get_test_image_file())


def test_publishing_a_lesson_with_an_image_without_alt_text_is_refused(client, admin_user, course):
    client.force_login(admin_user)
    image = _image()
    data = _lesson_post(
        "Billedlektion",
        [("image", {"image": image.pk, "alt": "", "caption": ""})],
        "action-publish",
    )
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["cms", "lessonpage", course.pk]), data
    )
    assert response.status_code == 200
    assert not LessonPage.objects.filter(title="Billedlektion").exists()


def test_a_lesson_with_an_image_without_alt_text_may_be_saved_as_draft(client, admin_user, course):
    client.force_login(admin_user)
    image = _image()
    data = _lesson_post("Kladde", [("image", {"image": image.pk, "alt": "", "caption": ""})], None)
    client.post(reverse("wagtailadmin_pages:add", args=["cms", "lessonpage", course.pk]), data)
    assert LessonPage.objects.get(title="Kladde").live is False


def test_publishing_a_lesson_with_alt_text_succeeds(client, admin_user, course):
    client.force_login(admin_user)
    image = _image()
    data = _lesson_post(
        "Med alt",
        [("image", {"image": image.pk, "alt": "Menuen Kommunikation", "caption": ""})],
        "action-publish",
    )
    client.post(reverse("wagtailadmin_pages:add", args=["cms", "lessonpage", course.pk]), data)
    assert LessonPage.objects.get(title="Med alt").live is True


def _guide_post(media, action="action-publish"):
    data = nested_form_data(
        {
            "title": "Ny video",
            "slug": "ny-video",
            "summary": "Kort.",
            "estimated_minutes": 3,
            "video": media.pk if media else "",
            "specialist_name": "",
            "specialist_title": "",
            "notes": rich_text(""),
            "cover_image_alt": "",
            "competence_links": inline_formset([]),
        }
    )
    data[action] = "1"
    return data


def _media(with_captions):
    from learning.video.factories import CaptionTrackFactory, VideoFactory

    media = VideoFactory()
    if with_captions:
        CaptionTrackFactory(media=media, language="da")
    return media


def test_publishing_a_video_guide_without_danish_captions_is_refused(client, admin_user, catalogue):
    client.force_login(admin_user)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["cms", "videoguidepage", catalogue.pk]),
        _guide_post(_media(False)),
    )
    assert response.status_code == 200
    assert not VideoGuidePage.objects.exists()


def test_publishing_a_video_guide_with_danish_captions_succeeds(client, admin_user, catalogue):
    client.force_login(admin_user)
    client.post(
        reverse("wagtailadmin_pages:add", args=["cms", "videoguidepage", catalogue.pk]),
        _guide_post(_media(True)),
    )
    assert VideoGuidePage.objects.get().live is True


def test_the_course_page_renders_with_one_heading_and_its_lessons(client, course, lessons):
    response = client.get(course.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<h1") == 1
    assert all(lesson.title in content for lesson in lessons)
