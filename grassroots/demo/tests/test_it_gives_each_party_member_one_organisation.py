"""Someone serves in one standing party organisation at a time (member_add refuses a second), so the
checkpoints' and second branches' organisations do not share the demo's members."""

from django.db.models import Count

from grassroots.party.models import PartyMember
from grassroots.party.selectors import active_organisations


def test_nobody_holds_two_standing_memberships(demo) -> None:  # type: ignore[no-untyped-def]
    standing = PartyMember.objects.filter(left_on__isnull=True, organisation__in=active_organisations())
    for person in ("staff", "resident"):
        held = standing.filter(**{f"{person}__isnull": False}).values(person).annotate(n=Count("id"))
        assert held.exists()
        assert not held.filter(n__gt=1).exists(), person
    # Every organisation still has members, and its secretary is one of them.
    for org in demo.extra["party_organisations"]:
        org.refresh_from_db()
        assert org.secretary is not None and org.secretary.organisation_id == org.pk
