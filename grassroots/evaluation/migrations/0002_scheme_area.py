import django.db.models.deletion
from django.db import migrations, models


def owner_area(apps, schema_editor):  # type: ignore[no-untyped-def]
    """An existing scheme belongs to the widest area it assesses (or, unused, the first top area)."""
    Scheme = apps.get_model("evaluation", "Scheme")
    Area = apps.get_model("places", "Area")
    top = Area.objects.filter(parent__isnull=True).order_by("pk").first()
    for scheme in Scheme.objects.all():
        used = sorted(
            (p.area for p in scheme.periods.select_related("area")), key=lambda a: len(a.path)
        )
        scheme.area = used[0] if used else top
        scheme.save(update_fields=["area"])


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0001_initial"),
        ("places", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="scheme",
            name="area",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="places.area",
                verbose_name="area",
            ),
        ),
        migrations.RunPython(owner_area, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="scheme",
            name="area",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="places.area",
                verbose_name="area",
            ),
        ),
    ]
