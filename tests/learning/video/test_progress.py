import uuid

import pytest
from django.template import Context, Template

from learning.video import progress as video_progress
from learning.video.activity import video_activity_id
from learning.video.factories import VideoFactory
from learning.video.models import VideoProgress
from learning.video.progress import is_video_complete, is_video_viewed, on_video_completed
from learning.xapi import vocabulary as xapi
from learning.xapi.models import Statement
from learning.xapi.store import store_statements
from tests.learning.video.statements import post, video_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def video():
    return VideoFactory(duration=100.0)


@pytest.fixture
def activity(video):
    return video_activity_id(video)


@pytest.fixture
def signed_in(client, learner):
    client.force_login(learner)
    return client


def start(client, user, activity_id, session):
    response = post(client, [video_statement(user, xapi.INITIALIZED, activity_id, session=session)])
    assert response.status_code == 200, response.content


def test_segments_from_two_sessions_are_merged_and_complete_the_video(
    signed_in, learner, activity, time_passes
):
    first, second = uuid.uuid4(), uuid.uuid4()
    start(signed_in, learner, activity, first)
    time_passes(learner, activity, 120)
    post(
        signed_in,
        [video_statement(learner, xapi.PAUSED, activity, session=first, segments="0[.]50")],
    )
    assert not is_video_complete(learner, activity)
    post(
        signed_in,
        [
            video_statement(
                learner, xapi.PAUSED, activity, session=second, segments="45[.]70[,]70[.]95"
            )
        ],
    )
    row = VideoProgress.objects.get(user=learner, activity_id=activity)
    assert row.segments == [[0.0, 95.0]]
    assert row.progress == 0.95
    assert is_video_complete(learner, activity)


def test_a_forged_completed_statement_alone_does_not_complete_the_video(
    signed_in, learner, activity, time_passes
):
    session = uuid.uuid4()
    start(signed_in, learner, activity, session)
    time_passes(learner, activity, 600)
    response = post(
        signed_in,
        [video_statement(learner, xapi.COMPLETED, activity, session=session, progress=1, time=100)],
    )
    assert response.status_code == 200
    assert Statement.objects.filter(verb_id=xapi.COMPLETED.id).count() == 1
    assert not is_video_complete(learner, activity)


def test_coverage_claimed_faster_than_the_clock_allows_is_not_credited(
    signed_in, learner, activity
):
    session = uuid.uuid4()
    start(signed_in, learner, activity, session)
    post(
        signed_in,
        [
            video_statement(
                learner, xapi.COMPLETED, activity, session=session, segments="0[.]100", progress=1
            )
        ],
    )
    assert VideoProgress.objects.get(user=learner, activity_id=activity).segments == []
    assert not is_video_complete(learner, activity)


def test_the_same_segments_count_once_enough_time_has_passed(
    signed_in, learner, activity, time_passes
):
    session = uuid.uuid4()
    start(signed_in, learner, activity, session)
    time_passes(learner, activity, 50)  # 100 s of video at double speed
    post(
        signed_in,
        [video_statement(learner, xapi.TERMINATED, activity, session=session, segments="0[.]100")],
    )
    assert is_video_complete(learner, activity)


def test_the_server_length_beats_a_shorter_length_claimed_by_the_client(
    signed_in, learner, activity, time_passes
):
    session = uuid.uuid4()
    start(signed_in, learner, activity, session)
    time_passes(learner, activity, 60)
    post(
        signed_in,
        [
            video_statement(
                learner, xapi.PAUSED, activity, session=session, length=10, segments="0[.]10"
            )
        ],
    )
    row = VideoProgress.objects.get(user=learner, activity_id=activity)
    assert (row.length, row.progress) == (100.0, 0.1)
    assert row.completed_at is None


def test_segments_beyond_the_end_of_the_video_are_clamped(
    signed_in, learner, activity, time_passes
):
    session = uuid.uuid4()
    start(signed_in, learner, activity, session)
    time_passes(learner, activity, 600)
    post(
        signed_in,
        [video_statement(learner, xapi.PAUSED, activity, session=session, segments="95[.]400")],
    )
    row = VideoProgress.objects.get(user=learner, activity_id=activity)
    assert row.segments == [[95.0, 100.0]]
    assert not is_video_complete(learner, activity)


def test_a_length_a_client_claims_never_completes_a_video(signed_in, learner, time_passes):
    """Finding: for an activity the server had no probed length for, the client's length
    decided completion. Now nothing completes without a length the server knows."""
    activity = "https://example.org/other/video"
    session = uuid.uuid4()
    post(
        signed_in,
        [video_statement(learner, xapi.INITIALIZED, activity, session=session, length=1)],
    )
    time_passes(learner, activity, 600)
    post(
        signed_in,
        [
            video_statement(
                learner, xapi.PLAYED, activity, session=session, length=1, segments="0[.]1"
            )
        ],
    )
    row = VideoProgress.objects.get(user=learner, activity_id=activity)
    assert (row.length, row.progress, row.completed_at) == (0.0, 0.0, None)
    assert not is_video_complete(learner, activity)


