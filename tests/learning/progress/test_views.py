import pytest
from django.urls import reverse

from learning.progress.factories import complete_lesson
from learning.progress.models import Certificate, Enrolment, LessonProgress
from learning.xapi.models import Statement

pytestmark = pytest.mark.django_db


def test_starting_a_course_stores_a_statement_enrols_and_opens_the_first_lesson(
    client, learner, course, lessons
):
    client.force_login(learner)
    response = client.post(reverse("progress:start", args=[course.pk]))
    assert response.status_code == 302
    assert response["Location"] == lessons[0].url
    assert Enrolment.objects.filter(user=learner, page_id=course.pk).exists()
    assert Statement.objects.filter(verb_id__endswith="/registered").count() == 1


def test_starting_twice_resumes_at_the_first_lesson_not_done(client, learner, course, lessons):
    client.force_login(learner)
    client.post(reverse("progress:start", args=[course.pk]))
    complete_lesson(learner, lessons[0])
    response = client.post(reverse("progress:start", args=[course.pk]))
    assert response["Location"] == lessons[1].url
    assert Statement.objects.filter(verb_id__endswith="/registered").count() == 1


def test_starting_needs_a_post(client, learner, course):
    client.force_login(learner)
    assert client.get(reverse("progress:start", args=[course.pk])).status_code == 405
    assert not Statement.objects.exists()
    assert not Enrolment.objects.exists()


def test_starting_needs_a_login(client, course):
    response = client.post(reverse("progress:start", args=[course.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_starting_an_unknown_or_non_course_page_is_404(client, learner, course, lessons):
    client.force_login(learner)
    assert client.post(reverse("progress:start", args=[999999])).status_code == 404
    assert client.post(reverse("progress:start", args=[lessons[0].pk])).status_code == 404
    assert not Statement.objects.exists()
    assert not Enrolment.objects.exists()


def test_starting_an_unpublished_course_is_404(client, learner, course):
    course.unpublish()
    client.force_login(learner)
    assert client.post(reverse("progress:start", args=[course.pk])).status_code == 404
    assert not Statement.objects.exists()
    assert not Enrolment.objects.exists()


def test_marking_a_lesson_done_records_it_and_goes_to_the_next(client, learner, course, lessons):
    client.force_login(learner)
    response = client.post(reverse("progress:complete_lesson", args=[lessons[0].pk]))
    assert response["Location"] == lessons[1].url
    assert LessonProgress.objects.filter(enrolment__user=learner, lesson_id=lessons[0].pk).exists()


def test_marking_the_last_lesson_done_completes_and_returns_to_the_course(
    client, learner, course, lessons
):
    client.force_login(learner)
    for lesson in lessons:
        response = client.post(reverse("progress:complete_lesson", args=[lesson.pk]))
    assert response["Location"] == course.url
    assert Enrolment.objects.get(user=learner).completed_at is not None


def test_marking_a_lesson_done_twice_stores_one_statement(client, learner, course, lessons):
    client.force_login(learner)
    url = reverse("progress:complete_lesson", args=[lessons[0].pk])
    client.post(url)
    client.post(url)
    assert Statement.objects.filter(verb_id__endswith="/completed").count() == 1


def test_marking_a_lesson_done_refuses_get_and_unknown_ids(client, learner, course, lessons):
    client.force_login(learner)
    assert client.get(reverse("progress:complete_lesson", args=[lessons[0].pk])).status_code == 405
    assert client.post(reverse("progress:complete_lesson", args=[course.pk])).status_code == 404
    assert not Statement.objects.exists()
    assert not LessonProgress.objects.exists()


def test_marking_a_lesson_done_needs_the_csrf_token(learner, course, lessons):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    response = client.post(reverse("progress:complete_lesson", args=[lessons[0].pk]))
    assert response.status_code == 403
    assert not LessonProgress.objects.exists()


def test_the_lesson_page_shows_position_and_the_done_button(client, learner, course, lessons):
    client.force_login(learner)
    response = client.get(lessons[1].url)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<h1") == 1
    assert reverse("progress:complete_lesson", args=[lessons[1].pk]) in content


def test_the_course_page_offers_resume_after_starting(client, learner, course, lessons):
    client.force_login(learner)
    complete_lesson(learner, lessons[0])
    content = client.get(course.url).content.decode()
    assert 'value="33"' in content


def _completed(learner, lessons):
    for lesson in lessons:
        complete_lesson(learner, lesson)
    return Certificate.objects.get(user=learner)


def test_the_holder_downloads_the_certificate_as_pdf(client, learner, course, lessons):
    certificate = _completed(learner, lessons)
    client.force_login(learner)
    response = client.get(reverse("progress:certificate_pdf", args=[certificate.code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_another_person_cannot_download_my_certificate(client, learner, outsider, course, lessons):
    certificate = _completed(learner, lessons)
    client.force_login(outsider)
    response = client.get(reverse("progress:certificate_pdf", args=[certificate.code]))
    assert response.status_code == 404


def test_verification_shows_name_course_date_and_validity_and_no_email(
    client, learner, course, lessons
):
    certificate = _completed(learner, lessons)
    response = client.get(reverse("progress:verify_code", args=[certificate.code.lower()]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Mette Nielsen" in content and "FMK i hverdagen" in content
    assert "Gyldig" in content  # the page is Danish by default
    assert learner.email not in content


def test_a_revoked_certificate_verifies_as_revoked(client, learner, course, lessons):
    from django.utils import timezone

    certificate = _completed(learner, lessons)
    certificate.revoked_at = timezone.now()
    certificate.save()
    content = client.get(reverse("progress:verify_code", args=[certificate.code])).content.decode()
    assert "Tilbagekaldt" in content and "Gyldig<" not in content


def test_an_unknown_code_is_404_with_a_message(client, db):
    response = client.get(reverse("progress:verify_code", args=["ZZZZZZZZZZZZ"]))
    assert response.status_code == 404


def test_verification_refuses_post(client, db):
    assert client.post(reverse("progress:verify")).status_code == 405


def test_my_learning_lists_in_progress_and_done(client, learner, course, lessons):
    complete_lesson(learner, lessons[0])
    client.force_login(learner)
    response = client.get(reverse("progress:my_learning"))
    assert response.status_code == 200
    assert response.context["in_progress"][0]["resume"].pk == lessons[1].pk
    assert response.context["done"] == []


def test_my_learning_needs_a_login(client, db):
    assert client.get(reverse("progress:my_learning")).status_code == 302


def test_marking_a_later_lesson_done_goes_on_after_it_not_back_to_the_first(
    client, learner, course, lessons
):
    assert len(lessons) >= 3
    client.force_login(learner)
    # Mette skips ahead: the second lesson first. Next is the third, not the unfinished first.
    response = client.post(reverse("progress:complete_lesson", args=[lessons[1].pk]))
    assert response["Location"] == lessons[2].url
    # Having finished the last of them, she is taken back to the first one still open.
    for lesson in lessons[2:]:
        response = client.post(reverse("progress:complete_lesson", args=[lesson.pk]))
    assert response["Location"] == lessons[0].url
