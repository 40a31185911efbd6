"""`--area` for the ledger commands: an area id, or a code that names exactly one area."""

from django.core.management.base import CommandError

from grassroots.places.models import Area


def area_from(value: str) -> Area:
    if value.isdigit():
        found = Area.objects.filter(pk=int(value)).first()
        if found:
            return found
    matches = list(Area.objects.filter(code=value)[:5])
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise CommandError(f"No area has the id or code {value}.")
    raise CommandError(
        f"Several areas have the code {value}: " + ", ".join(f"{a.pk} {a.name}" for a in matches)
    )
