"""Writes of daily meetings, their action items and collective decisions (sealed once recorded)."""

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.models import User
from grassroots.core.scope import in_scope
from grassroots.core.services import audit_record
from grassroots.people.models import Staff
from grassroots.places.models import Post
from grassroots.reporting.selectors import order_list

from .models import ActionItem, Decision, Meeting, MeetingKind, Opinion, Problem, Vote


def _post_check(by: User, post: Post) -> None:
    if not in_scope(by, post.area):
        raise PermissionDenied


def _staff(ids: list[int], post: Post, field: str) -> list[Staff]:
    """Staff by id, all serving in the post's area (a meeting's people are its own)."""
    found = list(Staff.objects.filter(pk__in=ids, area__path__startswith=post.area.path))
    if len(found) != len(set(ids)):
        raise ValidationError({field: _("Some people chosen do not serve at this post.")})
    return found


# A task's name is what its owner reads on a phone; cutting it would lose what the recorder wrote.
TASK_TITLE_MAX = ActionItem._meta.get_field("title").max_length or 200


def _task_error(row: int, field: str, message: str, **more: int) -> ValidationError:
    # `row` numbers the task as the form shows it and `field` names its box, so a page can put the
    # refusal beside that box; the message names the row for any other reader.
    return ValidationError(message, code=field, params={"row": row, "field": field, **more})


def _tasks(
    action_items: Sequence[dict[str, Any]], post: Post, held_at: datetime
) -> tuple[list[tuple[str, Staff, datetime]], list[ValidationError]]:
    """The tasks to assign and the refusals of those that cannot be, numbered as given (a blank row is
    skipped but still counted, so row 2 stays row 2)."""
    chosen = {int(i["owner"]) for i in action_items if str(i.get("owner") or "").isdigit()}
    serving = Staff.objects.filter(pk__in=chosen, area__path__startswith=post.area.path).in_bulk()
    items: list[tuple[str, Staff, datetime]] = []
    errors: list[ValidationError] = []
    for row, item in enumerate(action_items, start=1):
        title, owner = str(item.get("title") or "").strip(), str(item.get("owner") or "")
        deadline = item.get("deadline")
        if not (title or owner or deadline):
            continue
        refused = []
        if not title:
            refused.append(_task_error(row, "title", _("Task %(row)d: name the task.")))
        elif len(title) > TASK_TITLE_MAX:
            refused.append(
                _task_error(
                    row,
                    "title",
                    _("Task %(row)d: at most %(limit)d characters, %(n)d typed."),
                    limit=TASK_TITLE_MAX,
                    n=len(title),
                )
            )
        # Work nobody owns is nobody's to do: every task is tracked, and scored, against its owner.
        person = serving.get(int(owner)) if owner.isdigit() else None
        if not owner:
            refused.append(_task_error(row, "owner", _("Task %(row)d: choose who owns it.")))
        elif person is None:
            refused.append(
                _task_error(row, "owner", _("Task %(row)d: the owner does not serve at this post."))
            )
        if not isinstance(deadline, datetime):
            refused.append(_task_error(row, "deadline", _("Task %(row)d: set a deadline.")))
        elif deadline <= held_at:
            # Against the meeting, not the clock: a meeting written up later may have set a deadline that
            # has passed since, and that task is truly overdue unless done; but work is never due before
            # it was assigned.
            refused.append(
                _task_error(
                    row, "deadline", _("Task %(row)d: the deadline must be after the meeting was held.")
                )
            )
        if refused or person is None or not isinstance(deadline, datetime):
            errors.extend(refused)
        else:
            items.append((title, person, deadline))
    return items, errors


