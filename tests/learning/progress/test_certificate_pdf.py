"""The certificate PDF names what was completed, the competence(s), issuer, duration, validity;
a video guide's is not called a course certificate."""

import datetime
import uuid

import pytest
from django.utils import timezone, translation

from cms.factories import VideoGuidePageFactory
from learning.organisations.factories import OrganisationFactory
from learning.progress.certificates import render_pdf
from learning.progress.models import Certificate
from learning.video.factories import VideoFactory
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db


def certificate_for(user, page, valid_until=None):
    return Certificate.objects.create(
        user=user,
        page=page,
        registration=uuid.uuid4(),
        title=page.title,
        issued_at=timezone.now(),
        valid_until=valid_until,
    )


def test_a_course_certificate_names_competence_issuer_duration_and_validity(
    learner, course, competence
):
    course.owner_organisation = OrganisationFactory(name="Aalborg Kommune")
    course.estimated_minutes = 25
    course.save()
    until = datetime.date(2028, 3, 1)
    with translation.override("da"):
        text = pdf_text(render_pdf(certificate_for(learner, course, until), "https://x/v/ABC"))
    assert "Kursusbevis" in text
    assert "Mette Nielsen" in text and "FMK i hverdagen" in text
    assert f"Kompetence: {competence}, niveau 2" in text
    assert "Udstedt af Aalborg Kommune" in text and "Varighed ca. 25 minutter" in text
    assert "Gyldigt til 1. marts 2028" in text


def test_a_video_guide_certificate_is_not_called_a_course_certificate(
    learner, catalogue, competence
):
    from cms.models import VideoGuideCompetence

    guide = VideoGuidePageFactory(parent=catalogue, title="Log ind i FMK", video=VideoFactory())
    VideoGuideCompetence.objects.create(page=guide, competence=competence, level=1)
    with translation.override("da"):
        text = pdf_text(render_pdf(certificate_for(learner, guide), "https://x/v/ABC"))
    assert "Kursusbevis" not in text
    assert "Bevis for gennemført videoguide" in text and "har gennemført videoguiden" in text
    assert f"Kompetence: {competence}, niveau 1" in text
    assert "Udstedt af eSundhed Akademi" in text and "Gyldigt uden slutdato" in text
