"""What the progress app holds about a person, for "My data" and erasure
(``learning.accounts.personal_data``). Lesson progress goes with its enrolment."""

from django.utils.translation import gettext_lazy as _

from learning.accounts import personal_data

from .models import Certificate, Enrolment, LessonProgress


def enrolments(user):
    return [
        {
            "course": e.page.title,
            "registration": e.registration,
            "enrolled_at": e.enrolled_at,
            "last_activity_at": e.last_activity_at,
            "lessons_done": e.lessons_done,
            "lessons_required": e.lessons_required,
            "completed_at": e.completed_at,
        }
        for e in Enrolment.objects.filter(user=user).select_related("page")
    ]


def lesson_progress(user):
    return [
        {
            "course": p.enrolment.page.title,
            "lesson": p.lesson.title,
            "completed_at": p.completed_at,
            "statement_id": p.statement_id,
        }
        for p in LessonProgress.objects.filter(enrolment__user=user).select_related(
            "enrolment__page", "lesson"
        )
    ]


def certificates(user):
    return list(
        Certificate.objects.filter(user=user).values(
            "code", "title", "issued_at", "valid_until", "revoked_at"
        )
    )


def erase(person, today, now):
    return {
        "enrolments": Enrolment.objects.filter(user=person).delete()[0],
        "certificates": Certificate.objects.filter(user=person).delete()[0],
    }


def register():
    personal_data.register_export("enrolments", _("Courses you have started"), enrolments)
    personal_data.register_export("lesson_progress", _("Completed lessons"), lesson_progress)
    personal_data.register_export("certificates", _("Certificates"), certificates)
    personal_data.register_eraser(erase)
    personal_data.register_rows_about(Enrolment, "user")
    personal_data.register_rows_about(Certificate, "user")
