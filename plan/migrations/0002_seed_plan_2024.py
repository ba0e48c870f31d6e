from django.db import migrations

from org.seeding import record_baseline_history
from plan.seeding import HISTORY_MODELS, seed_all


def forwards(apps, schema_editor):
    seed_all(apps.get_model)
    record_baseline_history(apps.get_model, "plan", HISTORY_MODELS)


class Migration(migrations.Migration):
    dependencies = [("plan", "0001_initial"), ("org", "0002_seed_cangnan_regions")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
