"""The plan's activity forms as the table's first rows; the bureau adds others in the admin."""

from django.db import migrations

DEFAULT_KINDS = ["应急演练", "知识抢答", "技能竞赛", "安全宣讲", "体验活动"]


def add_kinds(apps, schema_editor):
    ActivityKind = apps.get_model("campaigns", "ActivityKind")
    for order, name in enumerate(DEFAULT_KINDS, start=1):
        ActivityKind.objects.get_or_create(name=name, defaults={"sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial")]

    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
