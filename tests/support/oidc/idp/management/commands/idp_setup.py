"""Create the IdP's tables, then create or update its users and its one client application.

Idempotent. The environment variables are listed in tests/support/oidc/idp/provisioning.py.
"""

from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from tests.support.oidc.idp.provisioning import provision_from_environment


class Command(BaseCommand):
    help = "Create the tables, then the users of the claims file and the client application."

    def handle(self, *args, **options):
        call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)
        try:
            usernames = provision_from_environment()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"IdP ready: users {', '.join(usernames)}")
