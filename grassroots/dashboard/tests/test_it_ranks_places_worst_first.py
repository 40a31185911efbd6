from django.test import Client

from grassroots.dashboard.figures import child_rows


def test_it_lists_the_districts_streets_worst_coverage_first(demo) -> None:  # type: ignore[no-untyped-def]
    district = demo.extra["users"]["district"]
    rows = child_rows(district, demo.district)
    assert [r.area for r in rows] != [] and {r.area for r in rows} == set(demo.streets)
    scores = [r.coverage for r in rows]
    assert scores == sorted(scores)
    client = Client()
    client.force_login(district)
    page = client.get("/").content.decode()
    assert page.index(rows[0].area.name) < page.index(rows[-1].area.name)


def test_volunteers_see_their_own_work_not_place_figures(demo) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(demo.extra["users"]["volunteer"])
    page = client.get("/").content.decode()
    assert "worst first" not in page and "由差到好" not in page
