import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from grassroots.party import services
from grassroots.party.models import ActivityKind, SquadCase
from grassroots.party.selectors import activity_counts, organisation_list


@pytest.mark.django_db
def test_it_counts_activities_per_organisation(grid, party):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    for kind in (ActivityKind.OATH, ActivityKind.STUDY, ActivityKind.STUDY):
        services.activity_record(
            by=party.hq,
            organisation=party.org_a,
            kind=kind,
            title="学习",
            held_on=today,
            attendees=[party.wang],
        )
    assert activity_counts(party.org_a) == {"oath": 1, "study": 2}
    counts = {o.name: o.n_activities for o in organisation_list(user=party.hq)}  # type: ignore[attr-defined]
    assert counts == {"甲临时党支部": 3, "乙临时党支部": 0}


@pytest.mark.django_db
def test_attendees_must_belong_to_the_organisation(grid, party):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        services.activity_record(
            by=party.hq,
            organisation=party.org_a,
            kind=ActivityKind.SERVICE_DAY,
            title="服务日",
            held_on=timezone.localdate(),
            attendees=[party.zhao],
        )
    assert "赵责任" in str(exc.value)


@pytest.mark.django_db
def test_a_hard_case_goes_to_a_squad_inside_its_area(grid, party, make_user):  # type: ignore[no-untyped-def]
    squad = services.team_create(by=party.hq, name="突击队", area=grid.street, is_squad=True)
    plain = services.team_create(by=party.hq, name="先锋队", area=grid.street)
    case = services.squad_case_route(
        by=party.hq, team=squad, area=grid.compounds[1], title="独居老人代购药品"
    )
    assert case.status == SquadCase.Status.OPEN
    with pytest.raises(ValidationError):
        services.squad_case_route(by=party.hq, team=plain, area=grid.compounds[1], title="x")
    with pytest.raises(ValidationError):
        services.squad_case_route(by=party.hq, team=squad, area=grid.streets[1], title="x")
    outsider = make_user("far", "station", grid.compounds[7])
    with pytest.raises(PermissionDenied):
        services.squad_case_route(by=outsider, team=squad, area=grid.compounds[1], title="x")
    services.squad_case_close(by=party.hq, case=case)
    case.refresh_from_db()
    assert case.status == SquadCase.Status.DONE


@pytest.mark.django_db
def test_only_party_members_join(grid, party):  # type: ignore[no-untyped-def]
    from .conftest import staff

    with pytest.raises(ValidationError):
        services.member_add(
            by=party.hq,
            organisation=party.org_a,
            staff=staff(grid.compounds[0], "群众", member=False),
            joined_on=party.founded,
        )
