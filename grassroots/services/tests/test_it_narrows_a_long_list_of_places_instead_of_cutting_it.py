"""Where a select would hold more places than a phone can scroll, the page offers the areas one level
down to choose first, and every place is still reachable; a short list is offered whole."""

from django.urls import reverse

from grassroots.services import selectors


def test_a_street_chooses_a_community_first_then_sees_every_place_in_it(place, client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(selectors, "CHOICES_AT_ONCE", 5)
    grid = place.grid
    client.force_login(place.street_user)

    page = client.get(reverse("services-request-new")).content.decode()
    for community in grid.communities[:2]:
        assert f"area={community.pk}" in page
    assert f'<option value="{grid.buildings[0].pk}"' not in page

    page = client.get(reverse("services-request-new") + f"?area={grid.community.pk}").content.decode()
    inside = [a for a in [*grid.compounds, *grid.buildings] if a.path.startswith(grid.community.path)]
    assert len(inside) == 6
    # Six is still more than five: the community's compounds come next, and each lists its buildings.
    for compound in [a for a in inside if a.kind == "compound"]:
        assert f"area={compound.pk}" in page
        page_in = client.get(reverse("services-task-new") + f"?area={compound.pk}").content.decode()
        for a in [a for a in inside if a.path.startswith(compound.path)]:
            assert f'<option value="{a.pk}"' in page_in


def test_a_station_sees_its_whole_compound_at_once(place, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(place.station_user)
    page = client.get(reverse("services-rounds"), headers={"accept-language": "en"}).content.decode()
    for area in [place.compound, *[b for b in place.grid.buildings if b.parent_id == place.compound.pk]]:
        assert f'<option value="{area.pk}"' in page
    assert "choose where first" not in page
