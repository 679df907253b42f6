"""Seed the job roles and the platform-admin group, which may enter the Wagtail admin."""

from django.db import migrations


def seed(apps, schema_editor):
    from learning.organisations.seed import PLATFORM_ADMIN_GROUP, seed_roles

    seed_roles(apps.get_model("organisations", "JobRole"))
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=PLATFORM_ADMIN_GROUP)
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access is not None:
        group.permissions.add(access)


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
