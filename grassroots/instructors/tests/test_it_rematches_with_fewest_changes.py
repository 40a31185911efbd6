import pytest
from django.core.exceptions import PermissionDenied

from ..models import Instructor, MatchingStatus, Method, Status, VillageNeed
from ..services_matching import instructor_leave, matching_adjust, matching_propose

FIELDS = [
    ["industry", "party_building"],
    ["ecology"],
    ["culture", "governance"],
    ["governance", "party_building"],
    ["livelihood", "industry"],
    ["ecology", "culture"],
    ["industry", "ecology", "livelihood"],
]
FOCUS = [["industry"], ["ecology", "livelihood"], ["culture"], ["governance"], ["livelihood"], ["ecology"]]


def serving(rural):  # type: ignore[no-untyped-def]
    call = rural.call()
    people = [rural.approved(call, fields=f, party_work_years=2 + i) for i, f in enumerate(FIELDS)]
    rural.profile(call, FOCUS)
    first = matching_propose(by=rural.committee, call=call, method=Method.OPTIMAL)
    rural.place(first)
    return call, people, first


def pairs_of(call):  # type: ignore[no-untyped-def]
    return dict(Instructor.objects.filter(call=call, village__isnull=False).values_list("pk", "village_id"))


@pytest.mark.django_db
def test_it_fills_a_vacancy_without_moving_anyone_else(rural):
    call, _people, _first = serving(rural)
    before = pairs_of(call)
    assert len(before) == 6
    leaver = Instructor.objects.get(pk=next(iter(before)))
    vacated = before.pop(leaver.pk)
    instructor_leave(by=rural.committee, instructor=leaver, reason="因病离岗")
    proposal = matching_adjust(by=rural.committee, call=call, reason="补缺", change_penalty=1000)
    assert proposal.status == MatchingStatus.PROPOSED and proposal.changes == 0
    assert pairs_of(call) == before  # a proposal changes nothing until approved
    rural.place(proposal)
    after = pairs_of(call)
    newcomer = set(after) - set(before)
    assert len(newcomer) == 1 and after[newcomer.pop()] == vacated
    assert {k: v for k, v in after.items() if k in before} == before
    assert Instructor.objects.get(pk=leaver.pk).status == Status.LEFT


@pytest.mark.django_db
def test_it_moves_a_pair_only_when_the_gain_beats_the_penalty(rural):
    call, _people, _first = serving(rural)
    need = VillageNeed.objects.filter(call=call).order_by("village__path")[0]
    need.focus = ["culture", "governance"]
    need.save()
    kept = matching_adjust(by=rural.committee, call=call, reason="需求变化", change_penalty=1000)
    assert kept.changes == 0
    free = matching_adjust(by=rural.committee, call=call, reason="需求变化", change_penalty=0)
    best = matching_propose(by=rural.committee, call=call, method=Method.OPTIMAL)
    assert free.total_fit == best.total_fit
    middle = matching_adjust(by=rural.committee, call=call, reason="需求变化", change_penalty=20)
    # Each move must pay for itself: the penalised objective beats keeping everyone.
    assert middle.total_fit - 20 * middle.changes >= kept.total_fit
    changed = {p.instructor_id for p in middle.pairs.filter(changed=True)}
    assert len(changed) == middle.changes


@pytest.mark.django_db
def test_it_shows_no_blocking_pair_for_both_stable_methods(rural):
    call, _people, _first = serving(rural)
    stable_c = matching_propose(by=rural.committee, call=call, method=Method.STABLE_CANDIDATE)
    stable_v = matching_propose(by=rural.committee, call=call, method=Method.STABLE_VILLAGE)
    optimal = matching_propose(by=rural.committee, call=call, method=Method.OPTIMAL)
    assert stable_c.blocking_pairs == stable_v.blocking_pairs == 0
    assert optimal.total_fit >= max(stable_c.total_fit, stable_v.total_fit)
    assert stable_c.pairs.count() == stable_v.pairs.count() == 6


@pytest.mark.django_db
def test_it_lets_only_the_committee_match(rural):
    call = rural.call()
    rural.approved(call)
    with pytest.raises(PermissionDenied):
        matching_propose(by=rural.township_user, call=call, method=Method.OPTIMAL)


@pytest.mark.django_db
def test_it_honours_both_sides_rankings_in_stable_matching(rural):
    from ..services import instructor_rank_villages, need_update

    call = rural.call()
    people = [rural.approved(call, fields=f) for f in FIELDS[:6]]
    rural.profile(call, FOCUS)
    # Candidate 0 fits industry villages best, but wants the last village, which wants them first too.
    last = VillageNeed.objects.filter(call=call).order_by("village__path").last()
    assert last is not None
    instructor_rank_villages(by=people[0].user, instructor=people[0], village_ids=[last.village_id])
    need_update(
        by=rural.committee,
        need=last,
        version=last.version,
        focus=last.focus,
        households=last.households,
        distance_km=last.distance_km,
        special_needs="",
        candidate_ranking=[people[0].pk],
    )
    result = matching_propose(by=rural.committee, call=call, method=Method.STABLE_CANDIDATE)
    assert result.pairs.get(instructor=people[0]).village_id == last.village_id
    assert result.blocking_pairs == 0
