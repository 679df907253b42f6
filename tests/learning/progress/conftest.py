from tests.course_fixtures import catalogue, competence, course, lessons  # noqa: F401
