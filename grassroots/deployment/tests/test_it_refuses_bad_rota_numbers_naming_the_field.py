"""A rota asked for with numbers that are not whole numbers in range is refused field by field,
each message naming its field and the range, with what was typed kept; no rota is made. The service
refuses the same numbers from any other caller."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from grassroots.deployment.models import Role, Rota, WorkGroup
from grassroots.deployment.services import assignment_create
from grassroots.deployment.services_rota import rota_generate
from grassroots.places.models import Post, PostKind

from .factories import person


@pytest.fixture
def station(grid, make_user):  # type: ignore[no-untyped-def]
    hq = make_user("hq", "district_hq", grid.district)
    post = Post.objects.create(name="一号指挥站", kind=PostKind.STATION, area=grid.compound)
    for _ in range(4):
        assignment_create(
            by=hq,
            staff=person(grid.compound),
            area=grid.compound,
            role=Role.MEMBER,
            work_group=WorkGroup.LIVELIHOOD,
        )
    return hq, post


def test_the_page_names_each_bad_number_and_keeps_it(station, make_user, client, grid):  # type: ignore[no-untyped-def]
    _hq, post = station
    client.force_login(make_user("st", "station", grid.compound))
    page = client.post(
        f"/deployment/stations/{post.pk}/rota/",
        {
            "starts_on": "2026-12-08",
            "days": "abc",
            "min_heads": "-3",
            "max_consecutive": "9",
            "kind_medic": "x",
        },
    )
    assert page.status_code == 400
    assert page.context["rota_form"].errors == {
        "days": ["天数：请填写1至62之间的整数。"],
        "min_heads": ["每班最少人数：请填写1至50之间的整数。"],
        "max_consecutive": ["最多连续工作天数：请填写1至6之间的整数。"],
        "kind_medic": ["每班医务人员人数：请填写0至50之间的整数。"],
    }
    html = page.content.decode()
    assert 'value="abc"' in html and 'value="-3"' in html and 'value="9"' in html
    assert 'value="2026-12-08"' in html
    assert "已生成新的轮休表" not in html
    assert not Rota.objects.exists()


def test_the_page_makes_a_rota_from_good_numbers(station, make_user, client, grid):  # type: ignore[no-untyped-def]
    _hq, post = station
    client.force_login(make_user("st", "station", grid.compound))
    done = client.post(
        f"/deployment/stations/{post.pk}/rota/",
        {"starts_on": "2026-12-08", "days": "5", "min_heads": "1", "max_consecutive": "6", "kind_medic": ""},
    )
    assert done.status_code == 302
    rota = Rota.objects.get()
    assert (rota.days, rota.min_heads, rota.min_kinds) == (5, 1, {})


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("days", {"days": 63}),
        ("min_heads", {"min_heads": 0}),
        ("max_consecutive", {"max_consecutive": 7}),
        ("kind_police", {"min_kinds": {"police": -1}}),
    ],
)
def test_the_service_refuses_numbers_out_of_range(station, field, kwargs):  # type: ignore[no-untyped-def]
    hq, post = station
    with pytest.raises(ValidationError) as refused:
        rota_generate(by=hq, post=post, starts_on=dt.date(2026, 12, 8), **kwargs)
    assert list(refused.value.message_dict) == [field]
    assert not Rota.objects.exists()
