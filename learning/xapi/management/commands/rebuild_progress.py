"""Rebuild every projection (progress, quiz results, competence records) from the statement log."""

from django.core.management.base import BaseCommand
from django.db import transaction

from learning.xapi import projections
from learning.xapi.models import Statement


def rebuild(chunk_size=2000):
    """Reset every projection and replay all non-voided statements, oldest first, in one
    transaction (readers see the old state until the new one is complete). Returns the number
    of statements replayed. Queries: the projections' own, plus one keyset SELECT per chunk."""
    count = 0
    with transaction.atomic():
        for reset in projections.resets():
            reset()
        position = None
        while True:
            chunk = Statement.objects.filter(voided=False).order_by("stored", "id")
            if position is not None:
                stored, pk = position
                chunk = chunk.filter(stored__gte=stored).exclude(stored=stored, id__lte=pk)
            rows = list(chunk[:chunk_size])
            if not rows:
                return count
            projections.run(rows)
            count += len(rows)
            position = (rows[-1].stored, rows[-1].pk)


class Command(BaseCommand):
    help = (
        "Empty every registered projection and replay the statement log through it, in one "
        "transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=2000)

    def handle(self, *args, chunk_size, **options):
        count = rebuild(chunk_size=chunk_size)
        self.stdout.write(
            f"replayed {count} statements through {len(projections.registered())} projections"
        )
