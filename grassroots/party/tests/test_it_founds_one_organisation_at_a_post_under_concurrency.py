"""Two communities found an organisation at the same station at the same moment, on separate
connections: one is founded, the other refused (the post's row is locked while it is checked)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from grassroots.core.models import AccessGrant, User
from grassroots.party import services
from grassroots.party.models import PartyOrganisation
from grassroots.places.models import Post, PostKind


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
    barrier = threading.Barrier(len(users))
    outcomes: list[str] = []

    def found(user: User) -> None:
        try:
            barrier.wait()
            services.organisation_found(
                by=User.objects.get(pk=user.pk),
                name=f"{user.username}支部",
                post=post,
                founded_on=timezone.localdate(),
            )
            outcomes.append("founded")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=found, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["founded"] + ["refused"] * (len(users) - 1)
    assert PartyOrganisation.objects.filter(post=post).count() == 1
