"""Copies of a person's name outside her own rows, and their removal on erasure.

Wagtail's admin history (``ModelLogEntry``/``PageLogEntry``: ``label`` and ``data``), revisions
(``object_str`` and ``content``) and Django's admin log (``object_repr``, ``change_message``)
copy ``str(obj)`` of whatever was edited: for a job assignment that is "name · role · unit".
Erasing the person's rows leaves those copies behind, so erasure also

1. takes every log entry and revision *about* one of her rows (her user row, job assignments,
   managed units, deputyships, HR key, records, e-mail addresses...) and replaces its label by
   "Erased person" and its data by nothing: the history still shows that something was edited
   and when, not whose it was;
2. replaces her name and e-mail wherever else they were copied (e.g. the label of a
   delegation she granted), including the names she had earlier, which the history of her user
   row remembers.

Call ``find`` before her rows are deleted or blanked, and ``scrub`` with its result after.
"""

import json
import re
from dataclasses import dataclass

from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.log_actions import registry as log_actions
from wagtail.models import ModelLogEntry, Revision

from learning.accounts import personal_data


@dataclass
class Traces:
    """What identifies the person in copies: her rows as (content type id, object id) pairs,
    and the texts that name her."""

    rows: set
    names: set


def _rows_about(person):
    """(model, primary keys) of every row that describes the person."""
    yield type(person), [person.pk]
    for model, lookup in personal_data.rows_about():
        yield (
            model,
            list(model._base_manager.filter(**{lookup: person}).values_list("pk", flat=True)),
        )


def _log_models():
    return sorted(log_actions.get_log_entry_models(), key=lambda model: model._meta.label)


def _about(rows):
    """A Q on log entries and revisions for objects among ``rows``."""
    condition = Q(pk__in=[])
    by_type = {}
    for content_type_id, object_id in rows:
        by_type.setdefault(content_type_id, []).append(object_id)
    for content_type_id, object_ids in by_type.items():
        condition |= Q(content_type_id=content_type_id, object_id__in=object_ids)
    return condition


def find(person):
    """The Traces of ``person``, read before erasure changes anything. A query per kind of
    row about her, plus one per log model for the names her user row's history remembers."""
    rows = set()
    for model, pks in _rows_about(person):
        content_type = ContentType.objects.get_for_model(model)
        rows |= {(content_type.pk, str(pk)) for pk in pks}
    names = {person.get_full_name(), person.email}
    user_type = ContentType.objects.get_for_model(type(person))
    names |= set(
        ModelLogEntry.objects.filter(content_type=user_type, object_id=str(person.pk)).values_list(
            "label", flat=True
        )
    )
    # Too short to be a name, and would match inside unrelated words.
    return Traces(rows=rows, names={name.strip() for name in names if len(name.strip()) >= 3})


def _mentions(fields, names):
    """A Q matching rows where any of ``fields`` contains any of ``names`` (ignoring case; for
    JSON also as JSON escapes it, since SQLite keeps æ, ø, å escaped in JSON text)."""
    condition = Q(pk__in=[])
    for name in names:
        for form in {name, json.dumps(name)[1:-1]}:
            for field in fields:
                condition |= Q(**{f"{field}__icontains": form})
    return condition


def _replaced(value, pattern, placeholder):
    """``value`` (text or decoded JSON) with every match of ``pattern`` replaced."""
    if isinstance(value, str):
        return pattern.sub(placeholder, value)
    if isinstance(value, list):
        return [_replaced(item, pattern, placeholder) for item in value]
    if isinstance(value, dict):
        return {key: _replaced(item, pattern, placeholder) for key, item in value.items()}
    return value


def scrub(traces):
    """Remove the copies (see the module docstring); returns how many rows changed."""
    placeholder = _("Erased person")
    about = _about(traces.rows)
    # Pages are never rows about a person, so PageLogEntry (keyed by page) needs only step 2.
    changed = ModelLogEntry.objects.filter(about).update(label=placeholder, data={})
    changed += Revision.objects.filter(about).update(object_str=placeholder, content={})
    if not traces.names:
        return changed
    # Longest first, so "Birgitte Skovgaard-Holm" is not left as "Erased person-Holm"; whole
    # words only, so a short name does not eat into other words ("Ann" in "Annual").
    names = "|".join(re.escape(name) for name in sorted(traces.names, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{names})(?!\w)", re.IGNORECASE)
    copies = [(model, ("label", "data")) for model in _log_models()]
    copies += [(Revision, ("object_str", "content"))]
    copies += [(AdminLogEntry, ("object_repr", "change_message"))]
    for model, fields in copies:
        rows = list(model.objects.filter(_mentions(fields, traces.names)))
        for row in rows:
            for field in fields:
                setattr(row, field, _replaced(getattr(row, field), pattern, placeholder))
        model.objects.bulk_update(rows, fields)
        changed += len(rows)
    return changed
