from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("observations", "0004_observation_base"),
    ]

    operations = [
        migrations.AddField(
            model_name="observation",
            name="partial_period",
            field=models.BooleanField(
                default=False,
                help_text="The producer's figure covers only part of the period (a year of three quarters, "
                "say): not comparable with full years. Read from the PartialPeriod column; the footnote says "
                "which part.",
            ),
        ),
        migrations.AlterField(
            model_name="observation",
            name="obs_status",
            field=models.CharField(
                blank=True,
                help_text="SDMX OBS_STATUS: B break in series (not comparable with the years before; the "
                "footnote says why), E estimate, P provisional",
                max_length=2,
            ),
        ),
    ]
