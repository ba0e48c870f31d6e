"""生产经营单位 (Enterprise) becomes org's register: in state only, so its table and its history
table (hazards3030_enterprise, hazards3030_historicalenterprise) keep every row as they are.

Runs after hazards3030 created those tables; hazards3030.0003 then drops its own copy of the
model from state. The content types move too, so permissions and admin log entries follow.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import org.validators

MODELS = ["enterprise", "historicalenterprise"]


def move_content_types(apps, schema_editor, *, source: str, target: str) -> None:
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(schema_editor.connection.alias)
    for model in MODELS:
        if not content_types.filter(app_label=target, model=model).exists():
            content_types.filter(app_label=source, model=model).update(app_label=target)


def forwards(apps, schema_editor):
    move_content_types(apps, schema_editor, source="hazards3030", target="org")


def backwards(apps, schema_editor):
    move_content_types(apps, schema_editor, source="org", target="hazards3030")


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0002_seed_cangnan_regions"),
        ("hazards3030", "0002_worklist_index"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Enterprise",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=128, verbose_name="单位名称")),
                        (
                            "credit_code",
                            models.CharField(
                                max_length=18,
                                unique=True,
                                validators=[org.validators.validate_credit_code],
                                verbose_name="统一社会信用代码",
                            ),
                        ),
                        (
                            "industry",
                            models.CharField(
                                choices=[
                                    ("trade", "工贸"),
                                    ("chemicals", "危化品"),
                                    ("construction", "建设施工"),
                                    ("transport", "交通运输"),
                                    ("fishing", "渔业船舶"),
                                    ("small_venues", "九小场所"),
                                    ("other", "其他"),
                                ],
                                default="other",
                                max_length=16,
                                verbose_name="行业",
                            ),
                        ),
                        (
                            "risk_level",
                            models.CharField(
                                blank=True,
                                choices=[("red", "红"), ("orange", "橙"), ("yellow", "黄"), ("blue", "蓝")],
                                max_length=8,
                                verbose_name="风险等级",
                            ),
                        ),
                        ("supervised", models.BooleanField(default=False, verbose_name="已纳管")),
                        ("uses_hazardous_chemicals", models.BooleanField(default=False, verbose_name="使用危险化学品")),
                        ("old_equipment_evaluated", models.BooleanField(default=False, verbose_name="老旧设备已评定")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="登记时间")),
                        (
                            "department",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="org.department",
                                verbose_name="行业主管部门",
                            ),
                        ),
                        (
                            "township",
                            models.ForeignKey(
                                limit_choices_to={"level": 4},
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="org.region",
                                verbose_name="乡镇",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "检查对象",
                        "verbose_name_plural": "检查对象",
                        "db_table": "hazards3030_enterprise",
                        "ordering": ["township__sort_order", "name"],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalEnterprise",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("name", models.CharField(max_length=128, verbose_name="单位名称")),
                        (
                            "credit_code",
                            models.CharField(
                                db_index=True,
                                max_length=18,
                                validators=[org.validators.validate_credit_code],
                                verbose_name="统一社会信用代码",
                            ),
                        ),
                        (
                            "industry",
                            models.CharField(
                                choices=[
                                    ("trade", "工贸"),
                                    ("chemicals", "危化品"),
                                    ("construction", "建设施工"),
                                    ("transport", "交通运输"),
                                    ("fishing", "渔业船舶"),
                                    ("small_venues", "九小场所"),
                                    ("other", "其他"),
                                ],
                                default="other",
                                max_length=16,
                                verbose_name="行业",
                            ),
                        ),
                        (
                            "risk_level",
                            models.CharField(
                                blank=True,
                                choices=[("red", "红"), ("orange", "橙"), ("yellow", "黄"), ("blue", "蓝")],
                                max_length=8,
                                verbose_name="风险等级",
                            ),
                        ),
                        ("supervised", models.BooleanField(default=False, verbose_name="已纳管")),
                        ("uses_hazardous_chemicals", models.BooleanField(default=False, verbose_name="使用危险化学品")),
                        ("old_equipment_evaluated", models.BooleanField(default=False, verbose_name="老旧设备已评定")),
                        ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="登记时间")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "department",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="org.department",
                                verbose_name="行业主管部门",
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "township",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                limit_choices_to={"level": 4},
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="org.region",
                                verbose_name="乡镇",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical 检查对象",
                        "verbose_name_plural": "historical 检查对象",
                        "db_table": "hazards3030_historicalenterprise",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
