"""What the packages app holds about a person, for "My data" and erasure
(``learning.accounts.personal_data``): her registrations with their results per AU / SCO and
what a SCO kept to resume her (``suspend_data`` may hold her own answers), the objectives it
reported and every interaction (her answers) recorded from its runtime data."""

from django.utils.translation import gettext_lazy as _

from learning.accounts import personal_data

from .models import Registration


def package_registrations(user):
    registrations = (
        Registration.objects.filter(user=user)
        .select_related("package")
        .prefetch_related("results__unit", "scorm_data__unit", "interactions__unit")
    )
    return [
        {
            "package": r.package.title,
            "registration": str(r.registration),
            "created": r.created,
            "satisfied_at": r.satisfied_at,
            "results": [
                {
                    "unit": x.unit.title,
                    "completed_at": x.completed_at,
                    "passed_at": x.passed_at,
                    "failed_at": x.failed_at,
                    "score_scaled": x.score_scaled,
                }
                for x in r.results.all()
            ],
            "scorm_data": [
                {
                    "unit": x.unit.title,
                    "location": x.location,
                    "suspend_data": x.suspend_data,
                    "completion_status": x.completion_status,
                    "success_status": x.success_status,
                    "objectives": x.objectives,
                }
                for x in r.scorm_data.all()
            ],
            "interactions": [
                {
                    "unit": x.unit.title,
                    "interaction_id": x.interaction_id,
                    "type": x.type,
                    "description": x.description,
                    "learner_response": x.learner_response,
                    "result": x.result,
                    "correct_responses": x.correct_responses,
                    "recorded_at": x.recorded_at,
                }
                for x in r.interactions.all()
            ],
        }
        for r in registrations
    ]


def erase(person, today, now):
    # With her registrations go their sessions, results, waivers, SCORM resume data and
    # interactions.
    return {"package_registrations": Registration.objects.filter(user=person).delete()[0]}


def register():
    personal_data.register_export(
        "package_registrations", _("E-learning packages"), package_registrations
    )
    personal_data.register_eraser(erase)
