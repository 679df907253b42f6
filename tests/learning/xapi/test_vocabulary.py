"""Every statement the platform emits is valid, and people appear only as pseudonymous accounts."""

import uuid

import pytest

from learning.xapi import vocabulary as v
from learning.xapi.actors import actor_for
from learning.xapi.statement_schema import validate

COURSE = "https://akademi.example.org/kurser/fmk"
LESSON = COURSE + "/lektion-1"
QUIZ = COURSE + "/quiz"
VIDEO = "https://akademi.example.org/video/log-ind"

BUILDERS = {
    "registered": lambda u: v.registered_for_course(u, COURSE, "FMK", uuid.uuid4()),
    "completed lesson": lambda u: v.completed_lesson(u, LESSON, "Lektion 1", COURSE, uuid.uuid4()),
    "completed course": lambda u: v.completed_course(u, COURSE, "FMK"),
    "answered": lambda u: v.answered_question(
        u, QUIZ + "/q1", "Hvad er FMK?", QUIZ, response="b", success=True
    ),
    "passed quiz": lambda u: v.finished_quiz(
        u, QUIZ, "Quiz", raw=4, maximum=5, passed=True, course_id=COURSE
    ),
    "failed quiz": lambda u: v.finished_quiz(u, QUIZ, "Quiz", raw=1, maximum=5, passed=False),
    "voiding": lambda u: v.voiding(u, uuid.uuid4()),
}


def _video(verb):
    return lambda u: v.video_event(
        u,
        verb,
        VIDEO,
        "Log ind",
        session_id=uuid.uuid4(),
        length=93.5,
        time=12.0,
        played_segments="0[.]12",
        progress=0.13,
    )


BUILDERS |= {f"video {verb.display}": _video(verb) for verb in v.VIDEO_VERBS}


@pytest.mark.parametrize("name", BUILDERS)
def test_every_builder_makes_a_valid_statement(learner, name):
    validate([BUILDERS[name](learner)])


@pytest.mark.parametrize("name", BUILDERS)
def test_every_builder_names_the_person_only_by_their_pseudonymous_account(learner, name):
    statement = BUILDERS[name](learner)

    assert statement["actor"] == actor_for(learner)
    assert learner.email not in str(statement)


def test_the_account_survives_an_email_change(learner):
    before = actor_for(learner)
    learner.email = "mette.nielsen@example.org"
    learner.save()

    assert actor_for(learner) == before
    assert before["account"]["name"] == str(learner.actor_id)


def test_the_account_home_page_can_be_configured(learner, settings):
    settings.XAPI_ACCOUNT_HOMEPAGE = "https://akademi.rn.dk/"

    assert actor_for(learner)["account"]["homePage"] == "https://akademi.rn.dk"


def test_without_a_configured_home_page_the_site_base_url_is_the_home_page(learner, settings):
    settings.XAPI_ACCOUNT_HOMEPAGE = ""
    settings.WAGTAILADMIN_BASE_URL = "https://akademi.example/"

    assert actor_for(learner)["account"]["homePage"] == "https://akademi.example"


def test_video_event_refuses_a_verb_outside_the_video_profile(learner):
    with pytest.raises(ValueError):
        v.video_event(learner, v.PASSED, VIDEO, "Log ind", session_id=uuid.uuid4(), length=1)


def test_the_vocabulary_has_no_duplicate_verb_ids():
    assert len({verb.id for verb in v.VERBS}) == len(v.VERBS)
