"""Roster and organisation imports from CSV and XLSX files (formats in docs/roster-import.md).

Both imports work the same way: read the file into numbered rows, validate every row, plan what
would be created, updated and ended, and apply the plan in one transaction only when it is not a
dry run and no row is bad (unless told to skip bad rows). Public names:

- ``import_roster(fileobj, filename, ...)`` → ImportResult
- ``import_organisations(fileobj, filename, ...)`` → ImportResult
- ``ImportFileError`` for a file that cannot be read at all.
"""

from .organisations import import_organisations
from .reading import ImportFileError
from .result import ImportResult, RowError
from .roster import import_roster

__all__ = ["ImportFileError", "ImportResult", "RowError", "import_organisations", "import_roster"]
