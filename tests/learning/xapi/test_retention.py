"""The retention job deletes old video events and quiz answers and keeps everything else."""

import datetime

import pytest
from django.utils import timezone

from learning.xapi import retention
from learning.xapi import vocabulary as v
from learning.xapi.actors import actor_for
from learning.xapi.models import Statement, StatementActivity, StatementAgent
from learning.xapi.schedule import BEAT_SCHEDULE
from learning.xapi.store import store_statements
from learning.xapi.tasks import thin_detail_statements

pytestmark = pytest.mark.django_db

COURSE = "https://akademi.example/kurser/fmk"
VIDEO = COURSE + "/video"


def _video(user, verb):
    return v.video_event(user, verb, VIDEO, "Log ind", session_id="s1", length=90.0, time=1.0)


def _store(user):
    """One of each kind: detail (video events, an answer) and lasting (completion, passed,
    a cmi5 course's own initialized). Returns {name: statement id}."""
    kinds = {
        "played": _video(user, v.PLAYED),
        "paused": _video(user, v.PAUSED),
        "seeked": _video(user, v.SEEKED),
        "video_initialized": _video(user, v.INITIALIZED),
        "video_terminated": _video(user, v.TERMINATED),
        "answered": v.answered_question(
            user, COURSE + "/q1", "Hvad?", COURSE + "/quiz", response="a", success=True
        ),
        "video_completed": _video(user, v.COMPLETED),
        "course_completed": v.completed_course(user, COURSE, "FMK"),
        "passed": v.finished_quiz(user, COURSE + "/quiz", "Quiz", raw=4, maximum=4, passed=True),
        # A cmi5 course's own initialized: the verb is shared with video, the object is not.
        "course_initialized": {
            "actor": actor_for(user),
            "verb": v.INITIALIZED.as_json(),
            "object": v.activity(COURSE + "/au", v.COURSE, "AU"),
        },
    }
    ids = store_statements(list(kinds.values()))
    return dict(zip(kinds, ids, strict=True))


def _age(ids, days):
    Statement.objects.filter(statement_id__in=ids).update(
        stored=timezone.now() - datetime.timedelta(days=days)
    )


DETAIL = {"played", "paused", "seeked", "video_initialized", "video_terminated", "answered"}


def _kept(ids):
    stored = {str(s) for s in Statement.objects.values_list("statement_id", flat=True)}
    return {name for name, sid in ids.items() if sid in stored}


def test_old_detail_statements_are_deleted_and_lasting_ones_kept(learner):
    ids = _store(learner)
    _age(ids.values(), 200)
    assert retention.thin_detail_statements() == len(DETAIL)
    assert _kept(ids) == set(ids) - DETAIL


def test_new_detail_statements_are_kept(learner):
    ids = _store(learner)
    _age(ids.values(), 10)
    assert retention.thin_detail_statements() == 0
    assert _kept(ids) == set(ids)


def test_index_rows_of_deleted_statements_go_too(learner):
    ids = _store(learner)
    _age(ids.values(), 200)
    retention.thin_detail_statements()
    remaining = set(Statement.objects.values_list("pk", flat=True))
    assert set(StatementAgent.objects.values_list("statement_id", flat=True)) <= remaining
    assert set(StatementActivity.objects.values_list("statement_id", flat=True)) <= remaining
    assert StatementAgent.objects.exists()


def test_running_twice_deletes_nothing_more(learner):
    ids = _store(learner)
    _age(ids.values(), 200)
    retention.thin_detail_statements()
    count = Statement.objects.count()
    assert retention.thin_detail_statements() == 0
    assert Statement.objects.count() == count


def test_the_age_is_configurable(learner, settings):
    ids = _store(learner)
    _age(ids.values(), 10)
    settings.XAPI_DETAIL_RETENTION_DAYS = 5
    assert retention.thin_detail_statements() == len(DETAIL)
    assert _kept(ids) == set(ids) - DETAIL


def test_batches_cover_more_rows_than_one_batch(learner, monkeypatch):
    monkeypatch.setattr(retention, "BATCH", 2)
    ids = _store(learner)
    _age(ids.values(), 200)
    assert retention.thin_detail_statements() == len(DETAIL)
    assert _kept(ids) == set(ids) - DETAIL


def test_the_task_runs_the_job_and_is_scheduled(learner):
    ids = _store(learner)
    _age(ids.values(), 200)
    thin_detail_statements.delay()
    assert _kept(ids) == set(ids) - DETAIL
    entry = BEAT_SCHEDULE["xapi-thin-detail-statements"]
    assert entry["task"] == thin_detail_statements.name
