"""A cmi5 session from launch to satisfaction, as the spec says, through HTTP the way a browser
and an AU make it: the learner's session on the platform origin, the AU's token on the content
origin. Every refusal is checked to change nothing."""

import base64
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from learning.competences.models import CompetenceRecord
from learning.packages import statements as lms
from learning.packages.models import LaunchSession, Registration, UnitResult
from learning.packages.upload import import_package
from learning.progress import factories as progress
from learning.progress.activities import for_page as lesson_activity
from learning.progress.models import Enrolment
from learning.xapi import vocabulary
from learning.xapi.models import Credential, Document, Statement

from .builders import au_xml, cmi5_xml, lesson_with_package, zip_bytes

pytestmark = pytest.mark.django_db

CONTENT_HOST = "packages.testserver"
VERSION = {"HTTP_X_EXPERIENCE_API_VERSION": "1.0.3"}


@pytest.fixture
def package(educator):
    files = {"cmi5.xml": cmi5_xml(au_xml()), "index.html": "<p>AU</p>"}
    return import_package(SimpleUploadedFile("p.zip", zip_bytes(files)), user=educator)


@pytest.fixture
def course_lesson(course, package):
    """The course's only lesson holds the package, so satisfying it completes the course."""
    first, *rest = list(course.lessons())
    for lesson in rest:
        lesson.delete()
    return lesson_with_package(first, package)


