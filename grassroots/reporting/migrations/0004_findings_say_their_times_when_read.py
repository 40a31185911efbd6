"""A late report's or a missed update's evidence used to be a sentence written when the finding was
made, in its maker's language. The finding's own times say the same, so such a sentence is emptied
and said again when read, in the reader's language and the site's time. Only a sentence exactly as
the system wrote it (in either language, in the site's time or in UTC) goes; anything else stays."""

from datetime import UTC
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations

# The two sentences as the catalogues said them when the findings were written.
LATE = {
    "en": "Reported at %(reported)s; due by %(deadline)s.",
    "zh-hans": "上报于%(reported)s；应于%(deadline)s前上报。",
}
MISSED_UPDATE = {
    "en": "Progress update due by %(due)s.",
    "zh-hans": "应于%(due)s前续报进展。",
}


def _at(moment, zone):  # type: ignore[no-untyped-def]
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M}"


def _sentences(finding, zones):  # type: ignore[no-untyped-def]
    for zone in zones:
        if finding.kind == "late":
            times = {
                "reported": _at(finding.occurred_at + finding.late_by, zone),
                "deadline": _at(finding.occurred_at, zone),
            }
            yield from (sentence % times for sentence in LATE.values())
        else:
            yield from (
                sentence % {"due": _at(finding.occurred_at, zone)} for sentence in MISSED_UPDATE.values()
            )


def _generated(apps):  # type: ignore[no-untyped-def]
    finding = apps.get_model("reporting", "TimelinessFinding")
    late = finding.objects.filter(kind="late", late_by__isnull=False)
    return late | finding.objects.filter(kind="missed_update")


def forget_written_sentences(apps, schema_editor):  # type: ignore[no-untyped-def]
    zones = [ZoneInfo(settings.TIME_ZONE), UTC]
    written = _generated(apps).exclude(evidence="").only("pk", "kind", "occurred_at", "late_by", "evidence")
    said = [f.pk for f in written.iterator() if f.evidence in set(_sentences(f, zones))]
    finding = apps.get_model("reporting", "TimelinessFinding")
    for start in range(0, len(said), 2000):
        finding.objects.filter(pk__in=said[start : start + 2000]).update(evidence="")


def write_sentences_again(apps, schema_editor):  # type: ignore[no-untyped-def]
    # Back to the code that shows stored text only: the sentence in the site's language and time.
    language = settings.LANGUAGE_CODE if settings.LANGUAGE_CODE in LATE else "en"
    zone = ZoneInfo(settings.TIME_ZONE)
    for f in _generated(apps).filter(evidence="").iterator():
        if f.kind == "late":
            f.evidence = LATE[language] % {
                "reported": _at(f.occurred_at + f.late_by, zone),
                "deadline": _at(f.occurred_at, zone),
            }
        else:
            f.evidence = MISSED_UPDATE[language] % {"due": _at(f.occurred_at, zone)}
        f.save(update_fields=["evidence"])


class Migration(migrations.Migration):
    dependencies = [("reporting", "0003_report_discovered_index")]
    operations = [migrations.RunPython(forget_written_sentences, write_sentences_again)]
