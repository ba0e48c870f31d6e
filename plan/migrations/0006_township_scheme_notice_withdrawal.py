from django.db import migrations, models

from plan.seeding import update_default_township_scheme


def township_scheme_in_the_plan_s_words(apps, schema_editor):
    """The default township scheme becomes 排查、整改、闭环 and the 3030 window — only where it is
    still as seeded; a scheme the bureau has edited stays as it is."""
    update_default_township_scheme(apps.get_model)


class Migration(migrations.Migration):

    dependencies = [
        ('plan', '0005_plan_county_publication_report'),
    ]

    operations = [
        migrations.AddField(
            model_name='listingnotice',
            name='withdrawn_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='撤回时间'),
        ),
        migrations.RunPython(township_scheme_in_the_plan_s_words, migrations.RunPython.noop),
    ]
