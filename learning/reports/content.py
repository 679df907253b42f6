"""Content analytics for educators: per course, enrolments, the completion funnel by lesson,
median time to complete, video drop-off and the pre/post quiz change. Aggregated only: no names.

Reads the progress projections (``learning.progress``) and the quiz app's own pre/post analysis
(``quizzes.analysis.pre_post``), so the numbers match what those apps show. Video drop-off reads
the video app's merged played segments (``learning.video.models.VideoProgress``).
"""

import statistics
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from wagtailmedia.models import get_media_model

from learning.progress import activities
from learning.progress.models import Enrolment, LessonProgress
from learning.video.models import VideoProgress
from quizzes.analysis import pre_post
from quizzes.models import CourseEvaluation


@dataclass
class CourseFigures:
    course: object
    enrolled: int
    completed: int
    median_hours: float | None
    pre_post: object = None

    @property
    def completion_share(self):
        return (100 * self.completed) // self.enrolled if self.enrolled else None


def courses():
    return activities.page_type(activities.COURSE).objects.live().order_by("title")


def course_figures(course):
    """Enrolments, completions, median hours to complete, pre/post. Three or four queries."""
    enrolments = Enrolment.objects.filter(page_id=course.pk)
    totals = enrolments.aggregate(
        enrolled=Count("id"), completed=Count("id", filter=Q(completed_at__isnull=False))
    )
    hours = [
        (done - start).total_seconds() / 3600
        for start, done in enrolments.filter(completed_at__isnull=False).values_list(
            "enrolled_at", "completed_at"
        )
    ]
    evaluation = _evaluation(course)
    return CourseFigures(
        course,
        totals["enrolled"],
        totals["completed"],
        round(statistics.median(hours), 1) if hours else None,
        pre_post(evaluation) if evaluation else None,
    )


def _evaluation(course):
    return CourseEvaluation.objects.filter(course_page_id=course.pk).first()


def funnel(course):
    """[(lesson, people who completed it, share of enrolled)] in lesson order. Three queries."""
    enrolled = Enrolment.objects.filter(page_id=course.pk).count()
    done = dict(
        LessonProgress.objects.filter(enrolment__page_id=course.pk)
        .values_list("lesson_id")
        .annotate(n=Count("enrolment_id", distinct=True))
    )
    return [
        (
            lesson,
            done.get(lesson.pk, 0),
            (100 * done.get(lesson.pk, 0)) // enrolled if enrolled else None,
        )
        for lesson in course.lessons()
    ]


@dataclass
class VideoDropOff:
    """How far viewers got in one video: ``shares[i]`` is the percentage of viewers whose
    played segments cover the middle of the i-th tenth of the video (None below k viewers)."""

    lesson: object
    title: str
    viewers: int
    shares: list

    @property
    def suppressed(self):
        return self.shares is None


def course_videos(course):
    """[(lesson, media)] for every video block in the course's live lessons, in order.
    Two queries (lessons, media)."""
    found = []
    for lesson in course.lessons():
        for block in lesson.body:
            if block.block_type == "video" and block.value.get("video") is not None:
                found.append((lesson, block.value["video"].pk))
    media = get_media_model().objects.in_bulk([pk for _lesson, pk in found])
    return [(lesson, media[pk]) for lesson, pk in found if pk in media]


def watched_at(segments, moment):
    return any(start <= moment <= end for start, end in segments)


def drop_off_shares(rows, length, buckets=10):
    """Pure: the share of ``rows`` (lists of merged [start, end] segments) that watched the middle
    of each of ``buckets`` equal parts of a video ``length`` seconds long."""
    if not rows or not length:
        return [0] * buckets
    middles = [(index + 0.5) * length / buckets for index in range(buckets)]
    return [
        round(100 * sum(watched_at(segments, t) for segments in rows) / len(rows)) for t in middles
    ]


def video_drop_off(course, buckets=10):
    """Drop-off per video in the course, from the server-merged played segments of
    ``learning.video`` (everyone's, whatever page they watched it on). Groups smaller than the
    region view's minimum are not shown. Three queries."""
    videos = course_videos(course)
    progress = {}
    for media_id, length, segments in VideoProgress.objects.filter(
        media_id__in=[media.pk for _lesson, media in videos]
    ).values_list("media_id", "length", "segments"):
        progress.setdefault(media_id, []).append((length, segments))
    minimum = getattr(settings, "REPORTS_MIN_GROUP_SIZE", 5)
    result = []
    for lesson, media in videos:
        rows = progress.get(media.pk, [])
        length = media.duration or max((row_length for row_length, _s in rows), default=0)
        shares = (
            drop_off_shares([segments for _l, segments in rows], length, buckets)
            if len(rows) >= minimum
            else None
        )
        result.append(VideoDropOff(lesson, media.title, len(rows), shares))
    return result
