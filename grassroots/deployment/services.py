"""Writes to assignments and training, with the seed's rules for who may hold which post."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.core.models import AnyUser
from grassroots.core.scope import in_scope, role_at_least
from grassroots.core.services import audit_record
from grassroots.core.typed import typed_text
from grassroots.people.models import DepartmentLevel, Rank, Staff, StaffKind
from grassroots.places.models import Area, AreaKind, Post, PostKind

from .models import Assignment, Role, Training, WorkGroup
from .selectors import active_q, local_day

# Where each role stands.
ROLE_AREA_KINDS: dict[str, tuple[str, ...]] = {
    Role.GUARANTOR: (AreaKind.STREET, AreaKind.COMMUNITY, AreaKind.COMPOUND),
    Role.COMMANDER: (AreaKind.COMPOUND,),
    Role.FIRST_SECRETARY: (AreaKind.COMPOUND,),
    Role.SECOND_SECRETARY: (AreaKind.COMPOUND,),
    Role.DEPUTY_COMMANDER: (AreaKind.COMPOUND,),
    Role.MEMBER: (AreaKind.COMPOUND,),
    Role.BUILDING_MANAGER: (AreaKind.BUILDING,),
    Role.UNIT_MANAGER: (AreaKind.UNIT,),
}

# Posts one person holds at a time on an area; deputy commanders and members may be several.
SINGLE_HOLDER = (
    Role.GUARANTOR,
    Role.COMMANDER,
    Role.FIRST_SECRETARY,
    Role.SECOND_SECRETARY,
    Role.BUILDING_MANAGER,
    Role.UNIT_MANAGER,
)

# A station may place its own people in work groups and on buildings and units; the leadership
# posts and 包保 are given by the community or above.
STATION_MAY_ASSIGN = (Role.MEMBER, Role.BUILDING_MANAGER, Role.UNIT_MANAGER)


def _level(staff: Staff) -> str | None:
    return staff.department.level if staff.department else None


def _check_person(*, staff: Staff, role: str, area: Area) -> None:
    """The seed's rule for who may hold `role` on `area`; raises naming the staff field."""
    level, rank, kind = _level(staff), staff.rank, staff.kind
    problem = ""
    if role == Role.GUARANTOR and area.kind == AreaKind.STREET:
        if not (rank == Rank.HEAD and level == DepartmentLevel.DISTRICT):
            problem = _("A street is guaranteed by a district leader (the head of a district-level unit).")
    elif role == Role.GUARANTOR and area.kind == AreaKind.COMMUNITY:
        if not (rank == Rank.HEAD and level == DepartmentLevel.DISTRICT):
            problem = _("A community is guaranteed by the head (一把手) of a district-level unit.")
    elif role == Role.GUARANTOR:
        if rank != Rank.DEPUTY:
            problem = _("A compound is guaranteed by a deputy-level cadre.")
    elif role == Role.FIRST_SECRETARY:
        if not (rank == Rank.DEPUTY and level == DepartmentLevel.CITY):
            problem = _("A first secretary is a deputy head of a city-level department.")
    elif role == Role.SECOND_SECRETARY:
        if not (rank == Rank.DEPUTY and level == DepartmentLevel.DISTRICT):
            problem = _("A second secretary is a deputy head of a district-level department.")
    elif role == Role.DEPUTY_COMMANDER:
        if kind not in (StaffKind.PROPERTY, StaffKind.POLICE):
            problem = _("A deputy commander is the property manager or a police officer.")
    elif role in (Role.BUILDING_MANAGER, Role.UNIT_MANAGER) and kind != StaffKind.CADRE:
        problem = _("Building and unit managers are sent-down cadres.")
    if problem:
        raise ValidationError({"staff": problem})


def _check_place(*, role: str, area: Area, post: Post | None, work_group: str) -> None:
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role: %(role)s.") % {"role": role}})
    if area.kind not in ROLE_AREA_KINDS[role]:
        raise ValidationError(
            {
                "area": _("A %(role)s cannot stand on a %(kind)s.")
                % {"role": Role(role).label, "kind": area.get_kind_display()}
            }
        )
    if post is not None and (post.area_id != area.pk or post.kind != PostKind.STATION):
        raise ValidationError({"post": _("The post must be the command station of this compound.")})
    if role == Role.MEMBER and work_group not in WorkGroup.values:
        raise ValidationError({"work_group": _("Choose the work group this member joins.")})
    if role != Role.MEMBER and work_group:
        raise ValidationError({"work_group": _("Only work-group members have a work group.")})


