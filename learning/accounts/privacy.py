"""What the platform holds about one person, as plain data for the "My data" page and downloads.

The sections come from every app that holds personal data (``personal_data``). Every section's
function takes the person and reads only rows that belong to them, so no parameter from the
request can widen what is returned.
"""

import csv
import io
import json
import zipfile

from allauth.account.models import EmailAddress
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_lazy

from learning.accounts import personal_data
from learning.spreadsheets import csv_cell


def profile(user):
    return [
        {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "actor_id": str(user.actor_id),
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "is_active": user.is_active,
        }
    ]


def email_addresses(user):
    return list(
        EmailAddress.objects.filter(user=user)
        .values("email", "verified", "primary")
        .order_by("email")
    )


def register():
    """The account's own sections; the other apps register theirs (``personal_data``)."""
    personal_data.register_export("profile", gettext_lazy("Profile"), profile)
    personal_data.register_export(
        "email_addresses", gettext_lazy("E-mail addresses"), email_addresses
    )


def collect(user):
    """Everything held about ``user`` as {section: [row dicts]}. About one query per section."""
    return {section.name: section.rows(user) for section in personal_data.sections()}


def as_json(data):
    """The export as UTF-8 JSON bytes (dates as ISO 8601)."""
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def _cell(value):
    if isinstance(value, (dict, list)):
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    if value is None:
        return ""
    return DjangoJSONEncoder().default(value) if not isinstance(value, (str, int, float)) else value


def as_csv_zip(data):
    """The export as a zip of one CSV per section (nested values as JSON text)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in data.items():
            text = io.StringIO()
            columns = list(dict.fromkeys(key for row in rows for key in row))
            writer = csv.writer(text)
            writer.writerow(columns)
            for row in rows:
                # Formula-safe: the person's own text could otherwise run in a spreadsheet.
                writer.writerow([csv_cell(_cell(row.get(column))) for column in columns])
            archive.writestr(f"{name}.csv", text.getvalue().encode("utf-8-sig"))
    return buffer.getvalue()
