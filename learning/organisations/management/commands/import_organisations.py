from learning.organisations.imports import import_organisations

from ._import_command import ImportCommand


class Command(ImportCommand):
    help = "Import organisation units (with SOR codes and parents) from a CSV or XLSX file."

    def handle(self, *args, **options):
        self.run_import(import_organisations, options)
