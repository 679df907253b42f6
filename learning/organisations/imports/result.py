from dataclasses import dataclass, field


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1
    message: str

    def __str__(self):
        return f"row {self.row}: {self.message}"


@dataclass
class ImportResult:
    """What an import did, or would do on a dry run. Lists hold short human-readable lines."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    ended: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False
    applied: bool = False

    @property
    def bad_rows(self):
        """How many rows are bad (a row may have several errors, each reported)."""
        return len({error.row for error in self.errors})

    @property
    def changes(self):
        return len(self.created) + len(self.updated) + len(self.ended)

    def summary(self):
        state = "dry run" if self.dry_run else ("applied" if self.applied else "not applied")
        return (
            f"{state}: {len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.ended)} ended, {self.bad_rows} bad rows"
        )
