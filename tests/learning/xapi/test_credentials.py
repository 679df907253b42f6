"""Creating LRS credentials: the management command and the Wagtail admin."""

import json

import pytest
from django.core.management import CommandError, call_command

from learning.xapi.models import Credential


def test_create_lrs_credential_prints_one_line_of_json_with_key_and_secret(db, capsys):
    call_command("create_lrs_credential", "Articulate", "--scopes", "statements/write", "documents")

    out = capsys.readouterr().out
    assert out.count("\n") == 1
    printed = json.loads(out)
    credential = Credential.objects.get(key=printed["key"])
    assert credential.check_secret(printed["secret"])
    assert credential.scopes == ["statements/write", "documents"]


def test_create_lrs_credential_refuses_an_unknown_scope(db):
    with pytest.raises(CommandError):
        call_command("create_lrs_credential", "X", "--scopes", "everything")


def test_create_lrs_credential_refuses_an_unknown_organisation(db):
    with pytest.raises(CommandError):
        call_command("create_lrs_credential", "X", "--organisation", "999999")


def test_admin_creates_a_credential_and_shows_the_secret_once(client, admin_user):
    client.force_login(admin_user)

    response = client.post(
        "/cms/lrs_credentials/new/",
        {
            "name": "Storyline",
            "scopes": ["statements/write", "statements/read/mine"],
            "is_active": "on",
        },
        follow=True,
    )

    credential = Credential.objects.get(name="Storyline")
    messages = [str(m) for m in response.context["messages"]]
    assert any(credential.key in m for m in messages)
    assert credential.scopes == ["statements/write", "statements/read/mine"]


def test_admin_credential_list_is_closed_to_non_admins(client, learner):
    client.force_login(learner)

    response = client.get("/cms/lrs_credentials/")

    assert response.status_code in (302, 403)
    assert Credential.objects.count() == 0


def test_admin_lists_credentials_without_their_secrets(client, admin_user):
    from learning.xapi.factories import CredentialFactory

    credential = CredentialFactory(name="Rise 360")
    client.force_login(admin_user)

    response = client.get("/cms/lrs_credentials/")

    assert response.status_code == 200
    assert "Rise 360" in response.content.decode()
    assert credential.secret not in response.content.decode()
    assert credential.secret_hash not in response.content.decode()


def test_admin_edit_changes_scopes_but_not_the_key(client, admin_user):
    from learning.xapi.factories import CredentialFactory

    credential = CredentialFactory(scopes=["statements/write"])
    client.force_login(admin_user)

    client.post(
        f"/cms/lrs_credentials/edit/{credential.pk}/",
        {"name": credential.name, "scopes": ["statements/read"], "key": "chosen-key"},
    )

    credential.refresh_from_db()
    assert credential.scopes == ["statements/read"]
    assert credential.key != "chosen-key"
