from learning.organisations.imports import import_roster

from ._import_command import ImportCommand


class Command(ImportCommand):
    help = "Import active staff × unit × role from a CSV or XLSX roster file."

    def handle(self, *args, **options):
        self.run_import(import_roster, options)
