from django.contrib.auth.models import AnonymousUser

from grassroots.core.models import Role
from grassroots.core.scope import in_scope, role_at_least, role_of, scoped_areas, top_areas


def test_it_shows_a_user_only_their_subtree(grid, make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user("st", Role.STATION, grid.compound)
    seen = set(scoped_areas(user))
    assert grid.compound in seen and grid.units[0] in seen
    assert grid.community not in seen and grid.compounds[1] not in seen
    assert in_scope(user, grid.units[3]) and not in_scope(user, grid.units[4])


def test_it_merges_nested_and_separate_grants(grid, make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user("two", Role.COMMUNITY, grid.communities[0])
    user.grants.create(area=grid.compounds[0], role=Role.STATION)
    user.grants.create(area=grid.communities[3], role=Role.COMMUNITY)
    assert list(top_areas(user).order_by("path")) == [grid.communities[0], grid.communities[3]]
    assert scoped_areas(user).count() == 2 * (1 + 2 + 4 + 8)
    assert role_of(user) == Role.COMMUNITY


def test_it_shows_nothing_to_anonymous_or_ungranted_users(grid, make_user) -> None:  # type: ignore[no-untyped-def]
    assert scoped_areas(AnonymousUser()).count() == 0
    assert scoped_areas(make_user("nobody")).count() == 0
    assert not in_scope(AnonymousUser(), grid.compound)


def test_it_shows_everything_to_a_superuser(grid, make_user) -> None:  # type: ignore[no-untyped-def]
    admin = make_user("root", is_superuser=True)
    assert scoped_areas(admin).count() == 1 + 1 + 2 + 4 + 8 + 16 + 32
    assert role_at_least(admin, Role.DISTRICT_HQ)


def test_it_orders_roles_from_widest(grid, make_user) -> None:  # type: ignore[no-untyped-def]
    street = make_user("s", Role.STREET, grid.street)
    assert role_at_least(street, Role.COMMUNITY) and role_at_least(street, Role.STREET)
    assert not role_at_least(street, Role.DISTRICT_HQ)
