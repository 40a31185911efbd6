from django.db import migrations

# The seed's care categories with how often a helper must be in touch (days); editable afterwards.
TAGS = [
    ("独居老人", 7),
    ("高龄老人", 7),
    ("残疾人", 14),
    ("孕产妇", 7),
    ("婴幼儿", 14),
    ("慢性病需透析", 3),
    ("重症患者", 3),
    ("低保户", 30),
    ("特困人员", 14),
    ("精神障碍患者", 7),
    ("其他需重点照顾", 14),
]


def seed(apps, schema_editor):
    CareTag = apps.get_model("residents", "CareTag")
    for name, days in TAGS:
        CareTag.objects.get_or_create(name=name, defaults={"contact_every_days": days})


class Migration(migrations.Migration):
    dependencies = [("residents", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
