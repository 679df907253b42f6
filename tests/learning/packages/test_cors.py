"""An AU of a bare cmi5.xml runs on its own web server and reaches the content origin's fetch
URL and xAPI endpoint cross-origin (CORS), the way a browser does it: a preflight, then the
request with the session's token. Only the origins of registered AUs are allowed, never with
cookies; every refusal is checked to change nothing."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from learning.packages.cors import is_au_origin, origin_of
from learning.packages.upload import import_package
from learning.xapi import vocabulary
from learning.xapi.models import Credential, Statement

from .builders import au_xml, cmi5_xml, lesson_with_package
from .test_launch import (
    VERSION,
    content_client,
    launch,
    read_launch_data,
    send,
    statement,
)

pytestmark = pytest.mark.django_db

AU_ORIGIN = "https://kursus.example.org"
AU_URL = f"{AU_ORIGIN}/haandhygiejne/index.html?sprog=da"
XAPI_PATHS = [
    "/xapi/statements",
    "/xapi/activities/state",
    "/xapi/activities/profile",
    "/xapi/agents/profile",
    "/xapi/about",
]
OTHER_ORIGINS = [
    "https://ond.example.org",
    "https://kursus.example.org:8443",  # another port is another origin
    "http://kursus.example.org",  # and another scheme
    "https://kursus.example.org.ond.example.org",
    "https://kursus.example.org/",  # not an origin as browsers send it
    "null",  # a sandboxed frame without allow-same-origin
]


@pytest.fixture
def package(educator):
    xml = cmi5_xml(au_xml(url=AU_URL))
    return import_package(SimpleUploadedFile("cmi5.xml", xml), user=educator)


@pytest.fixture
def course_lesson(course, package):
    return lesson_with_package(next(iter(course.lessons())), package)


@pytest.fixture
def launched(browser, package, course_lesson):
    return launch(browser, package, course_lesson)


def preflight(path, origin, method="POST", headers=""):
    return content_client().options(
        path,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS=headers,
    )


def listed(header):
    return {item.strip().lower() for item in header.split(",")}


def test_an_au_on_its_own_server_fetches_its_token_and_sends_statements(launched):
    response, url, params, session = launched

    # The AU is launched at its own address, in a frame the platform's CSP allows.
    assert url.startswith(AU_URL + "&endpoint=")
    assert "https://kursus.example.org" in response["Content-Security-Policy"]
    fetch_path = "/" + params["fetch"].split("/", 3)[3]

    # The fetch URL: the preflight and the POST from the AU's origin, no cookies.
    allowed = preflight(fetch_path, AU_ORIGIN)
    assert allowed.status_code == 204
    assert allowed["Access-Control-Allow-Origin"] == AU_ORIGIN
    assert listed(allowed["Access-Control-Allow-Methods"]) == {"post"}
    assert "Access-Control-Allow-Credentials" not in allowed
    assert "Origin" in allowed["Vary"]
    assert not Credential.objects.exists()  # a preflight uses nothing up
    au = Client(HTTP_HOST="packages.testserver", HTTP_ORIGIN=AU_ORIGIN)
    fetched = au.post(fetch_path)
    assert fetched.status_code == 200
    assert fetched["Access-Control-Allow-Origin"] == AU_ORIGIN
    assert "Access-Control-Allow-Credentials" not in fetched
    token = fetched.json()["auth-token"]
    again = au.post(fetch_path)  # the AU reads the refusal of a second fetch too (8.2.3)
    assert again.json()["error-code"] == "1"
    assert again["Access-Control-Allow-Origin"] == AU_ORIGIN

    # Every xAPI resource the AU uses: the headers and methods the libraries send.
    wanted_headers = {
        "authorization",
        "content-type",
        "x-experience-api-version",
        "if-match",
        "if-none-match",
    }
    for path in XAPI_PATHS:
        answer = preflight(path, AU_ORIGIN, "PUT", "authorization,content-type,if-match")
        assert answer.status_code == 204, path
        assert answer["Access-Control-Allow-Origin"] == AU_ORIGIN
        assert listed(answer["Access-Control-Allow-Methods"]) >= {"get", "put", "post", "delete"}
        assert listed(answer["Access-Control-Allow-Headers"]) >= wanted_headers
        assert "Access-Control-Allow-Credentials" not in answer

    # LMS.LaunchData, read with the token; the client may read ETag and the version.
    state = read_launch_data(au, params, token)
    assert state.status_code == 200
    assert json.loads(state.content)["launchMode"] == "Normal"
    assert state["Access-Control-Allow-Origin"] == AU_ORIGIN
    exposed = listed(state["Access-Control-Expose-Headers"])
    assert exposed >= {"etag", "last-modified", "x-experience-api-version"}
    assert "x-experience-api-consistent-through" in exposed

    # "initialized", sent with the token from the AU's origin, is stored as the session's.
    before = Statement.objects.count()
    sent = send(au, token, statement(session, vocabulary.INITIALIZED))
    assert sent.status_code == 200, sent.content
    assert sent["Access-Control-Allow-Origin"] == AU_ORIGIN
    assert "Access-Control-Allow-Credentials" not in sent
    assert Statement.objects.count() == before + 1
    stored = Statement.objects.get(verb_id=vocabulary.INITIALIZED.id)
    session.refresh_from_db()
    assert stored.credential_id == session.credential_id
    assert session.initialized_at is not None

    # A refusal of the cmi5 rules is readable by the AU as well (9.3.2: one initialized).
    refused = send(au, token, statement(session, vocabulary.INITIALIZED))
    assert refused.status_code == 403
    assert refused["Access-Control-Allow-Origin"] == AU_ORIGIN
    assert Statement.objects.count() == before + 1

    # about is public (xAPI 7.7): readable by the AU without a token.
    about = au.get("/xapi/about")
    assert about.status_code == 200
    assert about["Access-Control-Allow-Origin"] == AU_ORIGIN


@pytest.mark.parametrize("origin", OTHER_ORIGINS)
def test_an_origin_of_no_registered_au_gets_no_cors(launched, origin):
    _response, _url, params, session = launched
    fetch_path = "/" + params["fetch"].split("/", 3)[3]

    for path in [fetch_path, *XAPI_PATHS]:
        answer = preflight(path, origin, "POST", "authorization,content-type")
        assert answer.status_code == 403, path
        assert not [name for name in answer.headers if name.lower().startswith("access-control")]

    # A page there that got hold of the fetch URL gets no readable answer.
    other = Client(HTTP_HOST="packages.testserver", HTTP_ORIGIN=origin)
    fetched = other.post(fetch_path)
    assert "Access-Control-Allow-Origin" not in fetched
    token = fetched.json()["auth-token"]
    answer = send(other, token, statement(session, vocabulary.INITIALIZED))
    assert "Access-Control-Allow-Origin" not in answer


def test_a_cross_origin_request_with_cookies_and_no_token_is_refused(
    learner, launched, course_lesson
):
    _response, _url, _params, session = launched
    before = Statement.objects.count()
    credentials = Credential.objects.count()
    data = json.dumps(statement(session, vocabulary.INITIALIZED))

    # The learner's browser, on a page of the AU's origin, carries her platform cookies.
    # The content origin reads no cookie (401); the platform's /xapi/ wants its own pages'
    # CSRF token with a session (403).
    for host, status in [("packages.testserver", 401), ("testserver", 403)]:
        page = Client(enforce_csrf_checks=True, HTTP_HOST=host, HTTP_ORIGIN=AU_ORIGIN)
        page.force_login(learner)
        assert "sessionid" in page.cookies
        answer = page.post("/xapi/statements", data, content_type="application/json", **VERSION)
        assert answer.status_code == status, host
        assert not [name for name in answer.headers if name.lower().startswith("access-control")]

    # The platform's own /xapi/ allows no other origin even to ask (the content origin allows
    # the AU's origin to ask: a preflight carries neither cookie nor token).
    asked = Client(HTTP_ORIGIN=AU_ORIGIN).options(
        "/xapi/statements",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )
    assert not [name for name in asked.headers if name.lower().startswith("access-control")]

    assert Statement.objects.count() == before
    assert Credential.objects.count() == credentials
    session.refresh_from_db()
    assert session.initialized_at is None and session.fetched_at is None


def test_the_origin_of_a_launch_url_is_what_a_browser_sends(package):
    assert origin_of("HTTPS://Kursus.Example.org:443/a?b") == "https://kursus.example.org"
    assert origin_of("http://127.0.0.1:8001/index.html") == "http://127.0.0.1:8001"
    assert origin_of("http://[::1]:8001/") == "http://[::1]:8001"
    assert origin_of("index.html") == origin_of("javascript:alert(1)") == ""
    assert is_au_origin(AU_ORIGIN)
    assert not is_au_origin("https://kursus.example.org:444")
