import pytest
from django.test import Client

from tests.course_fixtures import catalogue, competence, course, lessons  # noqa: F401


@pytest.fixture(autouse=True)
def package_root(settings, tmp_path):
    """Unpacked packages go to a temporary folder per test."""
    settings.PACKAGES_ROOT = tmp_path / "package-content"
    return settings.PACKAGES_ROOT


@pytest.fixture
def browser(learner):
    """The learner's own browser on the platform: signed in, with her cookies."""
    client = Client()
    client.force_login(learner)
    return client
