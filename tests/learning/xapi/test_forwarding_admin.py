"""Forwarding in the Wagtail admin: destinations with a write-only secret, the outbox with each
dead letter's reason, and replay."""

import pytest

from learning.xapi.factories import DestinationFactory, statement_data
from learning.xapi.models import Destination, OutboxEntry, OutboxStatus
from learning.xapi.secretbox import SecretUnreadable, decrypt
from learning.xapi.store import store_statements

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Regional LRS",
    "endpoint": "https://lrs.example.org/xAPI/",
    "username": "akademi",
    "selection": "completions",
    "is_active": "on",
}


@pytest.fixture
def dead_letter(db):
    destination = DestinationFactory(name="Region")
    store_statements([statement_data()])
    OutboxEntry.objects.update(
        status=OutboxStatus.DEAD, attempts=8, last_error="HTTP 401 Unauthorized: bad key"
    )
    return OutboxEntry.objects.get(destination=destination)


def test_admin_creates_a_destination_with_its_secret_stored_encrypted(client, admin_user):
    client.force_login(admin_user)

    client.post("/cms/lrs_destinations/new/", {**FORM, "secret": "s3cret-value"})

    destination = Destination.objects.get(name="Regional LRS")
    assert destination.get_secret() == "s3cret-value"
    assert "s3cret-value" not in destination.secret_encrypted


def test_a_new_destination_needs_a_secret(client, admin_user):
    client.force_login(admin_user)

    response = client.post("/cms/lrs_destinations/new/", {**FORM, "secret": ""})

    assert response.status_code == 200
    assert not Destination.objects.exists()


def test_the_edit_page_never_shows_the_secret_and_an_empty_field_keeps_it(client, admin_user):
    destination = DestinationFactory(secret="kept-secret")
    client.force_login(admin_user)

    page = client.get(f"/cms/lrs_destinations/edit/{destination.pk}/")
    client.post(
        f"/cms/lrs_destinations/edit/{destination.pk}/", {**FORM, "name": "Renamed", "secret": ""}
    )

    assert "kept-secret" not in page.content.decode()
    destination.refresh_from_db()
    assert (destination.name, destination.get_secret()) == ("Renamed", "kept-secret")


def test_a_secret_encrypted_with_another_key_is_reported_not_garbled(settings):
    destination = DestinationFactory.build()
    destination.set_secret("x")
    settings.XAPI_FORWARD_SECRET_KEY = "another key"

    with pytest.raises(SecretUnreadable):
        decrypt(destination.secret_encrypted)


def test_destinations_are_closed_to_non_admins(client, learner):
    client.force_login(learner)

    response = client.post("/cms/lrs_destinations/new/", {**FORM, "secret": "x"})

    assert response.status_code in (302, 403)
    assert not Destination.objects.exists()


def test_the_outbox_list_shows_a_dead_letters_reason(client, admin_user, dead_letter):
    client.force_login(admin_user)

    response = client.get("/cms/forwarded_statements/?status=dead")

    assert response.status_code == 200
    assert "HTTP 401 Unauthorized: bad key" in response.content.decode()


def test_outbox_rows_cannot_be_edited_in_the_admin(client, admin_user, dead_letter):
    client.force_login(admin_user)

    response = client.post(f"/cms/forwarded_statements/edit/{dead_letter.pk}/", {"status": "sent"})

    assert response.status_code in (302, 403)
    dead_letter.refresh_from_db()
    assert dead_letter.status == OutboxStatus.DEAD


def test_the_replay_page_lists_what_it_will_replay_without_replaying(
    client, admin_user, dead_letter
):
    client.force_login(admin_user)

    response = client.get(f"/cms/xapi-forwarding/replay/?entry={dead_letter.pk}")

    assert "HTTP 401 Unauthorized: bad key" in response.content.decode()
    dead_letter.refresh_from_db()
    assert dead_letter.status == OutboxStatus.DEAD


def test_replaying_from_the_admin_queues_the_dead_letter_again(
    client, admin_user, dead_letter, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(f"/cms/xapi-forwarding/replay/?entry={dead_letter.pk}")

    assert response.status_code == 302
    assert len(callbacks) == 1  # dispatch after commit
    dead_letter.refresh_from_db()
    assert (dead_letter.status, dead_letter.attempts) == (OutboxStatus.PENDING, 0)


def test_replay_with_a_malformed_id_replays_nothing(client, admin_user, dead_letter):
    client.force_login(admin_user)

    client.post("/cms/xapi-forwarding/replay/?entry=abc")

    dead_letter.refresh_from_db()
    assert dead_letter.status == OutboxStatus.DEAD


def test_replay_of_another_destinations_letters_leaves_these_alone(client, admin_user, dead_letter):
    other = DestinationFactory()
    client.force_login(admin_user)

    client.post(f"/cms/xapi-forwarding/replay/?destination={other.pk}")

    dead_letter.refresh_from_db()
    assert dead_letter.status == OutboxStatus.DEAD


def test_replay_is_closed_to_non_admins(client, learner, dead_letter):
    client.force_login(learner)

    response = client.post(f"/cms/xapi-forwarding/replay/?entry={dead_letter.pk}")

    assert response.status_code in (302, 403)
    dead_letter.refresh_from_db()
    assert dead_letter.status == OutboxStatus.DEAD
