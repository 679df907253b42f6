"""What the quiz app holds about a person, for "My data" and erasure
(``learning.accounts.personal_data``). Answers go with their attempt."""

from django.utils.translation import gettext_lazy as _

from learning.accounts import personal_data

from .models import Attempt


def quiz_attempts(user):
    attempts = Attempt.objects.filter(user=user).select_related("quiz").prefetch_related("answers")
    return [
        {
            "quiz": a.quiz.title,
            "number": a.number,
            "status": a.status,
            "started_at": a.started_at,
            "submitted_at": a.submitted_at,
            "raw_score": a.raw_score,
            "max_score": a.max_score,
            "scaled_score": a.scaled_score,
            "passed": a.passed,
            "answers": [{"position": x.position, "selected": x.selected} for x in a.answers.all()],
        }
        for a in attempts
    ]


def erase(person, today, now):
    return {"quiz_attempts": Attempt.objects.filter(user=person).delete()[0]}


def register():
    personal_data.register_export("quiz_attempts", _("Quiz attempts"), quiz_attempts)
    personal_data.register_eraser(erase)
    personal_data.register_rows_about(Attempt, "user")
