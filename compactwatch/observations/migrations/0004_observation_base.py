from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("observations", "0003_no_source_batch_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="observation",
            name="base",
            field=models.FloatField(
                blank=True,
                help_text="For a rate or share: its denominator (people or decisions). Never published; a "
                "rate on a base under COMPACTWATCH_MIN_RATE_BASE is withheld.",
                null=True,
            ),
        ),
    ]
