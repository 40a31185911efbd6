"""Rebalancing proposals: read the stations into the solver, store its plan, apply it or reject it."""

import time
from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.models import AnyUser
from grassroots.core.scope import in_scope, role_at_least
from grassroots.core.services import audit_record
from grassroots.people.models import Staff, StaffKind
from grassroots.people.services import staff_update
from grassroots.places.models import Area, AreaKind
from grassroots.places.selectors import count_under
from grassroots.residents.models import Household, Resident

from .coverage import STATION_ROLES, requirement_for, requirements_for
from .models import Assignment, ProposalStatus, RebalanceMove, RebalanceProposal, Role
from .rebalance import MOVABLE_KINDS, Move, Station, needs, shortfalls, solve
from .selectors import active_q, local_day
from .services import assignment_create, assignment_end

REBALANCE_KINDS = (AreaKind.DISTRICT, AreaKind.COUNTY, AreaKind.STREET, AreaKind.TOWNSHIP)


def _group_of(compound: Area, level: int, cross: bool) -> int:
    """The street (or township) a compound lies in, read from its path; one group when crossing."""
    return 0 if cross else int(compound.path.strip("/").split("/")[level])


def _stations(area: Area, cross: bool) -> tuple[list[Station], dict[int, Any], dict[str, Any]]:
    on = local_day()
    compounds = list(Area.objects.filter(path__startswith=area.path, kind=AreaKind.COMPOUND))
    by_id = {c.pk: c for c in compounds}
    residents = count_under(
        compounds,
        Resident.objects.filter(household__area__path__startswith=area.path),
        "household__area__path",
    )
    households = count_under(
        compounds, Household.objects.filter(area__path__startswith=area.path), "area__path"
    )
    use_residents = sum(residents.values()) > 0
    population = residents if use_residents else households
    reqs = requirements_for(compounds)
    weights_row = requirement_for(area)
    weights = (weights_row.weight_land, weights_row.weight_population, weights_row.weight_difficulty)

    roles: dict[tuple[int, int], set[str]] = defaultdict(set)  # (staff, compound) → roles held there
    busy_elsewhere: set[int] = set()
    kinds: dict[int, str] = {}
    for staff_id, area_id, role, kind in (
        Assignment.objects.filter(active_q(on))
        .filter(staff__assignments__area__in=by_id.keys())
        .values_list("staff_id", "area_id", "role", "staff__kind")
        .distinct()
    ):
        kinds[staff_id] = kind
        if area_id in by_id and role in STATION_ROLES:
            roles[(staff_id, area_id)].add(role)
        else:
            busy_elsewhere.add(staff_id)

    level = len(area.path.strip("/").split("/"))
    stations = {
        c.pk: Station(
            id=c.pk,
            group=_group_of(c, level, cross) if area.kind in (AreaKind.DISTRICT, AreaKind.COUNTY) else 0,
            need=0.0,
            required=dict(reqs[c.pk].required_kinds),
        )
        for c in compounds
    }
    for (staff_id, compound_id), held in sorted(roles.items()):
        s, kind = stations[compound_id], kinds[staff_id]
        if kind in MOVABLE_KINDS and held == {Role.MEMBER} and staff_id not in busy_elsewhere:
            s.movable.setdefault(kind, []).append(staff_id)
        else:
            s.fixed_kinds[kind] = s.fixed_kinds.get(kind, 0) + 1
            s.fixed += int(kind in MOVABLE_KINDS)

    groups: dict[int, list[Station]] = defaultdict(list)
    for s in stations.values():
        groups[s.group].append(s)
    for members in groups.values():
        figures = [
            (
                s.id,
                float(by_id[s.id].land_area_m2 or 0),
                float(population[s.id]),
                float(by_id[s.id].difficulty or 3),
            )
            for s in members
        ]
        for sid, need in needs(figures, weights, sum(s.total for s in members)).items():
            stations[sid].need = need
    meta = {
        "land": weights[0],
        "population": weights[1],
        "difficulty": weights[2],
        "population_from": "residents" if use_residents else "households",
    }
    return list(stations.values()), by_id, meta


def _reason(
    move: Move, station: Station, to: Area, short: dict[tuple[int, str], int], have: dict[int, int]
) -> str:
    label = StaffKind(move.kind).label
    if short.get((move.dst, move.kind), 0) > 0:
        short[(move.dst, move.kind)] -= 1
        return _("%(place)s has no %(kind)s") % {"place": to.name, "kind": label}
    text = _("%(place)s has %(have)d sent-down staff against a need of %(need).1f") % {
        "place": to.name,
        "have": have[move.dst],
        "need": station.need,
    }
    return text