def start(browser, package, lesson):
    unit = package.units.get()
    response = browser.post(f"/pakker/au/{unit.pk}/start", {"lesson": lesson.pk})
    assert response.status_code == 200
    src = response.content.decode().split('src="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    return response, src


def launch_params(url):
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


def content_client():
    """The AU: no cookies of the platform, talking to the content origin."""
    return Client(HTTP_HOST=CONTENT_HOST)


def fetch(au, params):
    return au.post(urlsplit(params["fetch"]).path)


def read_launch_data(au, params, token):
    """GET LMS.LaunchData as the AU does (cmi5 10), with the session's token."""
    return au.get(
        "/xapi/activities/state",
        {
            "activityId": params["activityId"],
            "agent": params["actor"],
            "registration": params["registration"],
            "stateId": "LMS.LaunchData",
        },
        HTTP_AUTHORIZATION=f"Basic {token}",
        **VERSION,
    )


def statement(session, verb, result=None, **changes):
    data = {
        "actor": json.loads(launch_params_cache[session]["actor"]),
        "verb": verb.as_json(),
        "object": {"objectType": "Activity", "id": launch_params_cache[session]["activityId"]},
        "context": {
            "registration": launch_params_cache[session]["registration"],
            "contextActivities": {
                "grouping": [{"id": session.unit.au_id}],
                "category": [{"id": lms.CMI5_CATEGORY}],
            },
            "extensions": {lms.SESSION_ID: str(session.session_id)},
        },
    }
    if result is not None:
        data["result"] = result
    data.update(changes)
    return data


launch_params_cache = {}


def launch(browser, package, lesson):
    """The learner starts the AU: (response, launch URL, its parameters, the launch session);
    the parameters are kept for ``statement``."""
    response, url = start(browser, package, lesson)
    params = launch_params(url)
    session = LaunchSession.objects.get()
    launch_params_cache[session] = params
    return response, url, params, session


def send(au, token, data, method="post"):
    return getattr(au, method)(
        "/xapi/statements",
        json.dumps(data),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {token}",
        **VERSION,
    )


def test_a_learner_launches_an_au_and_satisfies_the_course(
    browser, learner, package, course, course_lesson, competence
):
    progress.start(learner, course)
    response, url, params, session = launch(browser, package, course_lesson)

    # 8.1: the five launch parameters, on the content origin.
    assert url.startswith(f"http://{CONTENT_HOST}/files/{package.storage_key}/index.html?")
    assert params["endpoint"] == f"http://{CONTENT_HOST}/xapi/"
    assert params["fetch"].startswith(f"http://{CONTENT_HOST}/fetch/")
    assert json.loads(params["actor"])["account"]["name"] == str(learner.actor_id)
    assert params["registration"] == str(Registration.objects.get().registration)
    assert params["activityId"] == lms.au_activity_id(package.units.get())
    assert response["Content-Security-Policy"].count(f"http://{CONTENT_HOST}") == 1

    # 10 and 9.3.1: LMS.LaunchData and "launched" exist before the AU runs.
    data = json.loads(bytes(Document.objects.get(document_id="LMS.LaunchData").content))
    assert data["launchMode"] == "Normal"
    assert data["moveOn"] == "CompletedAndPassed"
    assert data["masteryScore"] == 0.8
    assert data["returnURL"] == f"http://testserver{course_lesson.url}"
    assert data["contextTemplate"]["extensions"][lms.SESSION_ID] == str(session.session_id)
    assert data["entitlementKey"]["courseStructure"]
    launched = Statement.objects.get(verb_id=vocabulary.LAUNCHED.id)
    assert launched.data["context"]["registration"] == params["registration"]

    # 8.2: one token per fetch URL; the second fetch is refused with error-code 1.
    au = content_client()
    first = fetch(au, params)
    assert first.status_code == 200
    token = first.json()["auth-token"]
    second = fetch(au, params)
    assert second.json()["error-code"] == "1"
    assert "auth-token" not in second.json()
    assert Credential.objects.count() == 1

    # The AU reads LMS.LaunchData with its token.
    state = read_launch_data(au, params, token)
    assert state.status_code == 200
    assert json.loads(state.content)["launchMode"] == "Normal"

    # 9.3.2: nothing before "initialized".
    before = Statement.objects.count()
    completed = statement(session, vocabulary.COMPLETED, {"completion": True, "duration": "PT1M"})
    assert send(au, token, completed).status_code == 403
    assert Statement.objects.count() == before

    assert send(au, token, statement(session, vocabulary.INITIALIZED)).status_code == 200
    passed = statement(
        session,
        vocabulary.PASSED,
        {"success": True, "score": {"scaled": 0.9}, "duration": "PT2M"},
    )
    assert send(au, token, passed).status_code == 200
    assert not Registration.objects.get().satisfied_at  # CompletedAndPassed: not yet
    assert send(au, token, completed).status_code == 200
    terminated = statement(session, vocabulary.TERMINATED, {"duration": "PT3M"})
    assert send(au, token, terminated).status_code == 200

    # Satisfied: the registration, the LMS's "satisfied", the lesson, the course, the competence.
    assert Registration.objects.get().satisfied_at is not None
    assert Statement.objects.filter(verb_id=vocabulary.SATISFIED.id).count() == 1
    enrolment = Enrolment.objects.get(user=learner, page_id=course.pk)
    assert enrolment.completed_at is not None
    assert CompetenceRecord.objects.filter(user=learner, competence=competence).exists()

    # 9.3.8: nothing after "terminated".
    before = Statement.objects.count()
    late = statement(session, vocabulary.PROGRESSED)
    refused = send(au, token, late)
    assert refused.status_code == 403
    assert "terminated" in refused.json()["error"]
    assert Statement.objects.count() == before

    # Replaying the log rebuilds the same results and stores nothing twice.
    call_command("rebuild_progress")
    assert Statement.objects.count() == before
    assert Registration.objects.get().satisfied_at is not None
    result = UnitResult.objects.get()
    assert result.passed_at and result.completed_at and result.score_scaled == 0.9
    session.refresh_from_db()
    assert session.terminated_at is not None
    assert Enrolment.objects.get(user=learner, page_id=course.pk).completed_at is not None


@pytest.fixture
def open_session(browser, package, course_lesson):
    _response, _url, params, session = launch(browser, package, course_lesson)
    au = content_client()
    token = fetch(au, params).json()["auth-token"]
    assert send(au, token, statement(session, vocabulary.INITIALIZED)).status_code == 200
    return session, au, token


@pytest.mark.parametrize(
    ("verb", "result", "changes", "status"),
    [
        (
            vocabulary.PASSED,
            {"success": True, "score": {"scaled": 0.5}, "duration": "PT1S"},
            {},
            400,
        ),
        (vocabulary.PASSED, {"success": True, "score": {"scaled": 0.9}}, {}, 400),
        (
            vocabulary.FAILED,
            {"success": False, "score": {"scaled": 0.9}, "duration": "PT1S"},
            {},
            400,
        ),
        (vocabulary.COMPLETED, {"completion": False, "duration": "PT1S"}, {}, 400),
        (vocabulary.SATISFIED, None, {}, 403),
        (vocabulary.INITIALIZED, None, {}, 403),
        (
            vocabulary.COMPLETED,
            {"completion": True, "duration": "PT1S"},
            {"object": {"id": "https://example.org/another"}},
            400,
        ),
        (
            vocabulary.PROGRESSED,
            None,
            {"actor": {"mbox": "mailto:someone@example.org"}},
            400,
        ),
    ],
    ids=[
        "passed-below-mastery",
        "passed-without-duration",
        "failed-at-mastery",
        "completed-without-completion",
        "lms-verb",
        "second-initialized",
        "other-object",
        "other-actor",
    ],
)
def test_the_au_may_not_break_the_cmi5_rules(open_session, verb, result, changes, status):
    session, au, token = open_session
    before = Statement.objects.count()
    response = send(au, token, statement(session, verb, result, **changes))
    assert response.status_code == status, response.content
    assert Statement.objects.count() == before
    assert not UnitResult.objects.exists()


def test_a_statement_without_the_session_id_is_refused(open_session):
    session, au, token = open_session
    data = statement(session, vocabulary.PROGRESSED)
    data["context"]["extensions"] = {}
    assert send(au, token, data).status_code == 400


def test_the_token_works_only_on_the_content_origin(open_session):
    session, _au, token = open_session
    before = Statement.objects.count()
    platform = Client()
    response = send(platform, token, statement(session, vocabulary.PROGRESSED))
    assert response.status_code == 403
    assert Statement.objects.count() == before


def test_the_content_origin_ignores_the_platform_session(browser, open_session):
    session, _au, _token = open_session
    browser.defaults["HTTP_HOST"] = CONTENT_HOST
    before = Statement.objects.count()
    response = send(browser, "", statement(session, vocabulary.PROGRESSED))
    assert response.status_code == 401
    assert Statement.objects.count() == before
    assert "sessionid" not in response.cookies
    # and the platform's pages are not there
    assert browser.get("/laering/min-laering/").status_code == 404


def test_a_forged_passed_with_another_credential_satisfies_nothing(open_session, learner):
    session, _au, _token = open_session
    other = Credential.issue("leverandør", ["statements/write"])
    data = statement(
        session, vocabulary.PASSED, {"success": True, "score": {"scaled": 1.0}, "duration": "PT1S"}
    )
    key = base64.b64encode(f"{other.key}:{other.secret}".encode()).decode()
    assert send(Client(), key, data).status_code == 200  # the LRS takes it as a statement...
    assert not UnitResult.objects.exists()  # ...but it is not the session's
    assert Registration.objects.get().satisfied_at is None


def test_an_au_may_not_read_another_learners_state(open_session, outsider):
    from learning.xapi.actors import actor_for

    session, au, token = open_session
    response = au.get(
        "/xapi/activities/state",
        {
            "activityId": launch_params_cache[session]["activityId"],
            "agent": json.dumps(actor_for(outsider)),
            "stateId": "LMS.LaunchData",
        },
        HTTP_AUTHORIZATION=f"Basic {token}",
        **VERSION,
    )
    assert response.status_code == 403


def test_a_new_launch_abandons_the_open_session(browser, open_session, package, course_lesson):
    session, au, token = open_session
    start(browser, package, course_lesson)
    session.refresh_from_db()
    assert session.abandoned_at is not None
    assert Statement.objects.filter(verb_id=vocabulary.ABANDONED.id).count() == 1
    before = Statement.objects.count()
    assert send(au, token, statement(session, vocabulary.PROGRESSED)).status_code == 403
    assert Statement.objects.count() == before
    assert LaunchSession.objects.count() == 2


def test_package_files_come_from_the_content_origin_only(package):
    au = content_client()
    response = au.get(f"/files/{package.storage_key}/index.html")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"<p>AU</p>"
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self' http://testserver" in policy
    assert "connect-src 'self'" in policy
    assert au.get(f"/files/{package.storage_key}/../../cmi5.xml").status_code == 404
    assert Client().get(f"/files/{package.storage_key}/index.html").status_code == 404


def test_the_lms_waives_an_au_and_a_posted_waived_statement_waives_nothing(
    learner, package, course, course_lesson
):
    from learning.packages.models import Waiver
    from learning.packages.satisfaction import is_package_satisfied, waive
    from learning.xapi.store import store_statements

    unit = package.units.get()
    # A "waived" statement the learner posts herself (a session may write statements) is
    # stored but waives nothing.
    registration = Registration.objects.create(user=learner, package=package)
    store_statements([lms.waived(registration, unit, "Administrative")])
    assert not is_package_satisfied(learner, package)

    with pytest.raises(ValueError):
        waive(learner, unit, "Because")
    waive(learner, unit, "Tested Out")
    assert is_package_satisfied(learner, package)
    assert Waiver.objects.get().reason == "Tested Out"
    waived = Statement.objects.filter(verb_id=vocabulary.WAIVED.id).order_by("stored").last()
    assert waived.data["result"]["extensions"][lms.REASON] == "Tested Out"
    assert Statement.objects.filter(verb_id=vocabulary.SATISFIED.id).count() == 1

    call_command("rebuild_progress")
    assert is_package_satisfied(learner, package)
    assert Statement.objects.filter(verb_id=vocabulary.SATISFIED.id).count() == 1


def test_an_own_window_au_takes_the_whole_window(browser, package, course_lesson):
    unit = package.units.get()
    unit.launch_method = "OwnWindow"
    unit.save()
    response = browser.post(f"/pakker/au/{unit.pk}/start", {"lesson": course_lesson.pk})
    assert response.status_code == 302
    assert response["Location"].startswith(f"http://{CONTENT_HOST}/files/{package.storage_key}/")
    assert "fetch=" in response["Location"]


def test_a_launch_needs_a_login_and_a_lesson_holding_the_package(
    client, browser, package, course, course_lesson
):
    unit = package.units.get()
    anonymous = client.post(f"/pakker/au/{unit.pk}/start", {"lesson": course_lesson.pk})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    other_lesson = course  # a page without the package
    assert (
        browser.post(f"/pakker/au/{unit.pk}/start", {"lesson": other_lesson.pk}).status_code == 404
    )
    assert browser.post(f"/pakker/au/{unit.pk}/start", {"lesson": "x"}).status_code == 404
    assert browser.get(f"/pakker/au/{unit.pk}/start").status_code == 405
    assert not LaunchSession.objects.exists()
    assert not Statement.objects.filter(verb_id=vocabulary.LAUNCHED.id).exists()


def test_the_fetch_url_takes_post_only_and_unknown_tokens_get_error_code_3(package):
    au = content_client()
    assert au.get("/fetch/nonsense").status_code == 405
    refused = au.post("/fetch/nonsense")
    assert refused.json() == {"error-code": "3", "error-text": "Invalid Request"}
    assert not Credential.objects.exists()


def test_a_package_lesson_is_not_done_by_its_button_or_a_posted_statement(
    browser, learner, course, course_lesson
):
    """The completion rule treats a package as the lesson's assessment: neither the "mark as
    done" form nor a "completed" lesson statement from the learner's own session completes it."""
    progress.start(learner, course)
    before = Statement.objects.count()

    refused = browser.post(f"/laering/lektion/{course_lesson.pk}/faerdig/")
    page = browser.get(course_lesson.url).content.decode()

    assert refused.status_code == 403
    assert Statement.objects.count() == before
    assert "Markér lektionen som færdig" not in page
    assert "gennemført e-læringen i den" in page

    posted = vocabulary.completed_lesson(
        learner,
        lesson_activity(course_lesson),
        course_lesson.title,
        lesson_activity(course),
        Enrolment.objects.get(user=learner).registration,
    )
    answer = browser.post(
        "/xapi/statements", json.dumps(posted), content_type="application/json", **VERSION
    )

    assert answer.status_code == 200  # stored as said, but it is no evidence
    assert Enrolment.objects.get(user=learner).completed_at is None
    assert not CompetenceRecord.objects.filter(user=learner).exists()
    assert "gennemfør “" in browser.get(course.url).content.decode()


def test_a_learner_of_another_employer_takes_a_package_owned_by_aalborg(
    browser, learner, package, course_lesson
):
    """Everyone takes shared content: the session's token reads the learner's own LaunchData
    even when the package belongs to an organisation she does not work for."""
    from learning.organisations.factories import JobAssignmentFactory, OrganisationFactory

    aalborg = OrganisationFactory(name="Aalborg Kommune")
    JobAssignmentFactory(user=learner, unit=OrganisationFactory(name="Hjørring Kommune"))
    type(package).objects.filter(pk=package.pk).update(organisation=aalborg)
    _response, url = start(browser, package, course_lesson)
    params = launch_params(url)
    au = content_client()
    token = fetch(au, params).json()["auth-token"]

    state = read_launch_data(au, params, token)

    assert state.status_code == 200
    assert json.loads(state.content)["launchMode"] == "Normal"
