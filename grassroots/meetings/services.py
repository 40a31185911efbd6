"""Writes of daily meetings, their action items and collective decisions (sealed once recorded)."""

from collections.abc import Sequence
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
    """Record a morning or evening meeting: attendees, orders relayed, problems and solutions, tasks."""
    _post_check(by, post)
    if kind not in MeetingKind.values:
        raise ValidationError({"kind": _("Choose a morning or an evening meeting.")})
    if held_at > timezone.now():
        raise ValidationError({"held_at": _("A meeting is recorded after it is held.")})
    if not attendee_ids:
        raise ValidationError({"attendees": _("List who attended.")})
    attendees = _staff(attendee_ids, post, "attendees")
    orders = list(order_list(user=by).filter(pk__in=list(order_ids)))
    if len(orders) != len(set(order_ids)):
        raise ValidationError({"orders": _("Some orders chosen were not sent to you.")})
    items = []
    for n, item in enumerate(action_items, start=1):
        if not str(item.get("title", "")).strip() or not item.get("deadline"):
            raise ValidationError({"action_items": _("Task %(n)d needs a title and a deadline.") % {"n": n}})
        owner = _staff([int(item["owner"])], post, "action_items")[0]
        items.append((item["title"].strip(), owner, item["deadline"]))
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
    decision = Decision.objects.create(
        post=post, area=post.area, matter=matter.strip(), quorum=quorum, opened_by=by, amends=amends
    )
    decision.members.set(members)
    audit_record(actor=by, action="decision_open", obj=decision)
    return decision


def _unsealed(decision: Decision) -> Decision:
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    if locked.sealed_at is not None:
        raise ValidationError(
            {"decision": _("This decision is sealed; record a new decision that amends it.")}
        )
    return locked


@transaction.atomic
def decision_opinion(
    *, by: User, decision: Decision, member: Staff, present: bool, vote: str = "", view: str = ""
) -> Opinion:
    """Record one member's presence, vote and view (replacing their earlier entry until sealing)."""
    _post_check(by, decision.post)
    decision = _unsealed(decision)
    if not decision.members.filter(pk=member.pk).exists():
        raise ValidationError(
            {"member": _("%(name)s is not a member of this deliberation.") % {"name": member.name}}
        )
    if vote and vote not in Vote.values:
        raise ValidationError({"vote": _("Vote for, against or abstain.")})
    if not present and vote:
        raise ValidationError({"vote": _("A member who is absent does not vote.")})
    opinion, _created = Opinion.objects.update_or_create(
        decision=decision, member=member, defaults={"present": present, "vote": vote, "view": view.strip()}
    )
    return opinion


def tally(decision: Decision) -> dict[str, int]:
    opinions = list(decision.opinions.all())
    return {
        "present": sum(o.present for o in opinions),
        **{v: sum(o.vote == v for o in opinions) for v in Vote.values},
    }


@transaction.atomic
def decision_seal(*, by: User, decision: Decision, text: str, now: datetime | None = None) -> Decision:
    """Record the decision, which seals it: it needs a quorum present and is never edited afterwards."""
    _post_check(by, decision.post)
    decision = _unsealed(decision)
    if not text.strip():
        raise ValidationError({"decision": _("Write down the decision.")})
    counts = tally(decision)
    if counts["present"] < decision.quorum:
        raise ValidationError(
            {
                "decision": _("Only %(present)d members present; the quorum is %(quorum)d.")
                % {"present": counts["present"], "quorum": decision.quorum}
            }
        )
    decision.decision, decision.sealed_at, decision.sealed_by = text.strip(), now or timezone.now(), by
    decision.save(update_fields=["decision", "sealed_at", "sealed_by"])
    audit_record(actor=by, action="decision_seal", obj=decision, detail=counts)
    return decision
