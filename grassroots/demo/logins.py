"""Logins for the people of 铁东区's streets, communities and compounds (`staff<record id>`, password
demo12345): they knock on doors, claim tasks and read their own scores on their phones. Each station's
commander holds the station's office (publishes its tasks, rates its people); each community and street
has a desk account (`community<code>`, `street<code>`), as the first ones have `community` and `street`.

Not everyone has one. The district's department heads work from their own offices, and in each street
the one or two people sent down last have not been registered yet: the records a login makes cannot be
theirs, so their month's scores rest on too little of the scheme to rank them with the others.

Made after the deployment step, which decides who commands each station and who was sent down."""

from collections import defaultdict

from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat

from grassroots.core.models import AccessGrant, Role, User
from grassroots.deployment import models as deployment
from grassroots.people.models import Staff, StaffKind

from .accounts import password_hash
from .context import DemoContext


def build(ctx: DemoContext) -> None:
    users: dict[str, User] = ctx.extra["users"]
    password = password_hash(ctx)
    stations = {s.area_id: s for s in ctx.stations}
    commanders = dict(
        deployment.Assignment.objects.filter(
            role=deployment.Role.COMMANDER, area__in=ctx.compounds, ends_on__isnull=True
        ).values_list("staff_id", "area_id")
    )
    here = Staff.objects.filter(area__in=[*ctx.streets, *ctx.communities, *ctx.compounds])
    new = list(here.filter(user__isnull=True).exclude(pk__in=_sent_down_last(ctx)).order_by("pk"))
    made = User.objects.bulk_create(User(username=f"staff{s.pk}", password=password) for s in new)
    # Each login is named after its staff record, so one statement links them all (bulk_update's CASE
    # over thousands of rows takes seconds).
    named = User.objects.filter(username=Concat(Value("staff"), Cast(OuterRef("pk"), CharField())))
    here.filter(pk__in=[s.pk for s in new]).update(user=Subquery(named.values("pk")))

    # The first station's office is the `station` login, held by one of its cadres.
    offices = {ctx.compounds[0].pk: users["station"]}
    grants = []
    for s, user in zip(new, made, strict=True):
        compound = commanders.get(s.pk)
        if compound is not None and compound not in offices:
            offices[compound] = user
            grants.append(
                AccessGrant(user=user, area_id=compound, role=Role.STATION, post=stations[compound])
            )
        else:
            role = Role.VOLUNTEER if s.kind == StaffKind.VOLUNTEER else Role.STAFF
            grants.append(AccessGrant(user=user, area_id=s.area_id, role=role))

    # The desks of the communities and streets after the first, which have `community` and `street`.
    desks = {ctx.communities[0].pk: users["community"], ctx.streets[0].pk: users["street"]}
    places = [(c, "community", Role.COMMUNITY) for c in ctx.communities[1:]]
    places += [(s, "street", Role.STREET) for s in ctx.streets[1:]]
    made = User.objects.bulk_create(
        User(username=f"{word}{area.code}", password=password, first_name=area.name[:150])
        for area, word, _role in places
    )
    for user, (area, _word, role) in zip(made, places, strict=True):
        desks[area.pk] = user
        grants.append(AccessGrant(user=user, area=area, role=role))
    AccessGrant.objects.bulk_create(grants, batch_size=2000)

    by_area: dict[int, list[User]] = defaultdict(list)
    for s in here.filter(user__isnull=False).select_related("user").order_by("pk"):
        by_area[s.area_id].append(s.user)  # type: ignore[arg-type]
    ctx.extra["logins_by_area"] = by_area
    ctx.extra["station_offices"] = offices
    ctx.extra["desks"] = desks


def _sent_down_last(ctx: DemoContext) -> list[int]:
    """In each street the last one or two (by turns) of the people the deployment step sent down."""
    by_street: dict[int, list[Staff]] = defaultdict(list)
    for s in ctx.extra["sent_down"]:
        by_street[s.area.ancestor_ids()[-2]].append(s)
    last = []
    for i, street in enumerate(ctx.streets):
        theirs = sorted(by_street[street.pk], key=lambda s: s.pk)
        last += [s.pk for s in theirs[-1 - i % 2 :]]
    return last
