"""Waiving an AU and taking the waiver back, in Chromium on a phone.

Jesper, an educator of the organisation that owns a cmi5 package, opens the waiving screen from
the lesson, waives the AU for Mette (her course completes), sees the waiver in the list and
withdraws it: the LRS voids what it satisfied, and her course is no longer complete.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cms.demo import DEMO_PASSWORD
from tests.browser.conftest import (
    PHONE,
    assert_accessible,
    assert_no_horizontal_scroll,
    browser_page,
    log_in,
)
from tests.learning.packages.builders import au_xml, cmi5_xml, zip_bytes

pytestmark = pytest.mark.browser

LEARNER = "mette@example.org"
EDUCATOR = "jesper@example.org"


@pytest.fixture
def lesson(live_server, catalogue_site, settings, tmp_path):
    from django.contrib.auth import get_user_model

    from cms.factories import course_with_lessons
    from cms.models import CatalogPage
    from learning.organisations.models import Organisation
    from learning.organisations.permissions import employer_paths
    from learning.packages.upload import import_package
    from learning.progress import factories as progress
    from tests.learning.packages.builders import lesson_with_package

    settings.WAGTAILADMIN_BASE_URL = live_server.url
    settings.PACKAGES_ROOT = tmp_path / "package-content"
    educator = get_user_model().objects.get(email=EDUCATOR)
    owner = Organisation.objects.filter(path__in=employer_paths(educator)).first()
    files = {"cmi5.xml": cmi5_xml(au_xml()), "index.html": "<p>AU</p>"}
    package = import_package(
        SimpleUploadedFile("p.zip", zip_bytes(files)), user=educator, organisation=owner
    )
    course, (lesson,) = course_with_lessons(
        CatalogPage.objects.get(), lessons=1, title="Håndhygiejne i hjemmeplejen"
    )
    progress.start(get_user_model().objects.get(email=LEARNER), course)
    return live_server.url, course, lesson_with_package(lesson, package)


def test_an_educator_waives_an_au_and_withdraws_the_waiver_on_a_phone(chromium, lesson):
    from learning.packages.models import Registration, Waiver
    from learning.progress.models import Enrolment

    base, course, page_of_lesson = lesson
    with browser_page(chromium, PHONE) as page:
        log_in(page, base, EDUCATOR, DEMO_PASSWORD)
        page.goto(f"{base}{page_of_lesson.url}")
        with page.expect_navigation():
            page.get_by_role("link", name="Fritag en deltager for en AU").click()
        assert "Der er ikke givet fritagelser for denne pakke." in page.inner_text("main")
        assert_accessible(page)
        assert_no_horizontal_scroll(page)

        page.get_by_label("Deltagerens e-mailadresse").fill(LEARNER)
        page.get_by_label("Begrundelse").select_option("Tested Out")
        with page.expect_navigation():
            page.get_by_role("button", name="Fritag", exact=True).click()
        main = page.inner_text("main")
        assert f"{LEARNER} er fritaget for Håndhygiejne i hjemmeplejen." in main
        assert f"{LEARNER} fritaget for Håndhygiejne i hjemmeplejen" in main
        assert Enrolment.objects.get(user__email=LEARNER, page_id=course.pk).completed_at
        assert_accessible(page)
        assert_no_horizontal_scroll(page)

        with page.expect_navigation():
            page.get_by_role("button", name="Tilbagekald").click()
        main = page.inner_text("main")
        assert f"Fritagelsen af {LEARNER} for Håndhygiejne i hjemmeplejen er tilbagekaldt." in main
        assert "Der er ikke givet fritagelser for denne pakke." in main
        assert not Waiver.objects.exists()
        assert Registration.objects.get(user__email=LEARNER).satisfied_at is None
        assert Enrolment.objects.get(user__email=LEARNER, page_id=course.pk).completed_at is None
        assert_accessible(page)
