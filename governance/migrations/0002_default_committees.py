from django.db import migrations


def forwards(apps, schema_editor):
    from governance.seeding import seed_committees

    seed_committees(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial"), ("org", "0002_seed_cangnan_regions")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
