"""Create the "review by a second educator" workflow and assign it to the catalogue.

    manage.py setup_review_workflow

Safe to run again; run it after creating the catalogue page.
"""

from django.core.management.base import BaseCommand

from cms.workflows import ensure_review_workflow


class Command(BaseCommand):
    help = "Create the review-by-a-second-educator workflow and assign it to the catalogue."

    def handle(self, *args, **options):
        workflow = ensure_review_workflow()
        self.stdout.write(f"Workflow '{workflow.name}' is active on the catalogue.")
