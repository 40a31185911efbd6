"""A request step the system wrote used to keep a sentence in its writer's language: who was told when
a green-channel case opened, the level an escalation reached, "resident" for a request filed on the
public page. Readers of different languages share one timeline, so these are now kept as codes and
said when read. Only a note exactly as the system wrote it (in either language) is converted;
anything else stays as it is. A person's note may now be any length, as the text it repeats."""

from django.conf import settings
from django.db import migrations, models

# The words as the catalogues said them when the steps were written, by language.
TOLD = {
    "en": "station, community centre and street",
    "zh-hans": "小区指挥站、社区指挥中心和街道",
}
TOLD_LEVELS = [0, 1, 2]
LEVELS = {
    "en": ["command station", "community centre", "street", "district"],
    "zh-hans": ["小区指挥站", "社区指挥中心", "街道", "区"],
}
RESIDENT = {"en": "resident", "zh-hans": "居民"}


def _steps(apps):  # type: ignore[no-untyped-def]
    return apps.get_model("services", "RequestEvent").objects


def say_when_read(apps, schema_editor):  # type: ignore[no-untyped-def]
    steps = _steps(apps)
    steps.filter(action="notified", note__in=TOLD.values()).update(note="", params={"levels": TOLD_LEVELS})
    for words in LEVELS.values():
        for level, word in enumerate(words):
            steps.filter(action="escalated", note=word).update(note="", params={"level": level})
    steps.filter(
        action="filed", actor__isnull=True, request__channel="public", actor_name__in=RESIDENT.values()
    ).update(actor_name="")


def write_words_again(apps, schema_editor):  # type: ignore[no-untyped-def]
    # Back to the code that shows stored words only: the words in the site's language.
    language = settings.LANGUAGE_CODE if settings.LANGUAGE_CODE in TOLD else "en"
    steps = _steps(apps)
    steps.filter(action="notified", note="", params={"levels": TOLD_LEVELS}).update(note=TOLD[language])
    for level, word in enumerate(LEVELS[language]):
        steps.filter(action="escalated", note="", params={"level": level}).update(note=word)
    steps.filter(action="filed", actor__isnull=True, request__channel="public", actor_name="").update(
        actor_name=RESIDENT[language]
    )


class Migration(migrations.Migration):
    dependencies = [("services", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="requestevent",
            name="params",
            field=models.JSONField(blank=True, default=dict, verbose_name="details"),
        ),
        migrations.AlterField(
            model_name="requestevent",
            name="note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.RunPython(say_when_read, write_words_again),
    ]
