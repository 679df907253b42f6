"""Helpers for the privacy tests: a person with something in every table an export reads."""

from allauth.socialaccount.models import SocialAccount

from learning.competences.factories import CompetenceRecordFactory
from learning.organisations.factories import JobAssignmentFactory, StaffProfileFactory
from learning.reports.models import AccessLog
from learning.sso.factories import SocialAppFactory
from learning.sso.mapping import apply_claims
from learning.xapi import vocabulary as v
from learning.xapi.store import store_statements
from quizzes.factories import AttemptFactory

COURSE = "https://akademi.example/kurser/fmk"


def statements_for(user, course=COURSE):
    """Store a completion, a quiz result and a video event for ``user``; returns their ids."""
    return store_statements(
        [
            v.completed_course(user, course, "FMK"),
            v.finished_quiz(user, course + "/quiz", "FMK-quiz", raw=3, maximum=4, passed=True),
            v.video_event(
                user, v.PLAYED, course + "/video", "Log ind", session_id="s1", length=90.0, time=1.0
            ),
        ]
    )


def fill(user, viewer=None):
    """Give ``user`` a row in most personal tables; ``viewer`` looked at their record."""
    StaffProfileFactory(user=user)
    JobAssignmentFactory(user=user)
    CompetenceRecordFactory(user=user, note=f"Signed off for {user.first_name}")
    AttemptFactory(user=user)
    # Logged in once through the employer's identity provider.
    app = SocialAppFactory(name="Aalborg Kommune")
    SocialAccount.objects.create(
        user=user,
        provider=app.provider_id,
        uid=f"emp-{user.pk}",
        extra_data={
            "userinfo": {
                "email": user.email,
                "given_name": user.first_name,
                "family_name": user.last_name,
                "unit": "AAL-NORD",
            }
        },
    )
    apply_claims(user, app, {"unit": "AAL-NORD"})
    if viewer is not None:
        AccessLog.objects.create(viewer=viewer, person=user)
    return statements_for(user)
