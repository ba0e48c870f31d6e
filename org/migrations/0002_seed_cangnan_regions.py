from django.db import migrations

from org.seeding import seed_regions


def forwards(apps, schema_editor):
    seed_regions(apps.get_model("org", "Region"))


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