@transaction.atomic
def meeting_record(
    *,
    by: User,
    post: Post,
    kind: str,
    held_at: datetime,
    attendee_ids: list[int],
    order_ids: Sequence[int] = (),
    problems: Sequence[tuple[str, str]] = (),
    action_items: Sequence[dict[str, Any]] = (),
    notes: str = "",
) -> Meeting:
    """Record a morning or evening meeting: attendees, orders relayed, problems and solutions, tasks.

    Each task is a dict of title, owner (a staff id) and deadline; a row with none of them is skipped.
    Every refusal is gathered before raising, so one try shows the recorder all that needs fixing."""
    _post_check(by, post)
    errors: dict[str, list[ValidationError]] = {}
    if kind not in MeetingKind.values:
        errors["kind"] = [ValidationError(_("Choose a morning or an evening meeting."))]
    if held_at > timezone.now():
        errors["held_at"] = [ValidationError(_("A meeting is recorded after it is held."))]
    attendees: list[Staff] = []
    if not attendee_ids:
        errors["attendees"] = [ValidationError(_("List who attended."))]
    else:
        try:
            attendees = _staff(attendee_ids, post, "attendees")
        except ValidationError as exc:
            errors.update(exc.error_dict)
    orders = list(order_list(user=by).filter(pk__in=list(order_ids)))
    if len(orders) != len(set(order_ids)):
        errors["orders"] = [ValidationError(_("Some orders chosen were not sent to you."))]
    items, task_errors = _tasks(action_items, post, held_at)
    if task_errors:
        errors["action_items"] = task_errors
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                post=post,
                area=post.area,
                kind=kind,
                day=timezone.localdate(held_at),
                held_at=held_at,
                notes=notes.strip(),
                recorded_by=by,
            )
    except IntegrityError:
        raise ValidationError({"kind": _("This meeting is already recorded for that day.")}) from None
    meeting.attendees.set(attendees)
    meeting.orders.set(orders)
    Problem.objects.bulk_create(
        Problem(meeting=meeting, problem=p.strip(), solution=s.strip()) for p, s in problems if p.strip()
    )
    ActionItem.objects.bulk_create(
        ActionItem(meeting=meeting, area=post.area, title=t, owner=o, deadline=d) for t, o, d in items
    )
    audit_record(actor=by, action="meeting_record", obj=meeting, detail={"kind": kind})
    return meeting


@transaction.atomic
def action_item_done(
    *, by: User, item: ActionItem, note: str = "", now: datetime | None = None
) -> ActionItem:
    if not in_scope(by, item.area):
        raise PermissionDenied
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    if item.done_at is None:
        item.done_at, item.done_note = now or timezone.now(), note.strip()
        item.save(update_fields=["done_at", "done_note"])
        audit_record(actor=by, action="action_item_done", obj=item)
    return item


@transaction.atomic
def decision_open(
    *,
    by: User,
    post: Post,
    matter: str,
    member_ids: list[int],
    quorum: int | None = None,
    amends: Decision | None = None,
) -> Decision:
    """Put a matter to the members. The quorum defaults to a majority of them."""
    _post_check(by, post)
    if not matter.strip():
        raise ValidationError({"matter": _("State the matter to decide.")})
    members = _staff(member_ids, post, "members")
    if not members:
        raise ValidationError({"members": _("Name the members who decide.")})
    quorum = quorum if quorum is not None else len(members) // 2 + 1
    if not 1 <= quorum <= len(members):
        raise ValidationError({"quorum": _("The quorum must lie between 1 and the number of members.")})
    if amends is not None and not Decision.objects.filter(pk=amends.pk, sealed_at__isnull=False).exists():
        raise ValidationError({"amends": _("Only a sealed decision is amended by a new one.")})
    if amends is not None and amends.post_id != post.pk:
        raise ValidationError({"amends": _("A decision is amended at the post where it was made.")})
    decision = Decision.objects.create(
        post=post, area=post.area, matter=matter.strip(), quorum=quorum, opened_by=by, amends=amends
    )
    decision.members.set(members)
    audit_record(actor=by, action="decision_open", obj=decision)
    return decision


def _unsealed(decision: Decision, version: int | None) -> Decision:
    """The decision locked, refused once sealed or when its sheet was saved since the recorder's page
    showed it at `version` (None: not asked, as for a single entry recorded by hand)."""
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    if locked.sealed_at is not None:
        raise ValidationError(
            {"decision": _("This decision is sealed; record a new decision that amends it.")}
        )
    if version is not None and version != locked.version:
        raise ValidationError(
            {
                "version": ValidationError(
                    _(
                        "Someone else saved this sheet after you opened it; check the rows as now "
                        "recorded and save again."
                    ),
                    code="stale",
                )
            }
        )
    return locked


def _opinion_errors(member: Staff, is_member: bool, present: bool, vote: str) -> list[ValidationError]:
    """Why one member's entry is refused; each names the member and field in `params`, so a page can
    show it on that member's row."""

    def refusal(field: str, message: str) -> ValidationError:
        return ValidationError(
            message, code=field, params={"name": member.name, "member": member.pk, "field": field}
        )

    refused = []
    if not is_member:
        refused.append(refusal("member", _("%(name)s is not a member of this deliberation.")))
    if vote and vote not in Vote.values:
        refused.append(refusal("vote", _("%(name)s: vote for, against or abstain.")))
    elif not present and vote:
        refused.append(refusal("vote", _("%(name)s is absent and so does not vote.")))
    return refused


