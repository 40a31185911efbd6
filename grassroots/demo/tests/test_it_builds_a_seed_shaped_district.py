from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from grassroots.core.models import AccessGrant, User
from grassroots.demo.accounts import INSTRUCTOR_LOGINS, LOGINS
from grassroots.people.models import Staff, StaffKind
from grassroots.places.models import Area, Post


def test_it_has_the_seeds_shape(demo) -> None:  # type: ignore[no-untyped-def]
    tiedong = Area.objects.get(name="铁东区")
    below = Area.objects.filter(path__startswith=tiedong.path)
    assert below.filter(kind="street").count() == 8
    assert below.filter(kind="community").count() == 40
    assert below.filter(kind="compound").count() == 230
    assert Post.objects.filter(kind="zone").count() == 8
    assert Post.objects.filter(kind="centre").count() == 40
    assert Post.objects.filter(kind="station").count() == 230
    assert Post.objects.filter(kind__in=["isolation_point", "checkpoint"]).count() >= 2
    assert (
        Area.objects.filter(kind="village", path__startswith=Area.objects.get(name="双辽市").path).count()
        == 144
    )
    assert not Area.objects.filter(kind="compound").exclude(children__kind="building").exists()
    assert set(Staff.objects.values_list("kind", flat=True)) == set(StaffKind.values)


def test_it_gives_each_demo_login_its_office(demo) -> None:  # type: ignore[no-untyped-def]
    logins = [login for login, *_ in LOGINS]
    roles = dict(AccessGrant.objects.filter(user__username__in=logins).values_list("user__username", "role"))
    assert roles == {
        "district": "district_hq",
        "street": "street",
        "community": "community",
        "station": "station",
        "volunteer": "volunteer",
        "shuangliao": "district_hq",
    }
    assert User.objects.get(username="station").check_password("demo12345")


def test_it_refuses_a_database_that_already_has_a_district(demo) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError):
        call_command("demo")
    call_command("demo", "--if-empty", stdout=StringIO())  # says so and leaves the district alone
    assert Area.objects.filter(kind="district").count() == 1


def test_it_prints_every_login_it_made(demo) -> None:  # type: ignore[no-untyped-def]
    out = StringIO()
    call_command("demo", "--if-empty", stdout=out)
    printed = {line.split()[0] for line in out.getvalue().splitlines() if line.startswith("  ")}
    made = {login for login, *_ in LOGINS} | {login for login, _ in INSTRUCTOR_LOGINS} | {"admin"}
    assert printed == made
    assert User.objects.filter(username__in=made).count() == len(made)


def test_it_nominates_the_first_of_each_streets_ranking(demo) -> None:  # type: ignore[no-untyped-def]
    """As the ranking page orders them (a score resting on too little of the scheme after the rest),
    not by total alone, which put people measured on one small indicator first."""
    from grassroots.evaluation.models import Nomination
    from grassroots.evaluation.selectors import ranking

    hq = User.objects.get(username="district")
    nominations = list(Nomination.objects.select_related("period", "person"))
    assert nominations
    streets = list(Area.objects.filter(kind="street"))
    for nomination in nominations:
        scored = nomination.period.scores.select_related("area").get(person=nomination.person)
        street = next(s for s in streets if scored.area.path.startswith(s.path))
        first = ranking(user=hq, period=nomination.period, area=street).first()
        assert first is not None and first.person == nomination.person
