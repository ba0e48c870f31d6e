"""Labelled defaults for 何时转 (the stage at which each zone kind moves); the bureau edits them."""

from django.db import migrations

DEFAULTS = {
    "fishing_boat": 2,
    "worksite": 2,
    "outside_seawall": 3,
    "landslide": 3,
    "flash_flood": 3,
    "unsafe_house": 3,
    "low_lying": 3,
}


def load(apps, schema_editor):
    ZoneRule = apps.get_model("flood1833", "ZoneRule")
    for kind, order in DEFAULTS.items():
        ZoneRule.objects.get_or_create(kind=kind, defaults={"stage_order": order})


class Migration(migrations.Migration):
    dependencies = [("flood1833", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
