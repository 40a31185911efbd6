"""A decision needs its quorum present, records each member's view and vote, and is sealed once recorded."""

import pytest
from django.core.exceptions import ValidationError

from grassroots.meetings.models import Decision
from grassroots.meetings.services import decision_open, decision_opinion, decision_seal, tally


def test_it_checks_the_quorum_then_seals(team):  # type: ignore[no-untyped-def]
    decision = decision_open(
        by=team.user,
        post=team.post,
        matter="是否临时征用物业活动室作隔离观察点",
        member_ids=[s.pk for s in team.staff],
    )
    assert decision.quorum == 3, "a majority of five by default"
    decision_opinion(
        by=team.user, decision=decision, member=team.staff[0], present=True, vote="for", view="场地合适"
    )
    decision_opinion(
        by=team.user, decision=decision, member=team.staff[1], present=True, vote="against", view="离住户太近"
    )
    decision_opinion(by=team.user, decision=decision, member=team.staff[2], present=False)
    with pytest.raises(ValidationError) as short:
        decision_seal(by=team.user, decision=decision, text="同意征用")
    assert "2" in short.value.message_dict["decision"][0], "names how many are present"
    with pytest.raises(ValidationError):
        decision_opinion(by=team.user, decision=decision, member=team.staff[3], present=False, vote="for")
    decision_opinion(by=team.user, decision=decision, member=team.staff[3], present=True, vote="for")

    sealed = decision_seal(by=team.user, decision=decision, text="同意征用, 设置独立通道")
    assert sealed.sealed_at and tally(sealed) == {"present": 3, "for": 2, "against": 1, "abstain": 0}
    with pytest.raises(ValidationError) as late_vote:
        decision_opinion(by=team.user, decision=decision, member=team.staff[4], present=True, vote="for")
    with pytest.raises(ValidationError) as reseal:
        decision_seal(by=team.user, decision=decision, text="改为不征用")
    assert set(late_vote.value.message_dict) == set(reseal.value.message_dict) == {"decision"}
    assert Decision.objects.get(pk=decision.pk).decision == "同意征用, 设置独立通道"


def test_a_change_is_a_new_decision_linked_to_the_sealed_one(team):  # type: ignore[no-untyped-def]
    ids = [s.pk for s in team.staff[:3]]
    first = decision_open(by=team.user, post=team.post, matter="值班安排", member_ids=ids, quorum=2)
    with pytest.raises(ValidationError):
        decision_open(by=team.user, post=team.post, matter="改值班", member_ids=ids, amends=first)
    for member in team.staff[:2]:
        decision_opinion(by=team.user, decision=first, member=member, present=True, vote="for")
    decision_seal(by=team.user, decision=first, text="两班倒")
    second = decision_open(by=team.user, post=team.post, matter="改为三班倒", member_ids=ids, amends=first)
    assert second.amends == first and list(first.amended_by.all()) == [second]


def test_members_come_from_the_post(team, grid):  # type: ignore[no-untyped-def]
    from grassroots.people.models import Gender, Staff, StaffKind

    stranger = Staff.objects.create(
        name="外人", gender=Gender.FEMALE, kind=StaffKind.CADRE, area=grid.compounds[2]
    )
    with pytest.raises(ValidationError):
        decision_open(by=team.user, post=team.post, matter="x", member_ids=[stranger.pk])
    with pytest.raises(ValidationError):
        decision_open(by=team.user, post=team.post, matter="x", member_ids=[team.staff[0].pk], quorum=2)
