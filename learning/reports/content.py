"""Content analytics for educators: per course, enrolments, the completion funnel by lesson,
median time to complete, and the pre/post quiz change. Aggregated only: no names.

Reads the progress projections (``learning.progress``) and the quiz app's own pre/post analysis
(``quizzes.analysis.pre_post``), so the numbers match what those apps show. Video drop-off is
not here yet (see the issue report).
"""

import statistics
from dataclasses import dataclass

from django.db.models import Count, Q


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
    from cms.models.courses import CoursePage

    return CoursePage.objects.live().order_by("title")


def course_figures(course):
    """Enrolments, completions, median hours to complete, pre/post. Three or four queries."""
    from learning.progress.models import Enrolment

    enrolments = Enrolment.objects.filter(page_id=course.pk)
    totals = enrolments.aggregate(enrolled=Count("id"),
                                  completed=Count("id", filter=Q(completed_at__isnull=False)))
    hours = [(done - start).total_seconds() / 3600 for start, done in
             enrolments.filter(completed_at__isnull=False)
             .values_list("enrolled_at", "completed_at")]
    evaluation = _evaluation(course)
    return CourseFigures(course, totals["enrolled"], totals["completed"],
                         round(statistics.median(hours), 1) if hours else None,
                         _pre_post(evaluation) if evaluation else None)


def _evaluation(course):
    from quizzes.models import CourseEvaluation

    return CourseEvaluation.objects.filter(course_page_id=course.pk).first()


def _pre_post(evaluation):
    from quizzes.analysis import pre_post

    return pre_post(evaluation)


def funnel(course):
    """[(lesson, people who completed it, share of enrolled)] in lesson order. Three queries."""
    from learning.progress.models import Enrolment, LessonProgress

    enrolled = Enrolment.objects.filter(page_id=course.pk).count()
    done = dict(LessonProgress.objects.filter(enrolment__page_id=course.pk)
                .values_list("lesson_id").annotate(n=Count("enrolment_id", distinct=True)))
    return [(lesson, done.get(lesson.pk, 0),
             (100 * done.get(lesson.pk, 0)) // enrolled if enrolled else None)
            for lesson in course.lessons()]
