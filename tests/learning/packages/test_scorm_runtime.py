"""The SCORM runtime over HTTP, the way the browser makes the requests: the learner's session
starts the SCO on the platform; the SCORM host page on the content origin reads the launch
token from its fragment and talks to the platform's runtime URL with it and no cookie. Commits
become statements, the package satisfies the lesson and the course, and the learner resumes
where she left off. Every refusal is checked to change nothing."""

import json
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from learning.competences.models import CompetenceRecord
from learning.packages.models import LaunchSession, Registration, ScormData, UnitResult
from learning.packages.upload import import_package
from learning.progress import factories as progress
from learning.progress.models import Enrolment
from learning.xapi import vocabulary
from learning.xapi.models import Statement

from .builders import lesson_with_package
from .scorm_builders import manifest, sco_package

pytestmark = pytest.mark.django_db

CONTENT = "http://packages.testserver"


def package_of(version, educator):
    content = sco_package(manifest(version), version=version)
    return import_package(SimpleUploadedFile("sco.zip", content), user=educator)


def only_lesson(course, package):
    first, *rest = list(course.lessons())
    for lesson in rest:
        lesson.delete()
    return lesson_with_package(first, package)


def start(browser, package, lesson):
    """Press Start; returns (session id, launch token) from the player's frame URL."""
    unit = package.units.get()
    response = browser.post(f"/pakker/au/{unit.pk}/start", {"lesson": lesson.pk})
    assert response.status_code == 200
    src = response.content.decode().split('class="package-player__frame" src="', 1)[1]
    src = src.split('"', 1)[0].replace("&amp;", "&")
    parts = urlsplit(src)
    assert f"{parts.scheme}://{parts.netloc}" == CONTENT
    assert parts.path.startswith("/scorm/") and parts.fragment.startswith("token=")
    return parts.path.split("/")[2], parts.fragment.removeprefix("token=")


def host_page():
    """The SCORM host page's script: on the content origin, with no platform cookie."""
    return Client(HTTP_ORIGIN=CONTENT)


def runtime(session_id):
    return f"/pakker/scorm/{session_id}/runtime"


def get_data(client, session_id, token):
    return client.get(runtime(session_id), HTTP_AUTHORIZATION=f"Bearer {token}")


def commit(client, session_id, token, cmi, terminated=False, **headers):
    body = {"cmi": cmi}
    if terminated:
        body["terminated"] = True
    if token is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client.post(runtime(session_id), json.dumps(body), "application/json", **headers)


# What scorm-again commits for each version (its JSON format), at the start and at the end.
WORKING = {
    "1.2": {
        "core": {"lesson_location": "side-2", "lesson_status": "incomplete", "exit": ""},
        "suspend_data": "svar1=ja",
    },
    "2004": {
        "location": "side-2",
        "completion_status": "incomplete",
        "success_status": "unknown",
        "suspend_data": "svar1=ja",
    },
}
FINISHED = {
    "1.2": {
        "core": {
            "lesson_location": "side-2",
            "lesson_status": "passed",
            "exit": "suspend",
            "score": {"raw": "90", "min": "0", "max": "100"},
            "session_time": "00:01:00",
        },
        "suspend_data": "svar1=ja",
    },
    "2004": {
        "location": "side-2",
        "completion_status": "completed",
        "success_status": "passed",
        "exit": "suspend",
        "score": {"scaled": "0.9", "raw": "9", "min": "0", "max": "10"},
        "suspend_data": "svar1=ja",
    },
}


