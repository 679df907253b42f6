"""The findings of issue 14 about earned evidence, each made the way a learner's browser or a
script would make it (the lesson and quiz forms, session POSTs to /xapi/statements with the
CSRF token), checking what is stored."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from learning.competences.models import CompetenceRecord
from learning.progress import activities
from learning.progress.models import Certificate, Enrolment, LessonProgress
from learning.xapi import vocabulary
from learning.xapi.models import Statement
from quizzes.factories import QuestionFactory, QuizFactory
from quizzes.models import Attempt, Kind
from quizzes.statements import quiz_activity_id

pytestmark = pytest.mark.django_db

TOKEN = "Kq3vTz8pLm2Xw7Rb5Yn4Hc6Jd9Fg1Sa0"  # the 32-character form of a CSRF secret


@pytest.fixture
def browser(learner):
    """Mette's browser: a session with a CSRF cookie, and CSRF checked as in production."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    client.cookies["csrftoken"] = TOKEN
    return client


def form_post(client, url, data=None):
    return client.post(url, {**(data or {}), "csrfmiddlewaretoken": TOKEN})


def xapi_post(client, statements):
    return client.post(
        "/xapi/statements",
        json.dumps(statements),
        content_type="application/json",
        headers={"X-Experience-API-Version": "1.0.3", "X-CSRFToken": TOKEN},
    )


@pytest.fixture
def post_test(db):
    question = QuestionFactory(kind=Kind.SINGLE, text="Hvad viser FMK?")
    return QuizFactory(title="FMK – efter kurset", questions=[question], pass_mark=80)


@pytest.fixture
def fmk(course, lessons, post_test):
    """The FMK course of the fixtures with the post-test in its last lesson."""
    last = lessons[2]
    last.body = [("quiz", {"quiz": post_test, "heading": ""})]
    last.save_revision().publish()
    return course


def mark_done(client, lesson):
    return form_post(client, reverse("progress:complete_lesson", args=[lesson.pk]))


def take_quiz(client, quiz, lesson, *, right):
    """Start the quiz from the lesson and submit one answer; returns the attempt."""
    response = form_post(client, reverse("quizzes:start", args=[quiz.pk]), {"page": lesson.pk})
    assert response.status_code == 302, response.content
    attempt = Attempt.objects.filter(quiz=quiz).order_by("-number").first()
    question = quiz.items.get().question
    choice = question.choices.filter(is_correct=right).first()
    response = form_post(
        client,
        reverse("quizzes:attempt", args=[attempt.uuid]),
        {f"q-{question.pk}": choice.key},
    )
    assert response.status_code in (200, 302), response.content
    attempt.refresh_from_db()
    assert attempt.passed is right
    return attempt


def completed_lesson(user, lesson, **extra):
    statement = vocabulary.completed_lesson(
        user,
        activities.for_page(lesson),
        lesson.title,
        activities.for_page(lesson.get_parent().specific),
    )
    return {**statement, **extra}


def evidence(user):
    """What a manager's report rests on, as comparable values."""
    return {
        "enrolments": sorted(
            Enrolment.objects.filter(user=user).values_list(
                "page_id", "lessons_done", "lessons_required", "completed_at"
            )
        ),
        "lessons": sorted(
            LessonProgress.objects.filter(enrolment__user=user).values_list(
                "lesson_id", "completed_at"
            )
        ),
        "records": sorted(
            CompetenceRecord.objects.filter(user=user).values_list(
                "competence__code", "level", "achieved_at"
            )
        ),
        "certificates": sorted(
            Certificate.objects.filter(user=user).values_list("code", "issued_at", "revoked_at")
        ),
    }


def test_failing_the_post_test_never_completes_the_course(
    browser, learner, fmk, lessons, post_test, competence
):
    """Finding: 0 % on the post-test, "mark as done" on the quiz lesson, and the course was
    complete with a certificate and N3."""
    for lesson in lessons[:2]:
        assert mark_done(browser, lesson).status_code == 302
    take_quiz(browser, post_test, lessons[2], right=False)

    page = browser.get(lessons[2].url).content.decode()
    assert "Markér lektionen som færdig" not in page
    assert "Lektionen er færdig, når du består dens quiz." in page
    # The button's request, made anyway, is refused and stores nothing.
    before = Statement.objects.count()
    assert mark_done(browser, lessons[2]).status_code == 403
    assert Statement.objects.count() == before
    # A "completed" statement for the quiz lesson is stored by the LRS but counts for nothing.
    assert xapi_post(browser, [completed_lesson(learner, lessons[2])]).status_code == 200

    enrolment = Enrolment.objects.get(user=learner, page_id=fmk.pk)
    assert (enrolment.lessons_done, enrolment.completed_at) == (2, None)
    assert not Certificate.objects.filter(user=learner).exists()
    assert not CompetenceRecord.objects.filter(user=learner, competence=competence).exists()
    course_page = browser.get(fmk.url).content.decode()
    assert "Det mangler du, før kurset er gennemført" in course_page
    assert "bestå quizzen “FMK – efter kurset”" in course_page

    take_quiz(browser, post_test, lessons[2], right=True)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert Certificate.objects.get(user=learner, page_id=fmk.pk).is_valid()
    assert CompetenceRecord.objects.get(user=learner, competence=competence).level == 2
    assert "Det mangler du" not in browser.get(fmk.url).content.decode()


