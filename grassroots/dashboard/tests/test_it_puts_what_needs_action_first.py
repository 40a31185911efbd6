from django.test import Client

from grassroots.services.services import green_channel_file


def test_it_shows_a_new_green_channel_case_first(demo) -> None:  # type: ignore[no-untyped-def]
    station = demo.extra["users"]["station"]
    green_channel_file(
        by=station,
        area=demo.units[0],
        emergency="dialysis",
        name="测试居民",
        phone="13900001234",
        details="今天下午需要透析",
    )
    client = Client()
    client.force_login(station)
    page = client.get("/").content.decode()
    first_item = page.split('<ul class="attention">')[1].split("</li>")[0]
    assert "绿色通道" in first_item and "badge urgent" in first_item


def test_it_says_so_when_nothing_waits(grid, make_user) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(make_user("quiet", "station", grid.compound))
    page = client.get("/")
    assert page.status_code == 200
    assert "没有待办事项" in page.content.decode()
