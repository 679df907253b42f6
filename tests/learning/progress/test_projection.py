import pytest

from learning.competences.models import CompetenceRecord, Evidence
from learning.progress import activities
from learning.progress.factories import complete_lesson, start
from learning.progress.models import Certificate, Enrolment, LessonProgress
from learning.xapi import vocabulary
from learning.xapi.models import Statement
from learning.xapi.store import store_statements

pytestmark = pytest.mark.django_db


def test_a_registered_statement_enrols_the_learner(learner, course):
    registration = start(learner, course)
    enrolment = Enrolment.objects.get(user=learner, page_id=course.pk)
    assert str(enrolment.registration) == str(registration)
    assert enrolment.lessons_required == 3
    assert enrolment.completed_at is None


def test_a_completed_lesson_statement_records_the_lesson(learner, course, lessons):
    registration = start(learner, course)
    statement_id = complete_lesson(learner, lessons[0], registration)
    progress = LessonProgress.objects.get(enrolment__user=learner, lesson_id=lessons[0].pk)
    assert str(progress.statement_id) == statement_id
    assert Enrolment.objects.get(user=learner).lessons_done == 1


def test_completing_a_lesson_without_starting_enrols_implicitly(learner, course, lessons):
    complete_lesson(learner, lessons[1])
    assert Enrolment.objects.get(user=learner, page_id=course.pk).lessons_done == 1


def test_the_course_is_not_complete_while_a_required_lesson_is_left(learner, course, lessons):
    for lesson in lessons[:2]:
        complete_lesson(learner, lesson)
    assert Enrolment.objects.get(user=learner).completed_at is None
    assert not CompetenceRecord.objects.filter(user=learner).exists()


def test_an_optional_lesson_is_not_needed_for_completion(learner, course, lessons):
    lessons[2].required = False
    lessons[2].save_revision().publish()
    for lesson in lessons[:2]:
        complete_lesson(learner, lesson)
    assert Enrolment.objects.get(user=learner).completed_at is not None


def test_completing_every_required_lesson_completes_the_course_and_records_the_competence(
    learner, course, lessons, competence
):
    for lesson in lessons:
        complete_lesson(learner, lesson)
    enrolment = Enrolment.objects.get(user=learner)
    assert enrolment.completed_at is not None
    assert enrolment.percent == 100
    record = CompetenceRecord.objects.get(user=learner, competence=competence)
    assert (record.level, record.evidence) == (2, Evidence.COURSE)
    course_statement = Statement.objects.get(
        verb_id=vocabulary.COMPLETED.id, object_activity_id=activities.for_page(course)
    )
    assert record.statement_id == course_statement.statement_id


def test_course_completion_issues_one_certificate(learner, course, lessons):
    for lesson in lessons:
        complete_lesson(learner, lesson)
    complete_lesson(learner, lessons[0])  # a repeat changes nothing
    certificate = Certificate.objects.get(user=learner)
    assert certificate.title == "FMK i hverdagen"
    assert certificate.is_valid()
    assert CompetenceRecord.objects.filter(user=learner).count() == 1


def test_a_posted_course_completion_statement_alone_completes_nothing(learner, course):
    store_statements(
        [vocabulary.completed_course(learner, activities.for_page(course), course.title)]
    )
    assert not Enrolment.objects.filter(user=learner, completed_at__isnull=False).exists()
    assert not CompetenceRecord.objects.filter(user=learner).exists()


def test_statements_about_other_platforms_activities_are_ignored(learner, course, lessons):
    statement = vocabulary.completed_lesson(
        learner,
        f"https://other.example/activities/lesson/{lessons[0].pk}",
        "x",
        "https://other.example/activities/course/1",
    )
    store_statements([statement])
    assert not LessonProgress.objects.exists()


def test_a_completed_lesson_of_another_person_does_not_count_for_me(
    learner, outsider, course, lessons
):
    complete_lesson(outsider, lessons[0])
    assert not Enrolment.objects.filter(user=learner).exists()
    assert Enrolment.objects.get(user=outsider).lessons_done == 1


def test_the_progress_percent_follows_required_lessons(learner, course, lessons):
    complete_lesson(learner, lessons[0])
    assert Enrolment.objects.get(user=learner).percent == 33
