"""What the two import commands share: arguments, the root lookup and the report."""

from django.core.management.base import BaseCommand, CommandError

from learning.organisations.imports import ImportFileError
from learning.organisations.models import Organisation


class ImportCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv or .xlsx file (see docs/roster-import.md).")
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would change, change nothing."
        )
        parser.add_argument(
            "--full", action="store_true", help="The file is complete: end what is missing from it."
        )
        parser.add_argument(
            "--root", help="Limit --full to this unit's subtree (its external id or SOR code)."
        )
        parser.add_argument(
            "--skip-bad-rows",
            action="store_true",
            help="Apply the good rows even if some rows are bad.",
        )
        parser.add_argument(
            "--verbose-changes",
            action="store_true",
            help="Print every created, updated and ended line.",
        )

    def run_import(self, function, options):
        root = None
        if options["root"]:
            root = (
                Organisation.objects.filter(external_id=options["root"]).first()
                or Organisation.objects.filter(sor_code=options["root"]).first()
            )
            if root is None:
                raise CommandError(f"No unit with external id or SOR code {options['root']!r}.")
        try:
            with open(options["file"], "rb") as handle:
                result = function(
                    handle,
                    options["file"],
                    dry_run=options["dry_run"],
                    full=options["full"],
                    root=root,
                    skip_bad_rows=options["skip_bad_rows"],
                )
        except (OSError, ImportFileError) as error:
            raise CommandError(str(error)) from error
        if options["verbose_changes"]:
            for label, lines in (
                ("created", result.created),
                ("updated", result.updated),
                ("ended", result.ended),
            ):
                for line in lines:
                    self.stdout.write(f"{label}: {line}")
        for error in result.errors:
            self.stderr.write(str(error))
        self.stdout.write(result.summary())
        if result.errors and not result.applied and not result.dry_run:
            raise CommandError(
                "Nothing was applied because of bad rows; fix them or pass --skip-bad-rows."
            )
        return result
