"""A compound's building rows count the responsibility areas covering them (a building, or a unit of
it), where they used to read 0 under a compound that counted them; the page says why the buildings
may add up to more than the compound, and where organisations and demonstration posts are counted."""

import pytest
from django.urls import reverse

from grassroots.party import services
from grassroots.party.selectors import party_stats

from .conftest import client_for


@pytest.mark.django_db
def test_it_counts_responsibility_areas_in_the_buildings_they_cover(grid, party):  # type: ignore[no-untyped-def]
    compound = grid.compounds[0]
    b1, b2 = grid.buildings[0], grid.buildings[1]
    services.responsibility_area_assign(by=party.hq, member=party.wang, covers=[b1, b2])
    services.responsibility_area_assign(by=party.hq, member=party.li, covers=[grid.units[1]])  # a unit of b1
    services.demonstration_post_create(
        by=party.hq, member=party.li, post=party.org_a.post, title="示范岗", pledge="有困难找我"
    )

    stats = party_stats(user=party.hq, area=compound)
    assert (stats.organisations, stats.responsibility_areas, stats.demonstration_posts) == (1, 2, 1)
    rows = {c.area: (c.organisations, c.responsibility_areas, c.demonstration_posts) for c in stats.children}
    assert rows == {b1: (0, 2, 0), b2: (0, 1, 0)}
    assert party_stats(user=party.hq, area=grid.community).responsibility_areas == 2
    assert party_stats(user=party.hq, area=grid.district).responsibility_areas == 2

    page = client_for(party.hq).get(reverse("party-stats") + f"?area={compound.pk}").content.decode()
    assert 'id="party-count-note"' in page and "党员责任区在其覆盖的每栋楼各计一次" in page
    street = client_for(party.hq).get(reverse("party-stats") + f"?area={grid.street.pk}").content.decode()
    assert 'id="party-count-note"' not in street
