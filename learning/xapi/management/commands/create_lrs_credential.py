"""Create an LRS credential and print it once, as one line of JSON with ``key`` and ``secret``."""

import json

from django.core.management.base import BaseCommand, CommandError

from learning.organisations.models import Organisation
from learning.xapi.models import Credential, Scope


class Command(BaseCommand):
    help = "Create an LRS credential (HTTP Basic key and secret) and print it as JSON."

    def add_arguments(self, parser):
        parser.add_argument("name", help="who uses it, e.g. 'Articulate packages'")
        parser.add_argument(
            "--scopes",
            nargs="+",
            default=[Scope.WRITE_STATEMENTS, Scope.READ_OWN],
            choices=Scope.values,
            help="default: statements/write statements/read/mine",
        )
        parser.add_argument("--organisation", type=int, help="id of the owning organisation")

    def handle(self, *args, name, scopes, organisation, **options):
        owner = None
        if organisation is not None:
            owner = Organisation.objects.filter(pk=organisation).first()
            if owner is None:
                raise CommandError(f"no organisation with id {organisation}")
        credential = Credential.issue(name, scopes, organisation=owner)
        self.stdout.write(
            json.dumps(
                {
                    "name": credential.name,
                    "key": credential.key,
                    "secret": credential.secret,
                    "scopes": credential.scopes,
                }
            )
        )
