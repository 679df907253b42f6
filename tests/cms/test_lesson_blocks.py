"""The video and quiz blocks in a lesson: rendering, the captions check on publish, and the demo
lessons that use them."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.factories import LessonPageFactory
from cms.models import CoursePage, LessonPage

pytestmark = pytest.mark.django_db


def _media(with_captions):
    from learning.video.factories import CaptionTrackFactory, VideoFactory

    media = VideoFactory(title="Log ind i FMK")
    if with_captions:
        CaptionTrackFactory(media=media, language="da")
    return media


def _publish_lesson(client, course, body):
    data = nested_form_data(
        {
            "title": "Videolektion",
            "slug": "videolektion",
            "introduction": "",
            "estimated_minutes": 5,
            "required": "on",
            "body": streamfield(body),
        }
    )
    data["action-publish"] = "1"
    return client.post(
        reverse("wagtailadmin_pages:add", args=["cms", "lessonpage", course.pk]), data
    )


def _video_block(media, as_pk=False):
    return ("video", {"video": media.pk if as_pk else media, "title": "", "chapters": ""})


def test_a_lesson_with_a_quiz_block_links_to_the_quiz_from_that_lesson(client, learner, course):
    from quizzes.factories import QuizFactory

    quiz = QuizFactory(title="FMK-test")
    lesson = LessonPageFactory(parent=course, body=[("quiz", {"quiz": quiz, "heading": ""})])
    client.force_login(learner)
    response = client.get(lesson.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "FMK-test" in content
    assert f"{reverse('quizzes:detail', args=[quiz.pk])}?page={lesson.pk}" in content


def test_a_lesson_with_a_video_block_shows_the_player_with_the_transcript(client, learner, course):
    media = _media(with_captions=True)
    lesson = LessonPageFactory(parent=course, body=[_video_block(media)])
    client.force_login(learner)
    content = client.get(lesson.url).content.decode()
    assert "data-video-player" in content
    assert "Først logger du ind i FMK." in content  # the transcript from the Danish captions


def test_publishing_a_lesson_with_a_video_without_danish_captions_is_refused(
    client, admin_user, course
):
    client.force_login(admin_user)
    uncaptioned = _media(with_captions=False)
    response = _publish_lesson(client, course, [_video_block(uncaptioned, as_pk=True)])
    assert response.status_code == 200
    assert not LessonPage.objects.filter(title="Videolektion").exists()


def test_publishing_a_lesson_with_a_captioned_video_succeeds(client, admin_user, course):
    client.force_login(admin_user)
    _publish_lesson(client, course, [_video_block(_media(with_captions=True), as_pk=True)])
    assert LessonPage.objects.get(title="Videolektion").live is True


def test_the_demo_has_a_lesson_with_a_video_and_a_lesson_with_a_quiz_and_the_fmk_evaluation():
    from cms.demo import CATALOGUE_LOADERS
    from quizzes.demo import load_bank, load_evaluations, load_quizzes

    for loader in CATALOGUE_LOADERS:
        loader()
    kinds = {block.block_type for lesson in LessonPage.objects.all() for block in lesson.body}
    assert {"video", "quiz"} <= kinds
    evaluations = load_evaluations(load_quizzes(load_bank()), CoursePage.objects.all())
    assert {e.course_page.title.split(" – ")[0] for e in evaluations} == {
        "Korrespondancemeddelelsen",
        "FMK i hverdagen",
    }
