"""A learner or manager who opens /cms/ gets one Danish page that says why and leads back:
no redirect loop, no stack of English messages. No Gravatar in the admin."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["learner", "manager"])
@pytest.mark.parametrize("url", ["/cms/", "/cms/pages/", "/cms/snippets/quizzes/quiz/"])
def test_a_non_editor_gets_one_danish_refusal_and_a_way_back(client, request, persona, url):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(url)
    assert response.status_code == 403
    body = response.content.decode()
    assert "Ingen adgang til redigeringsværktøjerne" in body
    assert 'href="/"' in body
    assert "You do not have permission" not in body
    # Nothing queued for the next page either.
    assert not list(response.wsgi_request._messages)


def test_anonymous_visitors_are_still_sent_to_log_in(client):
    response = client.get("/cms/")
    assert response.status_code == 302
    assert "/konto/" in response["Location"] or "login" in response["Location"]


def test_an_educator_opens_the_admin_without_gravatar(client, educator):
    client.force_login(educator)
    response = client.get("/cms/")
    assert response.status_code == 200
    assert "gravatar" not in response.content.decode().lower()
