"""What the video app holds about a person, for "My data" and erasure
(``learning.accounts.personal_data``)."""

from django.utils.translation import gettext_lazy as _

from learning.accounts import personal_data

from .models import VideoProgress


def video_progress(user):
    return list(
        VideoProgress.objects.filter(user=user).values(
            "activity_id", "length", "segments", "progress", "viewed_at", "completed_at"
        )
    )


def erase(person, today, now):
    return {"video_progress": VideoProgress.objects.filter(user=person).delete()[0]}


def register():
    personal_data.register_export("video_progress", _("Video progress"), video_progress)
    personal_data.register_eraser(erase)
