import pytest

from grassroots.core.models import User
from grassroots.party.selectors import party_stats


@pytest.mark.django_db
def test_it_builds_the_seeds_figures_for_tiedong(demo):  # type: ignore[no-untyped-def]
    hq = User.objects.get(username="district")
    stats = party_stats(user=hq, area=demo.district)
    assert (stats.organisations, stats.teams, stats.responsibility_areas, stats.demonstration_posts) == (
        243,
        240,
        330,
        585,
    )
    # The streets' figures add up to the district's, except what stands at the district itself.
    assert sum(c.organisations for c in stats.children) == 243
    assert sum(c.demonstration_posts for c in stats.children) == 585
