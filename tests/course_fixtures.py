"""Page-tree fixtures shared by the cms, progress and browser tests (import them in a conftest)."""

import pytest

from cms.factories import catalogue_tree, course_with_lessons
from learning.competences.models import Competence


@pytest.fixture
def catalogue(db):
    return catalogue_tree()


@pytest.fixture
def competence(db):
    """N3 from the seeded North Jutland framework (the migrations seed it)."""
    return Competence.objects.get(code="N3")


@pytest.fixture
def course(catalogue, competence):
    """A three-lesson FMK course that awards N3 at level 2."""
    from cms.factories import CourseCompetenceFactory

    course, _lessons = course_with_lessons(catalogue, title="FMK i hverdagen")
    CourseCompetenceFactory(page=course, competence=competence, level=2)
    return course


@pytest.fixture
def lessons(course):
    return list(course.lessons())
