import datetime

import pytest
from django.db.models import F

from learning.video.models import VideoProgress


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded videos and captions go to a temporary folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def time_passes():
    """Move the server's first sight of a person's video back, as if ``seconds`` had passed."""

    def move(user, activity_id, seconds):
        VideoProgress.objects.filter(user=user, activity_id=activity_id).update(
            viewed_at=F("viewed_at") - datetime.timedelta(seconds=seconds)
        )

    return move


from tests.content_fixtures import (  # noqa: E402, F401
    aalborg,
    birgit,
    hjorring,
    hjorring_unit,
    hjorring_video,
    jesper,
    lise,
    mette,
)
from tests.course_fixtures import catalogue  # noqa: E402, F401