def test_a_page_activity_id_uses_the_duration_of_the_video_the_player_showed(
    signed_in, learner, video, rf, time_passes
):
    page_activity = "http://testserver/activities/video-guide/7"
    template = Template('{% include "video/player.html" with media=media activity_id=aid %}')
    template.render(Context({"media": video, "aid": page_activity, "request": rf.get("/")}))
    session = uuid.uuid4()
    start(signed_in, learner, page_activity, session)
    time_passes(learner, page_activity, 60)
    post(
        signed_in,
        [
            video_statement(
                learner, xapi.PAUSED, page_activity, session=session, length=10, segments="0[.]10"
            )
        ],
    )
    row = VideoProgress.objects.get(user=learner, activity_id=page_activity)
    assert (row.media, row.length, row.progress) == (video, 100.0, 0.1)


def test_completion_callbacks_run_once_when_the_video_first_becomes_complete(
    signed_in, learner, activity, time_passes
):
    calls = []

    def callback(user, activity_id):
        calls.append((user.pk, activity_id))

    on_video_completed(callback)
    try:
        session = uuid.uuid4()
        start(signed_in, learner, activity, session)
        time_passes(learner, activity, 100)
        for segments in ("0[.]92", "0[.]100"):
            post(
                signed_in,
                [
                    video_statement(
                        learner, xapi.PAUSED, activity, session=session, segments=segments
                    )
                ],
            )
    finally:
        video_progress.remove_video_completed_callback(callback)
    assert calls == [(learner.pk, activity)]


def test_statements_claiming_another_actor_count_for_the_signed_in_person_only(
    signed_in, learner, outsider, activity, time_passes
):
    session = uuid.uuid4()
    post(signed_in, [video_statement(outsider, xapi.INITIALIZED, activity, session=session)])
    time_passes(learner, activity, 600)
    post(
        signed_in,
        [video_statement(outsider, xapi.PAUSED, activity, session=session, segments="0[.]100")],
    )
    assert is_video_complete(learner, activity)
    assert not VideoProgress.objects.filter(user=outsider).exists()


def test_malformed_played_segments_are_ignored_and_the_statement_is_still_stored(
    signed_in, learner, activity, time_passes
):
    session = uuid.uuid4()
    start(signed_in, learner, activity, session)
    time_passes(learner, activity, 600)
    response = post(
        signed_in,
        [
            video_statement(
                learner,
                xapi.PAUSED,
                activity,
                session=session,
                segments="abc[,]5[.]2[,]-3[.]4[,]nan[.]9[,]10[.]20",
            )
        ],
    )
    assert response.status_code == 200
    assert VideoProgress.objects.get(user=learner, activity_id=activity).segments == [[10, 20]]


def test_statements_about_other_activity_types_make_no_video_progress(signed_in, learner):
    statement = xapi.completed_course(learner, "http://testserver/activities/course/1", "FMK")
    assert post(signed_in, [statement]).status_code == 200
    assert not VideoProgress.objects.exists()


def test_an_anonymous_visitor_cannot_post_video_statements(client, learner, activity):
    response = post(client, [video_statement(learner, xapi.INITIALIZED, activity)])
    assert response.status_code == 401
    assert not VideoProgress.objects.exists()


def test_an_opened_embedded_video_is_viewed_but_never_complete(signed_in, learner):
    from learning.video.embeds import embed_viewed_statement

    url = "https://vimeo.com/76979871"
    post(signed_in, [embed_viewed_statement(learner, url, "VDX")])
    assert is_video_viewed(learner, url)
    assert not is_video_complete(learner, url)


def test_record_embed_viewed_stores_one_statement_per_person_and_video(learner):
    from learning.video.embeds import record_embed_viewed

    url = "https://vimeo.com/76979871"
    assert record_embed_viewed(learner, url, "VDX") is True
    assert record_embed_viewed(learner, url, "VDX") is False
    assert Statement.objects.filter(verb_id=xapi.EXPERIENCED.id).count() == 1
    assert is_video_viewed(learner, url)


def test_one_batch_mixing_people_strangers_and_other_statements_projects_each_person(
    learner, outsider, activity
):
    stranger = video_statement(learner, xapi.INITIALIZED, activity)
    stranger["actor"] = {"objectType": "Agent", "mbox": "mailto:someone@example.org"}
    batch = [
        xapi.completed_course(learner, "http://testserver/activities/course/1", "FMK"),
        video_statement(learner, xapi.INITIALIZED, activity),
        stranger,
        video_statement(outsider, xapi.INITIALIZED, activity, length=80.0),
    ]

    store_statements(batch)

    assert VideoProgress.objects.get(user=learner, activity_id=activity).viewed_at is not None
    assert VideoProgress.objects.get(user=outsider, activity_id=activity).viewed_at is not None
    assert VideoProgress.objects.count() == 2
