import pytest

from tests.course_fixtures import catalogue, competence, course, lessons  # noqa: F401


@pytest.fixture(autouse=True)
def package_root(settings, tmp_path):
    """Unpacked packages go to a temporary folder per test."""
    settings.PACKAGES_ROOT = tmp_path / "package-content"
    return settings.PACKAGES_ROOT