@transaction.atomic
def rebalancing_propose(*, by: AnyUser, area: Area, cross_streets: bool = False) -> RebalanceProposal:
    """Ask the solver for moves inside `area` (a street, or the district) and store them as a proposal."""
    if not in_scope(by, area) or not role_at_least(by, "street"):
        raise ValidationError({"area": _("Only a street or the district may rebalance staff here.")})
    if area.kind not in REBALANCE_KINDS:
        raise ValidationError({"area": _("Rebalancing is asked for a street or the district.")})
    if cross_streets and not (
        role_at_least(by, "district_hq") and area.kind in (AreaKind.DISTRICT, AreaKind.COUNTY)
    ):
        raise ValidationError({"cross_streets": _("Only the district may move staff across streets.")})
    stations, by_id, weights = _stations(area, cross_streets)
    started = time.perf_counter()
    plan = solve(stations)
    elapsed = time.perf_counter() - started

    before = {(s.id, k): len(s.movable.get(k, [])) for s in stations for k in MOVABLE_KINDS}
    kinds_before, worst_before = shortfalls(stations, before)
    proposal = RebalanceProposal.objects.create(
        area=area,
        cross_streets=cross_streets,
        objective={
            **plan.objective,
            "kind_shortfall_before": kinds_before,
            "max_need_shortfall_before": round(max(0.0, worst_before), 3),
        },
        weights=weights,
        compounds=[
            {
                "id": s.id,
                "name": by_id[s.id].name,
                "need": round(s.need, 2),
                "before": s.total,
                "after": s.fixed + sum(plan.counts[(s.id, k)] for k in MOVABLE_KINDS),
                "kinds_before": {k: s.have(k) for k in s.required},
                "kinds_after": {
                    k: s.fixed_kinds.get(k, 0) + plan.counts.get((s.id, k), 0) for k in s.required
                },
            }
            for s in sorted(stations, key=lambda s: s.total - s.need)
        ],
        solve_seconds=round(elapsed, 3),
        created_by=by if by is not None and by.is_authenticated else None,
    )
    by_station = {s.id: s for s in stations}
    short = {
        (s.id, k): max(0, n - s.have(k))
        for s in stations
        for k, n in s.required.items()
        if k in MOVABLE_KINDS
    }
    have = {s.id: s.total for s in stations}
    rows = []
    for move in plan.moves:
        rows.append(
            RebalanceMove(
                proposal=proposal,
                staff_id=move.staff,
                from_area_id=move.src,
                to_area_id=move.dst,
                reason=_reason(move, by_station[move.dst], by_id[move.dst], short, have)[:200],
            )
        )
    RebalanceMove.objects.bulk_create(rows)
    audit_record(
        actor=by,
        action="propose_rebalancing",
        obj=proposal,
        detail={"moves": len(rows), "objective": proposal.objective},
    )
    return proposal


def _check_decider(by: AnyUser, proposal: RebalanceProposal) -> None:
    if not in_scope(by, proposal.area) or not role_at_least(by, "street"):
        raise ValidationError({"area": _("Only a street or the district may decide on this proposal.")})
    if proposal.cross_streets and not role_at_least(by, "district_hq"):
        raise ValidationError({"cross_streets": _("Only the district may move staff across streets.")})
    if proposal.status != ProposalStatus.PROPOSED:
        raise ValidationError(
            {"status": _("This proposal was already %(status)s.") % {"status": proposal.get_status_display()}}
        )


@transaction.atomic
def rebalancing_apply(*, by: AnyUser, proposal: RebalanceProposal) -> RebalanceProposal:
    """Carry out every move of the proposal, all or none: each person's work-group places move with them."""
    proposal = RebalanceProposal.objects.select_for_update().get(pk=proposal.pk)
    _check_decider(by, proposal)
    today = local_day()
    for move in proposal.moves.select_related("staff", "from_area", "to_area"):
        held = list(Assignment.objects.filter(active_q(today), staff=move.staff).select_for_update())
        if not held or any(a.area_id != move.from_area_id or a.role != Role.MEMBER for a in held):
            raise ValidationError(
                {
                    "moves": _(
                        "%(name)s is no longer a work-group member at %(place)s; ask for a new proposal."
                    )
                    % {"name": move.staff.name, "place": move.from_area.name}
                }
            )
        for a in held:
            assignment_end(by=by, assignment=a, on=today, reason=_("rebalancing"), check_rights=False)
            assignment_create(
                by=by,
                staff=move.staff,
                area=move.to_area,
                role=Role.MEMBER,
                work_group=a.work_group,
                starts_on=today,
                note=_("rebalancing"),
                check_rights=False,
            )
        staff = Staff.objects.get(pk=move.staff_id)
        if staff.area_id != move.to_area_id:
            staff_update(
                by=by if by and by.is_authenticated else None,
                staff=staff,
                version=staff.version,
                area=move.to_area,
            )  # type: ignore[arg-type]
    proposal.status = ProposalStatus.APPLIED
    proposal.decided_by = by if by is not None and by.is_authenticated else None
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(actor=by, action="apply_rebalancing", obj=proposal, detail={"moves": proposal.moves.count()})
    return proposal


@transaction.atomic
def rebalancing_reject(*, by: AnyUser, proposal: RebalanceProposal, reason: str = "") -> RebalanceProposal:
    proposal = RebalanceProposal.objects.select_for_update().get(pk=proposal.pk)
    _check_decider(by, proposal)
    proposal.status = ProposalStatus.REJECTED
    proposal.decided_by = by if by is not None and by.is_authenticated else None
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(actor=by, action="reject_rebalancing", obj=proposal, reason=reason)
    return proposal
