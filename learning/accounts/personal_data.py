"""What each app holds about a person: the registry behind the "My data" export (``privacy``),
erasure (``erasure``) and the scrubbing of copies in the admin's history (``traces``).

The apps that hold personal data sit above accounts, so accounts does not import them: each app
registers what it holds from its ``AppConfig.ready()``, as the apps register projections with
``learning.xapi.projections``. An app's own ``personal_data`` module holds the functions.

- ``register_export(name, label, rows)``: a section of the export, shown as ``label``;
  ``rows(user)`` returns a list of dicts and reads only rows that belong to ``user``. Sections
  appear in the order they were registered (the order of ``INSTALLED_APPS``).
- ``register_eraser(erase)``: ``erase(person, today, now)`` deletes (or ends, where history must
  stay countable) what describes the person, inside erasure's transaction and before the user
  row is blanked, and returns ``{what: how many}`` for the erasure log.
- ``register_rows_about(model, lookup)``: rows of ``model`` with ``lookup`` equal to the person
  describe her; erasure blanks the admin history and revisions about them.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    name: str
    label: str
    rows: Callable


_sections = {}
_erasers = []
_rows_about = []


def register_export(name, label, rows):
    _sections[name] = Section(name, label, rows)


def register_eraser(erase):
    if erase not in _erasers:
        _erasers.append(erase)


def register_rows_about(model, lookup):
    if (model, lookup) not in _rows_about:
        _rows_about.append((model, lookup))


def sections():
    """The export's sections, in display order."""
    return list(_sections.values())


def erasers():
    return list(_erasers)


def rows_about():
    """[(model, lookup)] of the rows that describe a person."""
    return list(_rows_about)
