from tests.content_fixtures import (  # noqa: F401
    aalborg,
    birgit,
    hanne,
    hjorring,
    hjorring_captions,
    hjorring_course,
    hjorring_quiz,
    hjorring_unit,
    hjorring_video,
    jesper,
    lise,
    mette,
)
from tests.course_fixtures import catalogue, competence, course, lessons  # noqa: F401
