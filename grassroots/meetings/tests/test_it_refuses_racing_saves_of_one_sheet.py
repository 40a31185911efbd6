"""Two recorders save the same sheet, opened at the same version, at the same moment on separate
connections (PostgreSQL): one save goes through and the other is refused as stale, so neither writes
over the other unseen; a seal racing a save likewise never seals over the other's entries."""

from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from grassroots.core.models import User
from grassroots.meetings.models import Decision, Opinion
from grassroots.meetings.services import decision_open, decision_opinions, decision_seal
from grassroots.people.models import Staff
from tests.concurrency import at_once


def save(user: User, decision: Decision, member: Staff, vote: str) -> object:
    return decision_opinions(
        by=User.objects.get(pk=user.pk),
        decision=Decision.objects.get(pk=decision.pk),
        opinions=[{"member": member, "present": True, "vote": vote}],
        version=1,
    )


def seal(user: User, decision: Decision, members: list[Staff]) -> object:
    return decision_seal(
        by=User.objects.get(pk=user.pk),
        decision=Decision.objects.get(pk=decision.pk),
        text="两班倒",
        opinions=[{"member": m, "present": True, "vote": "for"} for m in members],
        version=1,
    )


def stale_or_sealed(outcome: Exception | None) -> str:
    assert isinstance(outcome, ValidationError)
    [(field, [error])] = outcome.error_dict.items()
    return f"{field}:{error.code}"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_of_two_racing_saves_one_is_refused(team) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    decision = decision_open(
        by=team.user, post=team.post, matter="值班安排", member_ids=[s.pk for s in team.staff]
    )
    a = team.staff[0]

    outcomes = at_once([partial(save, team.user, decision, a, vote) for vote in ("for", "against")])

    assert sorted(o is None for o in outcomes) == [False, True]
    refused = next(o for o in outcomes if o is not None)
    assert stale_or_sealed(refused) == "version:stale"
    kept = ("for", "against")[outcomes.index(None)]
    assert list(Opinion.objects.values_list("member", "vote")) == [(a.pk, kept)]
    assert Decision.objects.get(pk=decision.pk).version == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_seal_racing_a_save_never_seals_over_it(team) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    decision = decision_open(
        by=team.user, post=team.post, matter="值班安排", member_ids=[s.pk for s in team.staff]
    )
    voters, late = team.staff[:3], team.staff[3]

    outcomes = at_once(
        [partial(seal, team.user, decision, voters), partial(save, team.user, decision, late, "against")]
    )

    assert sorted(o is None for o in outcomes) == [False, True]
    sealed = Decision.objects.get(pk=decision.pk)
    if outcomes[0] is None:  # sealed first: the save finds it sealed
        assert stale_or_sealed(outcomes[1]).startswith("decision:")
        assert not Opinion.objects.filter(member=late, present=True).exists()
        assert sealed.sealed_at is not None
    else:  # saved first: the seal, made from the sheet before that save, is refused unsealed
        assert stale_or_sealed(outcomes[0]) == "version:stale"
        assert sealed.sealed_at is None
        assert list(Opinion.objects.values_list("member", "vote")) == [(late.pk, "against")]