def test_a_passed_statement_posted_for_the_quiz_completes_nothing(
    browser, learner, fmk, lessons, post_test
):
    for lesson in lessons[:2]:
        mark_done(browser, lesson)
    attempt = take_quiz(browser, post_test, lessons[2], right=False)
    forged = vocabulary.finished_quiz(
        learner,
        quiz_activity_id(post_test),
        post_test.title,
        raw=1,
        maximum=1,
        passed=True,
        course_id=activities.for_page(fmk),
    )
    forged["context"]["registration"] = str(attempt.uuid)
    assert xapi_post(browser, [forged]).status_code == 200
    assert Enrolment.objects.get(user=learner, page_id=fmk.pk).completed_at is None
    assert not Certificate.objects.filter(user=learner).exists()


@pytest.mark.parametrize("claimed", ["2099-12-31T00:00:00Z", "2001-01-01T00:00:00Z"])
def test_a_client_clock_never_dates_a_record_or_certificate(
    browser, client, learner, course, lessons, competence, claimed
):
    """Finding: a "completed" statement dated 2099 issued a certificate dated 2099."""
    before = timezone.now()
    response = xapi_post(
        browser, [completed_lesson(learner, lesson, timestamp=claimed) for lesson in lessons]
    )
    assert response.status_code == 200
    after = timezone.now()

    certificate = Certificate.objects.get(user=learner)
    record = CompetenceRecord.objects.get(user=learner, competence=competence)
    enrolment = Enrolment.objects.get(user=learner)
    times = [certificate.issued_at, record.achieved_at, enrolment.completed_at]
    times += list(LessonProgress.objects.values_list("completed_at", flat=True))
    assert all(before <= moment <= after for moment in times), times
    # The client's timestamp stays in the statement as sent.
    sent = Statement.objects.filter(object_activity_id=activities.for_page(lessons[0])).get()
    assert sent.data["timestamp"].startswith(claimed[:10])
    page = client.get(reverse("progress:verify_code", args=[certificate.code])).content.decode()
    assert claimed[:4] not in page
    assert str(timezone.localdate().year) in page


def test_voiding_a_completion_undoes_it_and_a_rebuild_agrees(
    browser, client, learner, course, lessons, competence
):
    """Finding: voiding a lesson completion left the course complete, the certificate valid
    and the competence record in place."""
    for lesson in lessons:
        assert mark_done(browser, lesson).status_code == 302
    certificate = Certificate.objects.get(user=learner)
    assert CompetenceRecord.objects.filter(user=learner, competence=competence).exists()
    own = LessonProgress.objects.get(enrolment__user=learner, lesson_id=lessons[1].pk)

    response = xapi_post(browser, [vocabulary.voiding(learner, own.statement_id)])
    assert response.status_code == 200

    enrolment = Enrolment.objects.get(user=learner, page_id=course.pk)
    assert (enrolment.lessons_done, enrolment.completed_at) == (2, None)
    assert not LessonProgress.objects.filter(lesson_id=lessons[1].pk).exists()
    assert not CompetenceRecord.objects.filter(user=learner, competence=competence).exists()
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None and not certificate.is_valid()
    page = client.get(reverse("progress:verify_code", args=[certificate.code])).content.decode()
    assert "Tilbagekaldt" in page
    # The course page shows what is missing again.
    assert "Det mangler du" in browser.get(course.url).content.decode()

    live = evidence(learner)
    call_command("rebuild_progress")
    assert evidence(learner) == live

    # Marking the lesson again completes the course again, with the same certificate.
    assert mark_done(browser, lessons[1]).status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_valid()
    assert CompetenceRecord.objects.filter(user=learner, competence=competence).count() == 1


def test_voiding_a_passed_quiz_undoes_the_lesson_and_the_course(
    browser, learner, fmk, lessons, post_test, competence
):
    for lesson in lessons[:2]:
        mark_done(browser, lesson)
    attempt = take_quiz(browser, post_test, lessons[2], right=True)
    assert Enrolment.objects.get(user=learner, page_id=fmk.pk).completed_at is not None

    assert (
        xapi_post(browser, [vocabulary.voiding(learner, attempt.statement_id)]).status_code == 200
    )

    enrolment = Enrolment.objects.get(user=learner, page_id=fmk.pk)
    assert (enrolment.lessons_done, enrolment.completed_at) == (2, None)
    assert not CompetenceRecord.objects.filter(user=learner).exists()
    assert not Certificate.objects.get(user=learner).is_valid()
    live = evidence(learner)
    call_command("rebuild_progress")
    assert evidence(learner) == live


