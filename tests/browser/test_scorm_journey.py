"""A SCORM package from upload to competence, in Chromium, once per SCORM version.

Jesper uploads a real SCO (its script calls LMSInitialize/LMSSetValue/LMSCommit/LMSFinish for
SCORM 1.2, Initialize/SetValue/Commit/Terminate for 2004) through the Wagtail admin, after an
invalid manifest is refused in Danish. Mette, on a phone, launches it: the player frames the
SCORM host page of the content origin, which runs scorm-again from the platform's static files
and frames the SCO; she finishes it and sees the lesson and the course complete with the
competence recorded. On a new browser context (another phone) she resumes where she left off.
"""

import pytest

from cms.demo import DEMO_PASSWORD
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    assert_accessible,
    assert_no_horizontal_scroll,
    browser_page,
    log_in,
    wait_for,
)
from tests.browser.test_package_journey import (  # noqa: F401 - fixtures
    back_to_the_lesson,
    course,
    site,
    upload,
)
from tests.learning.packages.scorm_builders import manifest, resource, sco_package

pytestmark = pytest.mark.browser

LEARNER = "mette@example.org"
EDUCATOR = "jesper@example.org"


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_scorm_package_is_taken_to_the_end_and_resumed_on_a_phone(
    chromium,
    site,  # noqa: F811
    course,  # noqa: F811
    version,
):
    from learning.competences.models import CompetenceRecord
    from learning.packages.models import Package, Registration, ScormData
    from learning.progress.models import Enrolment
    from learning.xapi.models import Statement
    from tests.learning.packages.builders import lesson_with_package

    base = site
    course_page, lesson, competence = course

    # Jesper: a manifest whose SCO lies outside the package is refused in Danish, nothing
    # stored; the real package is taken.
    with browser_page(chromium, DESKTOP) as admin:
        log_in(admin, base, EDUCATOR, DEMO_PASSWORD)
        bad = manifest(version, resources=[resource(href="../index.html", version=version)])
        upload(admin, base, sco_package(bad, version=version), "forkert.zip")
        assert "skal blive inde i pakken: ../index.html" in admin.locator("main").inner_text()
        assert Package.objects.count() == 0
        upload(admin, base, sco_package(manifest(version), version=version), "forflytning.zip")
        assert Package.objects.count() == 1, admin.locator("main").inner_text()[:2000]
    package = Package.objects.get()
    assert package.kind == ("scorm12" if version == "1.2" else "scorm2004")
    lesson_with_package(lesson, package)
    sco = package.units.get()
    start = f"form[action='/pakker/au/{sco.pk}/start'] button"

    def open_sco(page):
        with page.expect_navigation(wait_until="commit"):
            page.locator(start).click()
        host = page.frame_locator("iframe.package-player__frame")
        inner = host.frame_locator("iframe#sco")
        status = inner.locator("#status")
        assert wait_for(lambda: status.inner_text() == f"Klar (SCORM {version})"), (
            status.inner_text()
        )
        return inner

    registration = None

    # Mette on her phone: start the course, launch the SCO, finish it.
    with browser_page(chromium, PHONE) as page:
        log_in(page, base, LEARNER, DEMO_PASSWORD)
        page.goto(f"{base}{course_page.url}")
        with page.expect_navigation():
            page.locator("form[action*='/laering/start/'] button").click()
        assert "Ikke startet" in page.locator(".package-block").inner_text()
        assert "Forflytning af borgere" in page.locator(".package-block").inner_text()
        sco_frame = open_sco(page)
        assert sco_frame.locator("#resume").inner_text() == "Første besøg (ab-initio)"
        assert_no_horizontal_scroll(page)
        assert_accessible(page)
        # The SCO's LMSCommit reached the platform: the bookmark is kept.
        assert wait_for(lambda: ScormData.objects.filter(location="side-2").exists())
        sco_frame.get_by_role("button", name="Afslut").click()
        assert sco_frame.locator("#status").inner_text() == "Færdig"
        registration = Registration.objects.get(user__email=LEARNER, package=package)
        assert wait_for(lambda: Registration.objects.get(pk=registration.pk).satisfied_at)
        assert wait_for(
            lambda: Statement.objects.filter(
                registration=registration.registration, verb_id__endswith="/terminated"
            ).exists()
        )

        # The lesson and the course are complete, the competence recorded.
        back_to_the_lesson(page)
        assert page.url == f"{base}{lesson.url}"
        assert "Gennemført og bestået" in page.locator(".package-block").inner_text()
        enrolment = Enrolment.objects.get(user__email=LEARNER, page_id=course_page.pk)
        assert enrolment.completed_at is not None
        assert CompetenceRecord.objects.filter(user__email=LEARNER, competence=competence).exists()
        verbs = [
            verb.rsplit("/", 1)[-1]
            for verb in Statement.objects.filter(registration=registration.registration)
            .order_by("stored", "id")
            .values_list("verb_id", flat=True)
        ]
        # The SCO commits its result, then finishes: "satisfied" comes before "terminated".
        assert verbs == ["initialized", "passed", "completed", "satisfied", "terminated"]
        passed = Statement.objects.get(
            registration=registration.registration, verb_id__endswith="/passed"
        )
        assert passed.data["result"]["score"]["scaled"] == 0.9

    # Another phone (a new browser context): the lesson is done, and the SCO resumes.
    with browser_page(chromium, PHONE) as page:
        log_in(page, base, LEARNER, DEMO_PASSWORD)
        page.goto(f"{base}{lesson.url}")
        assert "Gennemført og bestået" in page.locator(".package-block").inner_text()
        sco_frame = open_sco(page)
        assert (
            sco_frame.locator("#resume").inner_text()
            == "Fortsætter på side side-2 (svar1=ja, resume)"
        )
        # Her new answers are kept for the next time.
        assert wait_for(
            lambda: ScormData.objects.filter(
                location="side-3", suspend_data="svar1=ja;svar2=nej"
            ).exists()
        )
        assert_accessible(page)
