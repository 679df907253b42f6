"""Seed DigComp 2.2 and the workflow layer N1–N12: production needs them as much as the demo."""

from django.db import migrations


def seed(apps, schema_editor):
    from learning.competences.seed import seed_frameworks

    seed_frameworks(
        apps.get_model("competences", "Framework"),
        apps.get_model("competences", "CompetenceArea"),
        apps.get_model("competences", "Competence"),
    )


class Migration(migrations.Migration):
    dependencies = [("competences", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
