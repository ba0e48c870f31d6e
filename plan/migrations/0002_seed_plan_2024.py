from django.db import migrations

from plan.seeding import seed_all


def forwards(apps, schema_editor):
    seed_all(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("plan", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
