from django.db import migrations

from org.seeding import record_baseline_history, seed_regions


def forwards(apps, schema_editor):
    seed_regions(apps.get_model("org", "Region"))
    record_baseline_history(apps.get_model, "org", ["Region"])


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
