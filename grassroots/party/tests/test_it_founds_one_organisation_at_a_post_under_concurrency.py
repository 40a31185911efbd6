"""Two communities found an organisation at the same station at the same moment, on separate
connections: one is founded, the other refused (the post's row is locked while it is checked)."""

from functools import partial

import pytest
from django.db import connection
from django.utils import timezone

from grassroots.core.models import AccessGrant, User
from grassroots.party import services
from grassroots.party.models import PartyOrganisation
from grassroots.places.models import Post, PostKind
from tests.concurrency import at_once


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_founds_one_organisation_at_a_post_under_concurrency(grid) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    post = Post.objects.create(name="一号站", kind=PostKind.STATION, area=grid.compound)
    users = []
    for i in range(4):
        user = User.objects.create_user(username=f"community{i}", password="pw-12345678")
        AccessGrant.objects.create(user=user, area=grid.community, role="community")
        users.append(user)

    def found(user: User) -> object:
        return services.organisation_found(
            by=User.objects.get(pk=user.pk),
            name=f"{user.username}支部",
            post=post,
            founded_on=timezone.localdate(),
        )

    outcomes = at_once([partial(found, user) for user in users])
    assert sum(o is None for o in outcomes) == 1
    assert PartyOrganisation.objects.filter(post=post).count() == 1
