"""When everybody works as many shifts, the station page says so ("每人均为7个班次", "7 shifts
each") rather than "7 to 7 shifts per person"; an uneven rota still gives the range."""

import datetime as dt

from grassroots.deployment.models import Role, Rota, WorkGroup
from grassroots.deployment.services import assignment_create
from grassroots.deployment.services_rota import rota_generate
from grassroots.places.models import Post, PostKind

from .factories import person


def test_it_says_an_even_rota_in_plain_words(grid, make_user, client):  # type: ignore[no-untyped-def]
    hq = make_user("hq", "district_hq", grid.district)
    post = Post.objects.create(name="一号指挥站", kind=PostKind.STATION, area=grid.compound)
    for _ in range(2):
        assignment_create(
            by=hq,
            staff=person(grid.compound),
            area=grid.compound,
            role=Role.MEMBER,
            work_group=WorkGroup.LIVELIHOOD,
        )
    rota = rota_generate(by=hq, post=post, starts_on=dt.date(2026, 12, 8), days=6, min_heads=1)
    assert rota.load_min == rota.load_max == 6
    client.force_login(make_user("st", "station", grid.compound))
    url = f"/deployment/stations/{post.pk}/"
    zh = client.get(url).content.decode()
    assert "公平性：每人均为6个班次。" in zh and "6至6" not in zh
    en = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert "Fairness: 6 shifts each." in en

    Rota.objects.filter(pk=rota.pk).update(load_min=5)
    assert "公平性：每人5至6个班次。" in client.get(url).content.decode()
