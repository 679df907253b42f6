"""Rebuild enrolments and lesson progress from the statement log.

    manage.py rebuild_progress

Runs in one transaction: the old rows are deleted and every platform statement about a course,
lesson or video guide is replayed in stored order. No statements are stored and no competence
records are added; certificates already issued are kept (their codes are printed on paper).
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from learning.progress.rebuild import rebuild


class Command(BaseCommand):
    help = "Rebuild enrolments and lesson progress from the xAPI statement log."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = rebuild()
        self.stdout.write(f"Replayed {count} statements.")
