"""What the scope matrix (tests/test_scope_matrix.py) needs to know about each app.

The matrix plants "canary" records, named with a marker, in a compound outside each demo role's
scope, then walks every URL pattern (pages, API and admin lists) as every role and fails if a
marker shows up or an out-of-scope object can be read or written.

When an app adds models, pages or endpoints it adds here, in the same change:
- a canary planter: `def plant(area, marker) -> None` creating its records in `area` (a compound
  with one building and one unit) whose text includes `marker`;
- for every URL keyword argument its patterns use, a resolver `(area, marker) -> value` giving
  the id (or reference) of one of its canary records, so the matrix can ask for it;
- public pages (no login, by design reachable for any place) in PUBLIC, with the reason.
"""

from collections.abc import Callable
from typing import Any

from grassroots.people.models import Gender, Staff, StaffKind
from grassroots.places.models import Area, Post, PostKind


def plant_people(area: Area, marker: str) -> None:
    Staff.objects.create(
        name=marker, gender=Gender.FEMALE, kind=StaffKind.CADRE, area=area, phone="13900000000"
    )
    Post.objects.create(name=f"{marker}指挥站", kind=PostKind.STATION, area=area)


PLANTERS: list[Callable[[Area, str], None]] = [plant_people]

PARAMS: dict[str, Callable[[Area, str], Any]] = {
    "area_id": lambda area, marker: area.pk,
    "staff_id": lambda area, marker: Staff.objects.get(name=marker).pk,
    "post_id": lambda area, marker: Post.objects.get(name=f"{marker}指挥站").pk,
}

# URL names (pages) or API paths that are public by design: not walked with out-of-scope ids.
PUBLIC: dict[str, str] = {}
