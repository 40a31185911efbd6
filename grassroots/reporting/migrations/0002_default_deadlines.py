from datetime import timedelta

from django.db import migrations

# (category, severity, report within, progress every); blank matches any. Editable in the admin.
DEFAULTS = [
    ("", "", timedelta(hours=2), timedelta(hours=4)),
    ("emergency", "", timedelta(hours=1), timedelta(hours=4)),
    ("epidemic_case", "", timedelta(hours=1), timedelta(hours=4)),
    ("", "severe", timedelta(minutes=30), timedelta(hours=2)),
]


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    rule = apps.get_model("reporting", "DeadlineRule")
    for category, severity, within, every in DEFAULTS:
        rule.objects.get_or_create(
            category=category, severity=severity, defaults={"report_within": within, "update_every": every}
        )


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