def _opinions_save(decision: Decision, opinions: Sequence[dict[str, Any]]) -> list[ValidationError]:
    """Record each entry (member, present, vote, view), or none when any is refused; the refusals."""
    seated = set(decision.members.values_list("pk", flat=True))
    refused = [
        error
        for o in opinions
        for error in _opinion_errors(o["member"], o["member"].pk in seated, o["present"], o.get("vote", ""))
    ]
    if not refused and opinions:
        decision.version += 1
        decision.save(update_fields=["version"])
        for o in opinions:
            Opinion.objects.update_or_create(
                decision=decision,
                member=o["member"],
                defaults={
                    "present": o["present"],
                    "vote": o.get("vote", ""),
                    "view": o.get("view", "").strip(),
                },
            )
    return refused


@transaction.atomic
def decision_opinion(
    *,
    by: User,
    decision: Decision,
    member: Staff,
    present: bool,
    vote: str = "",
    view: str = "",
    version: int | None = None,
) -> Opinion:
    """Record one member's presence, vote and view (replacing their earlier entry until sealing)."""
    [opinion] = decision_opinions(
        by=by,
        decision=decision,
        opinions=[{"member": member, "present": present, "vote": vote, "view": view}],
        version=version,
    )
    return opinion


@transaction.atomic
def decision_opinions(
    *, by: User, decision: Decision, opinions: Sequence[dict[str, Any]], version: int | None = None
) -> list[Opinion]:
    """Record several members' entries at once (dicts of member, present, vote, view): all or none.
    Each replaces the member's earlier entry until the decision is sealed. `version` is the sheet's
    version the recorder's page showed: a sheet saved by anyone since is refused, not written over."""
    _post_check(by, decision.post)
    decision = _unsealed(decision, version)
    refused = _opinions_save(decision, opinions)
    if refused:
        raise ValidationError({"opinions": refused})
    members = [o["member"] for o in opinions]
    return list(
        decision.opinions.filter(member__in=members).select_related("member").order_by("member__name")
    )


@transaction.atomic
def decision_sheet_edit(*, by: User, decision: Decision, write: Callable[[], object]) -> Decision:
    """A change to a decision's sheet made elsewhere than its page (the admin's rows of members'
    views): `write` makes it, under the decision's lock, and the sheet's version is raised with it,
    so a recorder's page opened before is refused rather than saving over it. Refused once sealed.
    The admin records the change in the audit log itself."""
    _post_check(by, decision.post)
    decision = _unsealed(decision, None)
    write()
    decision.version += 1
    decision.save(update_fields=["version"])
    return decision


def decision_lock(*, decision: Decision) -> Decision:
    """The decision as it is now, locked until the caller's transaction ends: an edit that reads it
    first (the admin's form) then sees the seal and the version its save will meet."""
    return Decision.objects.select_for_update(of=("self",)).select_related("post__area").get(pk=decision.pk)


def tally(decision: Decision) -> dict[str, int]:
    opinions = list(decision.opinions.all())
    return {
        "present": sum(o.present for o in opinions),
        **{v: sum(o.vote == v for o in opinions) for v in Vote.values},
    }


@transaction.atomic
def decision_seal(
    *,
    by: User,
    decision: Decision,
    text: str,
    opinions: Sequence[dict[str, Any]] = (),
    version: int | None = None,
    now: datetime | None = None,
) -> Decision:
    """Record the decision, which seals it: it needs a quorum present and is never edited afterwards.

    `opinions` are entries recorded with it, in the same transaction: the sheet as the recorder sees it
    when sealing. A member with no entry by then was not there, and is recorded absent. `version` is
    the sheet's version the recorder saw: a sheet saved by someone else since is not sealed unseen."""
    _post_check(by, decision.post)
    decision = _unsealed(decision, version)
    errors: dict[str, Any] = {}
    refused = _opinions_save(decision, opinions)
    if refused:
        errors["opinions"] = refused
    if not text.strip():
        errors["decision"] = [ValidationError(_("Write down the decision."))]
    if errors:
        raise ValidationError(errors)
    recorded = decision.opinions.values("member")
    Opinion.objects.bulk_create(
        Opinion(decision=decision, member=m, present=False) for m in decision.members.exclude(pk__in=recorded)
    )
    counts = tally(decision)
    if counts["present"] < decision.quorum:
        raise ValidationError(
            {
                "decision": ValidationError(
                    _("Only %(present)d members present; the quorum is %(quorum)d."),
                    code="quorum",
                    params={"present": counts["present"], "quorum": decision.quorum},
                )
            }
        )
    decision.decision, decision.sealed_at, decision.sealed_by = text.strip(), now or timezone.now(), by
    decision.version += 1
    decision.save(update_fields=["decision", "sealed_at", "sealed_by", "version"])
    audit_record(actor=by, action="decision_seal", obj=decision, detail=counts)
    return decision
