from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0002_scheme_area"),
    ]

    operations = [
        migrations.AlterField(
            model_name="rating",
            name="code",
            field=models.CharField(
                choices=[
                    ("conduct", "conduct"),
                    ("commander_rating", "station commander's rating"),
                    ("community_rating", "community's rating"),
                ],
                max_length=40,
                verbose_name="indicator",
            ),
        ),
    ]
