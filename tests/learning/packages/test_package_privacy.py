"""A learner's export holds her package data (GDPR art. 15); erasing her (art. 17) removes
her package registrations and with them what a SCO kept for her (location, suspend_data), her
sessions and results; another learner's stay."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from learning.accounts import privacy
from learning.accounts.erasure import erase_person
from learning.packages import scorm
from learning.packages.models import LaunchSession, Registration, ScormData, UnitResult
from learning.packages.upload import import_package

from .scorm_builders import manifest, sco_package

pytestmark = pytest.mark.django_db


def take(user, unit):
    session, token = scorm.launch(user, unit)
    response = Client().post(
        f"/pakker/scorm/{session.session_id}/runtime",
        json.dumps(
            {
                "cmi": {
                    "core": {"lesson_status": "passed", "lesson_location": "s3"},
                    "suspend_data": "mit svar",
                }
            }
        ),
        "application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200


def test_erasing_a_learner_removes_her_scorm_data(learner, outsider, educator, admin_user):
    package = import_package(SimpleUploadedFile("s.zip", sco_package(manifest())), user=educator)
    unit = package.units.get()
    take(learner, unit)
    take(outsider, unit)

    # Her export (GDPR art. 15) holds what the SCO kept for her, and nobody else's.
    (exported,) = privacy.collect(learner)["package_registrations"]
    assert exported["results"][0]["passed_at"] is not None
    assert exported["scorm_data"] == [
        {
            "unit": unit.title,
            "location": "s3",
            "suspend_data": "mit svar",
            "completion_status": "completed",
            "success_status": "passed",
            "objectives": [],
        }
    ]

    log = erase_person(learner, erased_by=admin_user)

    # The registration with its session, result and SCORM data.
    assert log.counts["package_registrations"] == 4
    assert not Registration.objects.filter(user=learner).exists()
    assert list(ScormData.objects.values_list("registration__user", flat=True)) == [outsider.pk]
    assert not LaunchSession.objects.filter(registration__user=learner).exists()
    assert UnitResult.objects.filter(registration__user=outsider).count() == 1
