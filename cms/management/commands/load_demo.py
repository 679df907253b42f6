from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.demo import DEMO_PASSWORD, DEMO_USERS, load_demo


class Command(BaseCommand):
    help = "Load the demo content and one user per role. Safe to run again; refuses in production."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the logins.")

    def handle(self, *args, **options):
        if not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError(
                "Demo content is not allowed with these settings (production?). Nothing was loaded."
            )
        load_demo(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
        if not options["quiet_logins"]:
            self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
            for email, first, last, role, description in DEMO_USERS:
                self.stdout.write(f"  {role:<9} {email:<22} {first} {last}: {description}")
