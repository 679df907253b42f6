"""The "My data" page and its JSON and CSV downloads show the logged-in person's data only."""

import csv
import io
import json
import zipfile

import pytest
from django.urls import reverse

from learning.accounts import personal_data
from tests.learning.accounts.privacy_data import fill

pytestmark = pytest.mark.django_db

PAGE = reverse("privacy:my_data")
JSON_URL = reverse("privacy:my_data_json")
CSV_URL = reverse("privacy:my_data_csv")


def _json(client):
    response = client.get(JSON_URL)
    assert response.status_code == 200
    return json.loads(response.content)


def test_visitors_are_sent_to_log_in(client):
    for url in (PAGE, JSON_URL, CSV_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]


def test_the_page_lists_what_is_held_and_links_the_downloads(client, learner, manager):
    fill(learner, viewer=manager)
    client.force_login(learner)
    response = client.get(PAGE)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<h1") == 1
    assert JSON_URL in body and CSV_URL in body
    assert "Hanne Larsen" in body


def test_the_header_links_to_my_data(client, learner):
    client.force_login(learner)
    assert PAGE in client.get(PAGE).content.decode().split("</header>")[0]


def test_the_json_export_holds_every_section_of_the_persons_data(client, learner, manager):
    ids = fill(learner, viewer=manager)
    client.force_login(learner)
    data = _json(client)
    assert data["profile"][0]["email"] == learner.email
    assert data["profile"][0]["actor_id"] == str(learner.actor_id)
    assert len(data["staff_profile"]) == 1
    assert len(data["job_assignments"]) == 1
    assert data["competence_records"][0]["note"] == "Signed off for Mette"
    assert len(data["quiz_attempts"]) == 1
    assert data["sso_accounts"][0]["claims"]["userinfo"]["unit"] == "AAL-NORD"
    assert data["sso_logins"][0]["identity_provider"] == "Aalborg Kommune"
    assert sorted(s["id"] for s in data["xapi_statements"]) == sorted(ids)
    assert data["xapi_statements"][0]["actor"]["account"]["name"] == str(learner.actor_id)


def test_viewers_appear_by_name_only(client, learner, manager):
    fill(learner, viewer=manager)
    client.force_login(learner)
    data = _json(client)
    assert data["record_views"][0]["viewer"] == "Hanne Larsen"
    raw = json.dumps(data)
    assert manager.email not in raw
    assert str(manager.actor_id) not in raw


def test_the_export_holds_nothing_of_another_person(client, learner, outsider):
    fill(outsider)
    fill(learner)
    client.force_login(learner)
    raw = client.get(JSON_URL).content.decode()
    for secret in (outsider.email, str(outsider.actor_id), "Signed off for Olaf"):
        assert secret not in raw


def test_another_persons_id_in_the_query_string_changes_nothing(client, learner, outsider):
    fill(outsider)
    client.force_login(learner)
    for param in ("user", "user_id", "id", "person", "email", "actor"):
        for value in (outsider.pk, outsider.email, outsider.actor_id):
            response = client.get(JSON_URL, {param: value})
            raw = response.content.decode()
            assert outsider.email not in raw
            assert str(outsider.actor_id) not in raw
            assert json.loads(raw)["profile"][0]["email"] == learner.email


def test_a_person_with_nothing_recorded_gets_empty_sections(client, outsider):
    client.force_login(outsider)
    data = _json(client)
    assert data["xapi_statements"] == []
    assert data["competence_records"] == []
    assert data["profile"][0]["email"] == outsider.email


def test_the_csv_zip_has_one_file_per_section_with_the_persons_rows(client, learner, manager):
    ids = fill(learner, viewer=manager)
    client.force_login(learner)
    response = client.get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert "profile.csv" in archive.namelist()
    statements = list(
        csv.DictReader(io.StringIO(archive.read("xapi_statements.csv").decode("utf-8-sig")))
    )
    assert sorted(row["id"] for row in statements) == sorted(ids)
    views = list(csv.DictReader(io.StringIO(archive.read("record_views.csv").decode("utf-8-sig"))))
    assert views[0]["viewer"] == "Hanne Larsen"


@pytest.mark.parametrize("url", [PAGE, JSON_URL, CSV_URL])
def test_downloads_refuse_post(client, learner, url):
    client.force_login(learner)
    assert client.post(url).status_code == 405


def test_downloads_are_not_cached(client, learner):
    client.force_login(learner)
    assert "no-store" in client.get(JSON_URL)["Cache-Control"]


def _session_post(client, statement):
    """A statement posted from a signed-in browser, as the platform's pages post them."""
    return client.post(
        "/xapi/statements",
        json.dumps(statement),
        content_type="application/json",
        headers={"X-Experience-API-Version": "1.0.3"},
    )


def _about(person, response_text):
    """Another learner's statement whose object is ``person``'s agent, with free text."""
    from learning.xapi.actors import actor_for
    from learning.xapi.factories import statement_data

    return statement_data(
        verb={"id": "http://id.tincanapi.com/verb/mentioned", "display": {"en-US": "mentioned"}},
        object=actor_for(person),
        result={"response": response_text, "extensions": {"https://x.org/note": response_text}},
        context={
            "instructor": {"objectType": "Agent", "mbox": "mailto:laerer@example.org"},
            "extensions": {"https://x.org/comment": response_text},
        },
    )


def test_a_statement_about_her_shows_without_the_other_persons_id_or_words(
    client, learner, outsider
):
    client.force_login(outsider)
    theirs = _about(learner, "Mette glemte at tjekke FMK")
    assert _session_post(client, theirs).status_code == 200
    client.force_login(learner)
    own = _about(learner, "Mine egne ord")
    own["object"] = {"objectType": "Activity", "id": "https://x.org/noter"}
    assert _session_post(client, own).status_code == 200

    data = _json(client)
    archive = zipfile.ZipFile(io.BytesIO(client.get(CSV_URL).content))
    raw = client.get(JSON_URL).content.decode()
    raw += "".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())

    by_id = {s["id"]: s for s in data["xapi_statements"]}
    assert set(by_id) == {theirs["id"], own["id"]}
    about = by_id[theirs["id"]]
    assert about["object"]["account"]["name"] == str(learner.actor_id)
    assert about["actor"] == {"objectType": "Agent", "name": "En anden person"}
    assert about["verb"]["id"] == theirs["verb"]["id"]
    for leak in (str(outsider.actor_id), outsider.email, "Mette glemte", "laerer@example.org"):
        assert leak not in raw
    assert by_id[own["id"]]["result"]["response"] == "Mine egne ord"


def test_every_app_that_holds_personal_data_registers_its_sections():
    """The export walks the registry the apps fill from AppConfig.ready(): an app that forgot
    to register would drop out of "My data" without any other test noticing."""
    assert {section.name for section in personal_data.sections()} == {
        "profile",
        "email_addresses",
        "staff_profile",
        "job_assignments",
        "manager_scopes",
        "competence_records",
        "enrolments",
        "lesson_progress",
        "certificates",
        "quiz_attempts",
        "video_progress",
        "record_views",
        "sso_accounts",
        "sso_logins",
        "xapi_statements",
        "package_registrations",
    }
    assert len(personal_data.erasers()) == 10  # accounts and nine apps above it
