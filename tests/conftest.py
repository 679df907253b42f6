"""Personas shared by every test. Each is a fixture; build only what a test asks for."""

import pytest
from django.contrib.auth.models import Group

from learning.accounts.factories import TEST_PASSWORD, UserFactory

# The test OpenID Connect provider (a second process, started only by a test that asks for it).
from tests.support.oidc.fixtures import oidc_provider, undo_oidc_provider_changes  # noqa: F401


def pytest_collection_modifyitems(items):
    """Under pytest-xdist (`make test` runs one process per core), tests that start a real Celery
    worker all run in one process, one after another: the workers share the Redis queue, and a
    worker started for one test must not take the tasks another test's worker waits for."""
    for item in items:
        if "celery_worker_process" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("celery-worker"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, and a copy of what its migrations made (groups and their permissions,
    the review workflow, the seeded frameworks), so that a test that commits can start from
    exactly what a new installation holds after an earlier test emptied every table
    (tests/support/snapshots.py)."""
    from tests.support import snapshots

    with django_db_blocker.unblock():
        snapshots.keep(snapshots.MIGRATED)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: allauth keeps its rate limits there (sign-ups and
    mails per address), so without this a test's outcome would depend on the tests before it."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def password():
    return TEST_PASSWORD


@pytest.fixture
def learner(db):
    """Mette: a home-care nurse who takes courses on her phone."""
    return UserFactory(email="mette@example.org", first_name="Mette", last_name="Nielsen")


@pytest.fixture
def educator(db):
    """Jesper: authors courses and video guides in the CMS."""
    user = UserFactory(email="jesper@example.org", first_name="Jesper", last_name="Andersen")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def manager(db):
    """Hanne: reads coverage reports for the units she manages, and nothing else."""
    return UserFactory(email="hanne@example.org", first_name="Hanne", last_name="Larsen")


@pytest.fixture
def outsider(db):
    """Olaf: has an account but no unit, role or scope; he must see nothing of anyone else."""
    return UserFactory(email="olaf@example.org", first_name="Olaf", last_name="Udenfor")


@pytest.fixture
def admin_user(db):
    """Ada: platform administrator."""
    return UserFactory(email="ada@example.org", first_name="Ada", is_staff=True, is_superuser=True)


@pytest.fixture
def celery_worker_process(transactional_db, tmp_path, settings):
    """A real `celery worker` process on Redis; tasks sent in the test are not run eagerly."""
    from cms.celery import app
    from tests.workers import start_worker

    worker = start_worker(tmp_path)
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        yield worker
    finally:
        app.conf.task_always_eager = previous
        worker.stop()
