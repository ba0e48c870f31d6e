from django.db import migrations

from forestfire.standardization import seed_checklist


def seed(apps, schema_editor):
    seed_checklist(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [
        ("forestfire", "0001_initial"),
        ("org", "0005_checklists"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
