"""What the reports app holds about a person, for "My data" and erasure
(``learning.accounts.personal_data``). The people who looked at her record are shown by name
only (never e-mail or id): that is what she needs to know, and no more."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learning.accounts import personal_data

from .models import AccessLog, ReminderSent


def record_views(user):
    return [
        {
            "viewer": log.viewer.get_full_name() or _("Former user"),
            "viewed_at": log.viewed_at,
            "what": log.what,
        }
        for log in AccessLog.objects.filter(person=user).select_related("viewer")
    ]


def erase(person, today, now):
    return {
        "reminders": ReminderSent.objects.filter(person=person).delete()[0],
        "record_views": AccessLog.objects.filter(person=person).delete()[0],
    }


def register():
    personal_data.register_export(
        "record_views", gettext_lazy("Who has viewed your competence record"), record_views
    )
    personal_data.register_eraser(erase)
