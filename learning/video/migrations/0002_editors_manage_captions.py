"""Educators (Wagtail's "Editors" group) add captions and chapters to their videos; which
videos is the access policy's business (the owner of the video's collection)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [f"{action}_captiontrack" for action in ("add", "change", "delete", "view")]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make ours now so we can grant them.
    app_config = apps.get_app_config("video")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(
            *Permission.objects.filter(content_type__app_label="video", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("video", "0001_initial"),
        ("wagtailcore", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
