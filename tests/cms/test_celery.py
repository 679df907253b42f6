import os

import pytest

from cms.tasks import report_worker_health


@pytest.mark.django_db
def test_tasks_run_eagerly_in_process_without_a_broker():
    result = report_worker_health.delay()
    assert result.get(timeout=5) == {"pid": os.getpid(), "database": "ok"}


@pytest.mark.services
def test_a_real_worker_process_runs_a_task_and_reaches_the_database(celery_worker_process):
    result = report_worker_health.delay()
    answer = result.get(timeout=30)
    assert answer["database"] == "ok"
    assert answer["pid"] == celery_worker_process.process.pid
    assert answer["pid"] != os.getpid()


def test_healthz_reports_the_broker_when_one_is_configured(client, db, settings):
    from tests.services import require_redis

    settings.CELERY_BROKER_URL = require_redis()
    assert client.get("/healthz").json() == {"database": "ok", "broker": "ok"}


def test_healthz_reports_a_broker_that_is_down_without_failing(client, db, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"  # nothing listens on port 9
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "unavailable"}


def test_every_scheduled_job_names_a_registered_task(settings):
    from cms.celery import app

    app.loader.import_default_modules()
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, name
    assert {"xapi-forwarding-sweep", "reports-digests", "reports-reminders"} < set(
        settings.CELERY_BEAT_SCHEDULE
    )