def verbs(registration):
    return [
        verb.rsplit("/", 1)[-1]
        for verb in Statement.objects.filter(registration=registration.registration)
        .order_by("stored", "id")
        .values_list("verb_id", flat=True)
    ]


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_sco_is_taken_to_the_end_and_resumed_on_another_device(
    browser, learner, educator, course, competence, version
):
    package = package_of(version, educator)
    lesson = only_lesson(course, package)
    progress.start(learner, course)
    session_id, token = start(browser, package, lesson)
    session = LaunchSession.objects.get(session_id=session_id)
    assert session.fetched_at is not None  # the cmi5 fetch URL never answers it

    # The host page on the content origin: scorm-again and the host script from the
    # platform's static files (collected from node_modules), commits to the platform only.
    page = Client(HTTP_HOST="packages.testserver").get(f"/scorm/{session_id}/")
    assert page.status_code == 200
    runtime_file = "scorm12" if version == "1.2" else "scorm2004"
    html = page.content.decode()
    assert f'src="http://testserver/static/scorm-again/{runtime_file}.min.js"' in html
    assert f'data-runtime="http://testserver/pakker/scorm/{session_id}/runtime"' in html
    assert f'data-sco="{CONTENT}/files/{package.storage_key}/index.html"' in html
    assert token not in html
    policy = page["Content-Security-Policy"]
    assert "connect-src http://testserver;" in policy
    assert "frame-ancestors http://testserver" in policy
    assert finders.find(f"scorm-again/{runtime_file}.min.js")

    # The runtime data to start with: her pseudonymous id, no name, a first attempt.
    script = host_page()
    data = get_data(script, session_id, token)
    assert data.status_code == 200
    assert data["Access-Control-Allow-Origin"] == CONTENT
    assert "Access-Control-Allow-Credentials" not in data
    cmi = data.json()["cmi"]
    if version == "1.2":
        assert cmi["core"]["student_id"] == str(learner.actor_id)
        assert cmi["core"]["entry"] == "ab-initio"
        assert cmi["core"]["student_name"] == ""
    else:
        assert cmi["learner_id"] == str(learner.actor_id)
        assert cmi["entry"] == "ab-initio"
    preflight = script.options(runtime(session_id))
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == CONTENT
    assert "Authorization" in preflight["Access-Control-Allow-Headers"]

    # LMSInitialize ... LMSCommit: "initialized", and the bookmark is kept.
    response = commit(script, session_id, token, WORKING[version])
    assert response.status_code == 200, response.content
    assert response.json() == {"result": "true", "errorCode": 0}
    registration = Registration.objects.get(user=learner, package=package)
    assert verbs(registration) == ["initialized"]
    kept = ScormData.objects.get(registration=registration)
    assert (kept.location, kept.suspend_data) == ("side-2", "svar1=ja")
    assert registration.satisfied_at is None

    # Passed with a score, LMSFinish / Terminate: the lesson, the course and the competence.
    response = commit(script, session_id, token, FINISHED[version], terminated=True)
    assert response.status_code == 200, response.content
    # One commit, one batch: the LMS's "satisfied" follows the batch that met the rule.
    assert verbs(registration) == ["initialized", "passed", "completed", "terminated", "satisfied"]
    passed = Statement.objects.get(verb_id=vocabulary.PASSED.id)
    assert passed.data["result"]["score"]["scaled"] == 0.9
    assert passed.data["object"]["id"].endswith(f"/packages/{package.storage_key}/au/0")
    assert passed.data["actor"]["account"]["name"] == str(learner.actor_id)
    registration.refresh_from_db()
    assert registration.satisfied_at is not None
    result = UnitResult.objects.get(registration=registration)
    assert result.completed_at and result.passed_at and result.score_scaled == 0.9
    assert Enrolment.objects.get(user=learner, page_id=course.pk).completed_at is not None
    assert CompetenceRecord.objects.filter(user=learner, competence=competence).exists()
    block = browser.get(lesson.url).content.decode()
    assert "Gennemført og bestået" in block

    # Nothing is taken after the end.
    before = Statement.objects.count()
    late = commit(script, session_id, token, WORKING[version])
    assert late.status_code == 409
    assert Statement.objects.count() == before
    kept.refresh_from_db()
    assert kept.exit == "suspend"

    # Another device: a new launch starts where she left off.
    other_phone = Client()
    other_phone.force_login(learner)
    new_id, new_token = start(other_phone, package, lesson)
    cmi = get_data(host_page(), new_id, new_token).json()["cmi"]
    if version == "1.2":
        assert cmi["core"]["lesson_location"] == "side-2"
        assert cmi["core"]["entry"] == "resume"
        assert cmi["core"]["lesson_status"] == "passed"
    else:
        assert (cmi["location"], cmi["entry"]) == ("side-2", "resume")
        assert (cmi["completion_status"], cmi["success_status"]) == ("completed", "passed")
    assert cmi["suspend_data"] == "svar1=ja"
    # Finishing again adds no second "completed", and "passed" only when the status changes.
    response = commit(host_page(), new_id, new_token, FINISHED[version], terminated=True)
    assert response.status_code == 200
    session_key = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
    new_session = [
        s.verb_id.rsplit("/", 1)[-1]
        for s in Statement.objects.filter(registration=registration.registration)
        if s.data["context"].get("extensions", {}).get(session_key) == new_id
    ]
    assert sorted(new_session) == [
        "initialized",
        "terminated",
    ]

    # Replaying the log rebuilds the same results and stores nothing twice.
    before = Statement.objects.count()
    call_command("rebuild_progress")
    assert Statement.objects.count() == before
    registration.refresh_from_db()
    assert registration.satisfied_at is not None


