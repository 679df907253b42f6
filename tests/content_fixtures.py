"""Two employers' educators and content, for the ownership and review tests (import the
fixtures in a conftest).

Hjørring Kommune owns a course (with lessons), a quiz with a question, and a video with
captions in its collection; Jesper and Lise are its educators. Birgit is an educator employed by
Aalborg Kommune, which owns nothing here. Hanne manages a Hjørring unit; Mette is a learner
there.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from learning.accounts.factories import UserFactory
from learning.organisations.factories import (
    JobAssignmentFactory,
    ManagerScopeFactory,
    OrganisationFactory,
)
from learning.organisations.models import Sector
from learning.organisations.permissions import content_collection

WEBVTT = b"WEBVTT\n\n00:00.000 --> 00:02.000\nHej og velkommen.\n"


@pytest.fixture
def hjorring(db):
    return OrganisationFactory(name="Hjørring Kommune", sector=Sector.MUNICIPALITY)


@pytest.fixture
def hjorring_unit(hjorring):
    return OrganisationFactory(name="Hjemmesygeplejen Hjørring", parent=hjorring)


@pytest.fixture
def aalborg(db):
    return OrganisationFactory(name="Aalborg Kommune", sector=Sector.MUNICIPALITY)


def _educator(email, first, unit):
    user = UserFactory(email=email, first_name=first)
    user.groups.add(Group.objects.get(name="Editors"))
    JobAssignmentFactory(user=user, unit=unit)
    return user


@pytest.fixture
def jesper(educator, hjorring_unit):
    """Jesper, educator employed in Hjørring (the conftest persona, now with an employer)."""
    JobAssignmentFactory(user=educator, unit=hjorring_unit)
    return educator


@pytest.fixture
def lise(hjorring_unit):
    """A second Hjørring educator: the reviewer."""
    return _educator("lise@example.org", "Lise", hjorring_unit)


@pytest.fixture
def birgit(aalborg):
    """An educator employed by Aalborg Kommune."""
    return _educator("birgit@example.org", "Birgit", OrganisationFactory(parent=aalborg))


@pytest.fixture
def hanne(manager, hjorring_unit):
    ManagerScopeFactory(manager=manager, unit=hjorring_unit)
    return manager


@pytest.fixture
def mette(learner, hjorring_unit):
    JobAssignmentFactory(user=learner, unit=hjorring_unit)
    return learner


@pytest.fixture
def hjorring_course(course, hjorring):
    course.owner_organisation = hjorring
    course.save_revision().publish()
    return course


@pytest.fixture
def hjorring_quiz(hjorring):
    from quizzes.factories import QuestionFactory, QuizFactory

    question = QuestionFactory(owner_organisation=hjorring)
    return QuizFactory(
        title="FMK-quiz", pass_mark=80, owner_organisation=hjorring, questions=[question]
    )


@pytest.fixture
def hjorring_video(hjorring):
    from wagtailmedia.models import Media

    media = Media.objects.create(
        title="Log ind i FMK",
        type="video",
        file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="fmk.mp4"),
        collection=content_collection(hjorring),
    )
    return media


@pytest.fixture
def hjorring_captions(hjorring_video):
    from learning.video.models import CaptionTrack

    return CaptionTrack.objects.create(
        media=hjorring_video, language="da", file=ContentFile(WEBVTT, name="fmk.da.vtt")
    )