def _check_rights(*, by: AnyUser, staff: Staff, role: str, area: Area) -> None:
    if not in_scope(by, area):
        raise ValidationError({"area": _("This place is outside your area.")})
    if not in_scope(by, staff.area):
        raise ValidationError(
            {
                "staff": _(
                    "%(name)s serves outside your area; only staff inside your own area can be moved here."
                )
                % {"name": staff.name}
            }
        )
    needed = "station" if role in STATION_MAY_ASSIGN else "community"
    if not role_at_least(by, needed):
        raise ValidationError({"role": _("Your office cannot give this post.")})


@transaction.atomic
def assignment_create(
    *,
    by: AnyUser,
    staff: Staff,
    area: Area,
    role: str,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    post: Post | None = None,
    work_group: str = "",
    note: str = "",
    check_rights: bool = True,
) -> Assignment:
    """Put `staff` on `area` with `role` from `starts_on` (default today). `check_rights=False` is for
    callers that already checked the office (rebalancing, the demo)."""
    starts_on = starts_on or local_day()
    _check_place(role=role, area=area, post=post, work_group=work_group)
    if check_rights:
        _check_rights(by=by, staff=staff, role=role, area=area)
    _check_person(staff=staff, role=role, area=area)
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end date is before the start date.")})
    note = typed_text(Assignment, "note", note)
    running = Assignment.objects.select_for_update().filter(active_q(starts_on), area=area, role=role)
    if running.filter(staff=staff, work_group=work_group).exists():
        raise ValidationError({"staff": _("%(name)s already holds this post here.") % {"name": staff.name}})
    if role in SINGLE_HOLDER and running.exists():
        holder = running.select_related("staff").first()
        raise ValidationError(
            {
                "role": _("%(area)s already has a %(role)s (%(name)s); end that assignment first.")
                % {"area": area.name, "role": Role(role).label, "name": holder.staff.name if holder else ""}
            }
        )
    assignment = Assignment.objects.create(
        staff=staff,
        area=area,
        post=post,
        role=role,
        work_group=work_group,
        starts_on=starts_on,
        ends_on=ends_on,
        note=note,
        created_by=by if by is not None and by.is_authenticated else None,
    )
    audit_record(
        actor=by,
        action="assign",
        obj=assignment,
        detail={"staff": staff.pk, "role": role, "work_group": work_group, "from": str(starts_on)},
    )
    return assignment


@transaction.atomic
def assignment_end(
    *,
    by: AnyUser,
    assignment: Assignment,
    on: dt.date | None = None,
    reason: str = "",
    check_rights: bool = True,
) -> Assignment:
    """End an assignment: from day `on` (default today) the person no longer holds it."""
    on = on or local_day()
    if check_rights and not in_scope(by, assignment.area):
        raise ValidationError({"area": _("This place is outside your area.")})
    if assignment.ends_on is not None and assignment.ends_on <= on:
        raise ValidationError({"ends_on": _("This assignment has already ended.")})
    if on < assignment.starts_on:
        raise ValidationError({"ends_on": _("The end date is before the start date.")})
    Assignment.objects.filter(pk=assignment.pk).update(ends_on=on)
    assignment.ends_on = on
    audit_record(actor=by, action="end_assignment", obj=assignment, reason=reason, detail={"on": str(on)})
    return assignment


@transaction.atomic
def training_record(
    *, by: AnyUser, staff: Staff, held_on: dt.date, topic: str, manual_given: bool = False
) -> Training:
    if not in_scope(by, staff.area):
        raise ValidationError({"staff": _("This person serves outside your area.")})
    if not topic.strip():
        raise ValidationError({"topic": _("Name what the training covered.")})
    topic = typed_text(Training, "topic", topic)
    if held_on > local_day():
        raise ValidationError({"held_on": _("Training cannot be recorded before it happens.")})
    training = Training.objects.create(
        staff=staff,
        held_on=held_on,
        topic=topic,
        manual_given=manual_given,
        recorded_by=by if by is not None and by.is_authenticated else None,
    )
    audit_record(
        actor=by, action="record_training", obj=training, area=staff.area, detail={"manual": manual_given}
    )
    return training
