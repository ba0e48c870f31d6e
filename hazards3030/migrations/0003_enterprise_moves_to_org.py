"""The enterprise register now belongs to org (org.0003): hazards3030 drops its model from state
and its hazards point at org.Enterprise. Nothing changes in the database: same tables, same
foreign keys."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("hazards3030", "0002_worklist_index"),
        ("org", "0003_enterprise"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="hazard",
                    name="enterprise",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="hazards",
                        to="org.enterprise",
                        verbose_name="检查对象",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalhazard",
                    name="enterprise",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="org.enterprise",
                        verbose_name="检查对象",
                    ),
                ),
                migrations.DeleteModel(name="HistoricalEnterprise"),
                migrations.DeleteModel(name="Enterprise"),
            ],
        ),
    ]
