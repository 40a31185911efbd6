from django.db import migrations, models


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Scores stored before the weights were kept beside them: read them from each score's lines."""
    Score = apps.get_model("evaluation", "Score")
    batch = []
    for score in Score.objects.only("pk", "indicators").iterator(chunk_size=2000):
        lines = score.indicators.values()
        score.measured_weight = sum(line["weight"] for line in lines if line.get("points") is not None)
        score.scheme_weight = sum(line["weight"] for line in lines)
        batch.append(score)
        if len(batch) == 2000:
            Score.objects.bulk_update(batch, ["measured_weight", "scheme_weight"])
            batch = []
    Score.objects.bulk_update(batch, ["measured_weight", "scheme_weight"])


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0003_rating_code_choices"),
    ]

    operations = [
        migrations.AddField(
            model_name="score",
            name="measured_weight",
            field=models.PositiveIntegerField(default=0, verbose_name="weight measured"),
        ),
        migrations.AddField(
            model_name="score",
            name="scheme_weight",
            field=models.PositiveIntegerField(default=0, verbose_name="weight in the scheme"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
