"""Video drop-off for educators: how far viewers got, from the server-merged played segments."""

import pytest
from django.urls import reverse

from cms.factories import catalogue_tree, course_with_lessons
from learning.accounts.factories import UserFactory
from learning.reports.content import drop_off_shares, video_drop_off
from learning.video.factories import VideoFactory
from learning.video.models import VideoProgress

# Six viewers of a 100-second video: two to the end, two stop at 40 s, one at 10 s, and one
# skips to the second half. The middles of the ten tenths are 5, 15, ..., 95 seconds.
SEGMENTS = [[[0, 100]], [[0, 100]], [[0, 40]], [[0, 40]], [[0, 10]], [[50, 100]]]
EXPECTED = [83, 67, 67, 67, 33, 50, 50, 50, 50, 50]


@pytest.fixture
def course_with_video(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    course, lessons = course_with_lessons(catalogue_tree(), lessons=2, title="TELMA i praksis")
    video = VideoFactory(title="Sådan læser du målingerne")
    lesson = lessons[1]
    lesson.body = [("video", {"video": video, "title": "", "chapters": ""})]
    lesson.save_revision().publish()
    return course, lesson, video


def watched(video, segment_lists):
    for segments in segment_lists:
        VideoProgress.objects.create(
            user=UserFactory(),
            activity_id=f"video-{video.pk}",
            media=video,
            length=100,
            segments=segments,
        )


def test_the_shares_are_computed_by_hand():
    assert drop_off_shares(SEGMENTS, 100) == EXPECTED
    assert drop_off_shares([], 100) == [0] * 10


def test_the_drop_off_of_a_course_video(course_with_video):
    course, lesson, video = course_with_video
    watched(video, SEGMENTS)
    [result] = video_drop_off(course)
    assert (result.lesson.pk, result.viewers, result.shares) == (lesson.pk, 6, EXPECTED)


def test_too_few_viewers_are_not_shown(course_with_video, settings):
    course, _lesson, video = course_with_video
    settings.REPORTS_MIN_GROUP_SIZE = 5
    watched(video, SEGMENTS[:4])
    [result] = video_drop_off(course)
    assert result.viewers == 4
    assert result.suppressed


def test_the_educator_sees_the_drop_off_table_and_no_names(client, educator, course_with_video):
    course, _lesson, video = course_with_video
    watched(video, SEGMENTS)
    client.force_login(educator)
    response = client.get(reverse("reports:content_course", args=[course.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sådan læser du målingerne" in html
    assert "<td>83</td>" in html and "<td>33</td>" in html
    assert "Testesen" not in html  # the viewers' surname
