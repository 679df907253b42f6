"""Sign-up does the same work whether or not the e-mail has an account (no timing oracle).

Timing itself is measured in bench/signup_timing.py, not here: on a shared machine a timed test
would be flaky. This test checks the cause of the difference instead: the password hash, the
slow part of a sign-up, is computed on both paths, and the answers are the same.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.core.cache import cache

pytestmark = pytest.mark.django_db

PASSWORD = "Lang-og-sikker-42"


class CountingHasher(MD5PasswordHasher):
    """The test settings' fast hasher, counting the passwords it hashes."""

    algorithm = "counting_md5"
    hashed = []

    def encode(self, password, salt):
        self.hashed.append(password)
        return super().encode(password, salt)


@pytest.fixture
def counting(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    CountingHasher.hashed.clear()
    # allauth rate-limits verification mails per address in the cache: start and end clean.
    cache.clear()
    yield CountingHasher.hashed
    cache.clear()


def sign_up(client, email):
    return client.post(
        "/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


def test_a_taken_email_hashes_the_password_like_a_new_one(client, learner, counting):
    users_before = get_user_model().objects.count()

    new = sign_up(client, "ny.assistent@example.org")
    hashed_for_new = list(counting)
    counting.clear()
    taken = sign_up(client, learner.email)

    assert hashed_for_new == [PASSWORD]
    assert counting == [PASSWORD]
    assert (new.status_code, new.url) == (taken.status_code, taken.url)
    assert [m.to for m in mail.outbox] == [["ny.assistent@example.org"], [learner.email]]
    assert get_user_model().objects.count() == users_before + 1
    learner.refresh_from_db()
    assert not learner.check_password(PASSWORD)