def test_a_completed_sco_whose_test_failed_does_not_satisfy_until_passed(
    browser, learner, educator, course, competence
):
    package = package_of("2004", educator)
    lesson = only_lesson(course, package)
    progress.start(learner, course)
    session_id, token = start(browser, package, lesson)
    failed = {**FINISHED["2004"], "success_status": "failed", "score": {"scaled": "0.3"}}
    response = commit(host_page(), session_id, token, failed, terminated=True)
    assert response.status_code == 200, response.content

    registration = Registration.objects.get(user=learner, package=package)
    assert verbs(registration) == ["initialized", "failed", "completed", "terminated"]
    assert registration.satisfied_at is None
    assert Enrolment.objects.get(user=learner, page_id=course.pk).completed_at is None
    assert not CompetenceRecord.objects.filter(user=learner, competence=competence).exists()
    assert "Gennemført og bestået" not in browser.get(lesson.url).content.decode()

    # She takes it again and passes: now the lesson, the course and the competence follow.
    new_id, new_token = start(browser, package, lesson)
    response = commit(host_page(), new_id, new_token, FINISHED["2004"], terminated=True)
    assert response.status_code == 200, response.content
    registration.refresh_from_db()
    assert registration.satisfied_at is not None
    assert Enrolment.objects.get(user=learner, page_id=course.pk).completed_at is not None
    assert CompetenceRecord.objects.filter(user=learner, competence=competence).exists()


@pytest.fixture
def open_sco(browser, learner, educator, course):
    package = package_of("1.2", educator)
    lesson = only_lesson(course, package)
    session_id, token = start(browser, package, lesson)
    assert commit(host_page(), session_id, token, WORKING["1.2"]).status_code == 200
    return package, lesson, session_id, token


def unchanged(package):
    """A snapshot of everything a commit could change."""
    return (
        Statement.objects.count(),
        list(ScormData.objects.values_list("location", "suspend_data", "exit")),
        list(UnitResult.objects.values_list("completed_at", "passed_at")),
        list(Registration.objects.values_list("satisfied_at", flat=True)),
    )


FINISH = {"core": {"lesson_status": "passed", "lesson_location": "slut"}, "suspend_data": "x"}


def test_a_commit_without_the_token_is_refused_even_with_her_platform_session(browser, open_sco):
    package, _lesson, session_id, _token = open_sco
    before = unchanged(package)
    assert commit(host_page(), session_id, None, FINISH, terminated=True).status_code == 401
    # Her browser session on the platform is no token.
    assert commit(browser, session_id, None, FINISH, terminated=True).status_code == 401
    assert get_data(browser, session_id, "").status_code == 401
    response = commit(host_page(), session_id, None, FINISH, HTTP_AUTHORIZATION="Basic eDp5")
    assert response.status_code == 401
    assert unchanged(package) == before


def test_a_commit_with_another_sessions_token_is_refused(
    browser, open_sco, outsider, educator, course
):
    package, lesson, session_id, token = open_sco
    # Olaf's own session of the same package: his token does not open hers.
    olaf = Client()
    olaf.force_login(outsider)
    _olaf_session, olaf_token = start(olaf, package, lesson)
    before = unchanged(package)
    response = commit(host_page(), session_id, olaf_token, FINISH, terminated=True)
    assert response.status_code == 403
    assert response["Access-Control-Allow-Origin"] == CONTENT
    assert get_data(host_page(), session_id, olaf_token).status_code == 403
    assert commit(host_page(), session_id, token + "x", FINISH).status_code == 403
    assert unchanged(package) == before


def test_a_new_launch_ends_the_open_session_and_its_token(browser, open_sco):
    package, lesson, session_id, token = open_sco
    start(browser, package, lesson)
    assert LaunchSession.objects.get(session_id=session_id).abandoned_at is not None
    assert Statement.objects.filter(verb_id=vocabulary.ABANDONED.id).count() == 1
    before = unchanged(package)
    assert commit(host_page(), session_id, token, FINISH, terminated=True).status_code == 409
    assert unchanged(package) == before


def test_the_cmi5_endpoints_do_not_take_a_scorm_token(open_sco):
    package, _lesson, session_id, token = open_sco
    content = Client(HTTP_HOST="packages.testserver")
    assert content.post(f"/fetch/{token}").json()["error-code"] == "1"
    assert content.get("/scorm/00000000-0000-0000-0000-000000000000/").status_code == 404


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("not json", 400),
        ("[1, 2]", 400),
        (json.dumps({"cmi": "x"}), 400),
        (json.dumps({"cmi": {"suspend_data": "x" * 64001}}), 400),
        (json.dumps({"cmi": {"core": {"lesson_location": {"a": 1}}}}), 400),
    ],
)
def test_a_malformed_commit_is_refused_and_changes_nothing(open_sco, body, status):
    package, _lesson, session_id, token = open_sco
    before = unchanged(package)
    response = host_page().post(
        runtime(session_id), body, "application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == status
    assert unchanged(package) == before
