from django.db import migrations

from plan.seeding import seed_ranking_schemes


def forwards(apps, schema_editor):
    seed_ranking_schemes(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("plan", "0003_snapshots_rankings_workbooks")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
