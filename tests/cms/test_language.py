import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(db):
    from cms.demo import load_site

    return load_site()


def test_danish_is_the_default_language(client, site):
    html = client.get("/").content.decode()
    assert '<html lang="da">' in html
    assert "Spring til indhold" in html


def test_switching_to_english_is_remembered_on_the_next_visit(client, site):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html


def test_switching_back_to_danish(client, site):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post("/i18n/setlang/", {"language": "da", "next": "/"})
    assert '<html lang="da">' in client.get("/").content.decode()


def test_an_unknown_language_is_ignored(client, site):
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert '<html lang="da">' in client.get("/").content.decode()


def test_the_switcher_returns_to_the_page_it_was_used_on(client, site):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/privatlivspolitik/"})
    assert response.url == "/privatlivspolitik/"


def test_the_switcher_does_not_redirect_off_site(client, site):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response.url == "/"


def test_an_english_browser_still_gets_danish_until_the_person_switches(client, site):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="da">' in html
