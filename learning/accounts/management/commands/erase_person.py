"""``manage.py erase_person EMAIL --yes``: erase one person (see learning.accounts.erasure)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from learning.accounts.erasure import erase_person


class Command(BaseCommand):
    help = "Erase a person: delete or pseudonymise everything personal. Cannot be undone."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--yes", action="store_true", help="Confirm; without it nothing is changed."
        )

    def handle(self, *args, email, yes, **options):
        person = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if person is None:
            raise CommandError("No person has that e-mail address.")
        if not yes:
            raise CommandError("Nothing changed: add --yes to erase this person.")
        log = erase_person(person)
        self.stdout.write(f"Erased (erasure log #{log.pk}): {log.counts}")
