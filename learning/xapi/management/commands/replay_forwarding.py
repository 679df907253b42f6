"""Queue dead letters of LRS forwarding again (the same as Replay in the admin)."""

from django.core.management.base import BaseCommand

from learning.xapi import forwarding
from learning.xapi.models import OutboxEntry


class Command(BaseCommand):
    help = "Put forwarding dead letters back in the outbox and start sending them."

    def add_arguments(self, parser):
        parser.add_argument("--destination", type=int, help="only this destination's (id)")
        parser.add_argument("--entry", type=int, nargs="+", help="only these outbox rows (ids)")

    def handle(self, *args, destination, entry, **options):
        entries = OutboxEntry.objects.all()
        if destination is not None:
            entries = entries.filter(destination_id=destination)
        if entry:
            entries = entries.filter(pk__in=entry)
        count = forwarding.replay(entries)
        self.stdout.write(f"{count} dead letters queued again")
