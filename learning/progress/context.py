"""What the course, lesson and video guide templates need about the learner's progress.

Called from the page models' ``get_context``; each function costs a few queries and none of
them writes (enrolling and completing are POSTs, see ``views.py``).
"""

from wagtailmedia.models import get_media_model

from . import activities, rule
from .models import Certificate
from .queries import done_lesson_ids, enrolment
from .required import RequiredCompetences


def _certificate(user, page, current):
    if current is None or current.completed_at is None:
        return None
    return Certificate.objects.filter(
        user=user, page_id=page.pk, registration=current.registration
    ).first()


def _awarded_and_required(page, user):
    """What the page awards, and whether that meets one of the person's open requirements:
    the competences are read once for both."""
    awarded = page.awarded()
    required = RequiredCompetences.for_user(user)
    return {
        "awarded": awarded,
        "is_required": required.awards_required((c.pk, level) for c, level in awarded),
    }


def resume_lesson(lessons, done):
    """The first required lesson not done, else the first lesson not done, else None."""
    for lesson in lessons:
        if lesson.required and lesson.pk not in done:
            return lesson
    for lesson in lessons:
        if lesson.pk not in done:
            return lesson
    return None


def still_missing(course, user, lessons, done):
    """What the learner still has to do for the course's completion rule: a rule.Missing per
    required lesson not done (with the titles of videos to watch). A few queries per lesson."""
    left = []
    for lesson_rule in rule.rules(course, [lesson for lesson in lessons if lesson.required]):
        if lesson_rule.lesson.pk in done:
            continue
        missing = rule.missing(user, lesson_rule)
        if missing.videos:
            media = get_media_model().objects.in_bulk(missing.videos)
            missing.videos = [media[pk] for pk in missing.videos if pk in media]
        left.append(missing)
    return left


def next_lesson_after(lessons, current, done):
    """Where to go after finishing ``current``: the next lesson after it that is not done (the
    learner chose to work ahead, so carry on from there), else the first one not done before
    it, else None."""
    position = next((i for i, lesson in enumerate(lessons) if lesson.pk == current.pk), -1)
    for lesson in lessons[position + 1 :]:
        if lesson.pk not in done:
            return lesson
    return resume_lesson(lessons, done)


def course_context(course, user):
    lessons = list(course.lessons())
    current = enrolment(user, course)
    done = done_lesson_ids(current)
    complete = current is not None and current.completed_at is not None
    return {
        "missing": still_missing(course, user, lessons, done) if current and not complete else [],
        "lessons": [(lesson, lesson.pk in done) for lesson in lessons],
        "enrolment": current,
        "resume": resume_lesson(lessons, done) if current else None,
        "certificate": _certificate(user, course, current),
        **_awarded_and_required(course, user),
        "total_minutes": sum(lesson.estimated_minutes for lesson in lessons),
    }


def lesson_context(lesson, user):
    course = lesson.course()
    lessons = list(course.lessons())
    ids = [item.pk for item in lessons]
    index = ids.index(lesson.pk) if lesson.pk in ids else 0
    current = enrolment(user, course)
    done = done_lesson_ids(current)
    return {
        "lesson_rule": rule.lesson_rule(course, lesson),
        "course": course,
        "enrolment": current,
        "is_done": lesson.pk in done,
        "position": index + 1,
        "lesson_count": len(lessons),
        "previous_lesson": lessons[index - 1] if index > 0 else None,
        "next_lesson": lessons[index + 1] if index + 1 < len(lessons) else None,
        "lessons": [(item, item.pk in done) for item in lessons],
    }


def video_guide_context(guide, user):
    current = enrolment(user, guide)
    return {
        "enrolment": current,
        "certificate": _certificate(user, guide, current),
        "video_activity_id": activities.activity_id(activities.VIDEO, guide.pk),
        **_awarded_and_required(guide, user),
    }
