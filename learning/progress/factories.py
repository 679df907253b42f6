"""Progress is written by statements only; these helpers store the statements a learner's
browser would cause, so tests exercise the real path."""

from learning.xapi import vocabulary
from learning.xapi.store import store_statements

from . import activities


def start(user, course):
    registration = vocabulary.new_registration()
    store_statements(
        [
            vocabulary.registered_for_course(
                user, activities.for_page(course), course.title, registration
            )
        ]
    )
    return registration


def complete_lesson(user, lesson, registration=None):
    course = lesson.get_parent()
    return store_statements(
        [
            vocabulary.completed_lesson(
                user,
                activities.for_page(lesson),
                lesson.title,
                activities.for_page(course.specific),
                registration,
            )
        ]
    )[0]
