import pytest

from grassroots.core.models import User
from grassroots.demo import accounts, grid, people
from grassroots.demo import party as party_demo
from grassroots.demo.context import DemoContext
from grassroots.party.selectors import party_stats


@pytest.mark.django_db
def test_it_builds_the_seeds_figures_for_tiedong():  # type: ignore[no-untyped-def]
    # The steps the party step stands on, without the other rooms' slower ones.
    ctx = DemoContext(seed=7, scale=0.15)
    for step in (grid.build, people.build, accounts.build, party_demo.build):
        step(ctx)
    hq = User.objects.get(username="district")
    stats = party_stats(user=hq, area=ctx.district)
    assert (stats.organisations, stats.teams, stats.responsibility_areas, stats.demonstration_posts) == (
        243,
        240,
        330,
        585,
    )
    assert sum(c.organisations for c in stats.children) == 243
    assert sum(c.demonstration_posts for c in stats.children) == 585
    # Every organisation has a secretary among its members, and every member a card.
    orgs = ctx.extra["party_organisations"]
    assert all(o.secretary is not None and o.secretary.organisation_id == o.pk for o in orgs)
