from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from grassroots.party import services
from grassroots.party.selectors import party_stats


@pytest.mark.django_db
def test_it_rolls_counts_up_the_tree(grid, party):  # type: ignore[no-untyped-def]
    hq = party.hq
    services.team_create(
        by=hq, name="甲先锋队", area=grid.compounds[0], organisation=party.org_a, members=[party.wang]
    )
    services.team_create(by=hq, name="突击队", area=grid.street, is_squad=True, leader=party.li)
    services.responsibility_area_assign(by=hq, member=party.wang, covers=[grid.buildings[0]])
    services.responsibility_area_assign(by=hq, member=party.zhao, covers=[grid.units[8], grid.units[9]])
    services.demonstration_post_create(
        by=hq, member=party.li, post=party.org_a.post, title="示范岗", pledge="有困难找我"
    )

    district = party_stats(user=hq, area=grid.district)
    assert (
        district.organisations,
        district.teams,
        district.responsibility_areas,
        district.demonstration_posts,
    ) == (
        2,
        2,
        2,
        1,
    )
    first_street, second_street = district.children
    assert (first_street.organisations, first_street.teams, first_street.responsibility_areas) == (2, 2, 2)
    assert second_street.organisations == second_street.teams == 0

    street = party_stats(user=hq, area=grid.street)
    assert [(c.area.name, c.organisations, c.responsibility_areas) for c in street.children] == [  # type: ignore[union-attr]
        ("社区1-1", 1, 1),
        ("社区1-2", 1, 1),
    ]


@pytest.mark.django_db
def test_a_dissolved_organisation_no_longer_counts(grid, party):  # type: ignore[no-untyped-def]
    services.demonstration_post_create(
        by=party.hq, member=party.zhao, post=party.org_b.post, title="示范岗", pledge="守住小区门"
    )
    services.organisation_dissolve(by=party.hq, organisation=party.org_b, dissolved_on=timezone.localdate())
    stats = party_stats(user=party.hq, area=grid.district)
    assert (stats.organisations, stats.demonstration_posts) == (1, 0)
    with pytest.raises(ValidationError) as exc:
        services.organisation_dissolve(
            by=party.hq, organisation=party.org_b, dissolved_on=timezone.localdate() + timedelta(days=1)
        )

    assert "dissolved_on" in exc.value.message_dict


@pytest.mark.django_db
def test_the_api_returns_the_figures_and_children(grid, party, api):  # type: ignore[no-untyped-def]
    got = api(party.hq).get(f"/api/v1/party/stats?area={grid.street.pk}")
    assert got.status_code == 200
    body = got.json()
    assert body["organisations"] == 2 and body["teams"] == 0
    assert [c["organisations"] for c in body["children"]] == [1, 1]
    assert set(body) >= {"organisations", "teams", "responsibility_areas", "demonstration_posts", "children"}


@pytest.mark.django_db
def test_the_api_refuses_an_area_outside_scope(grid, party, api, make_user):  # type: ignore[no-untyped-def]
    station = make_user("st", "station", grid.compounds[0])
    assert api(station).get(f"/api/v1/party/stats?area={grid.street.pk}").status_code == 404
    own = api(station).get("/api/v1/party/stats").json()
    assert own["organisations"] == 1 and own["area"] == grid.compounds[0].pk