def test_times_come_from_the_server_after_a_rebuild_too(browser, learner, course, lessons):
    xapi_post(
        browser,
        [completed_lesson(learner, lesson, timestamp="2099-12-31T00:00:00Z") for lesson in lessons],
    )
    live = evidence(learner)
    call_command("rebuild_progress")
    assert evidence(learner) == live
    assert Enrolment.objects.get(user=learner).completed_at < timezone.now() + datetime.timedelta(
        seconds=1
    )


def test_a_course_that_asks_for_watched_videos_completes_only_when_they_are_watched(
    browser, learner, course, lessons, settings, tmp_path
):
    import uuid

    from learning.video.activity import video_activity_id
    from learning.video.factories import VideoFactory
    from learning.video.models import VideoProgress

    settings.MEDIA_ROOT = tmp_path / "media"
    media = VideoFactory(title="Afstem medicinkortet")
    lessons[1].body = [("video", {"video": media, "title": "", "chapters": ""})]
    lessons[1].save_revision().publish()
    course.require_videos_watched = True
    course.save_revision().publish()

    for lesson in lessons:
        assert mark_done(browser, lesson).status_code == 302
    enrolment = Enrolment.objects.get(user=learner, page_id=course.pk)
    assert (enrolment.lessons_done, enrolment.completed_at) == (2, None)
    assert "se videoen “Afstem medicinkortet” til ende" in browser.get(course.url).content.decode()

    activity, session = video_activity_id(media), uuid.uuid4()

    def event(verb, **extra):
        return vocabulary.video_event(
            learner, verb, activity, media.title, session_id=session, length=1.0, **extra
        )

    xapi_post(browser, [event(vocabulary.INITIALIZED)])
    earlier = timezone.now() - datetime.timedelta(seconds=120)
    earlier = earlier.replace(microsecond=earlier.microsecond // 1000 * 1000)
    Statement.objects.filter(object_activity_id=activity).update(stored=earlier)
    VideoProgress.objects.filter(user=learner, activity_id=activity).update(viewed_at=earlier)
    xapi_post(browser, [event(vocabulary.PAUSED, time=1.0, played_segments="0[.]100")])

    enrolment.refresh_from_db()
    assert enrolment.lessons_done == 3 and enrolment.completed_at is not None
    assert Certificate.objects.get(user=learner).is_valid()
    live = evidence(learner)
    call_command("rebuild_progress")
    assert evidence(learner) == live


def test_an_author_adding_a_quiz_later_takes_nothing_away(
    browser, learner, course, lessons, post_test
):
    for lesson in lessons:
        mark_done(browser, lesson)
    lessons[2].body = [("quiz", {"quiz": post_test, "heading": ""})]
    lessons[2].save_revision().publish()
    assert xapi_post(browser, [completed_lesson(learner, lessons[0])]).status_code == 200
    enrolment = Enrolment.objects.get(user=learner, page_id=course.pk)
    assert (enrolment.lessons_done, enrolment.completed_at is not None) == (3, True)
    assert Certificate.objects.get(user=learner).is_valid()


def test_voiding_the_platforms_completion_statement_changes_no_record(
    browser, learner, course, lessons, competence
):
    for lesson in lessons:
        mark_done(browser, lesson)
    completion = Statement.objects.get(
        verb_id=vocabulary.COMPLETED.id, object_activity_id=activities.for_page(course)
    )
    live = evidence(learner)
    assert xapi_post(
        browser, [vocabulary.voiding(learner, completion.statement_id)]
    ).status_code in (
        200,
        403,
    )
    assert evidence(learner) == live
    call_command("rebuild_progress")
    assert evidence(learner) == live


def test_passing_the_quiz_from_the_quiz_list_also_completes_the_lesson(
    browser, learner, fmk, lessons, post_test
):
    for lesson in lessons[:2]:
        mark_done(browser, lesson)
    response = form_post(browser, reverse("quizzes:start", args=[post_test.pk]))
    assert response.status_code == 302
    attempt = Attempt.objects.get(user=learner)
    question = post_test.items.get().question
    choice = question.choices.filter(is_correct=True).first()
    form_post(
        browser, reverse("quizzes:attempt", args=[attempt.uuid]), {f"q-{question.pk}": choice.key}
    )
    assert Enrolment.objects.get(user=learner, page_id=fmk.pk).completed_at is not None
