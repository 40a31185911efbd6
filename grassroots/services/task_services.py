"""Writes to the task board (认领) and to delivery rounds: publish, claim, complete, split, mark."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from grassroots.core.models import AnyUser, User
from grassroots.core.scope import in_scope, role_at_least
from grassroots.core.services import audit_record
from grassroots.core.typed import too_long, typed_text
from grassroots.places.models import Area, AreaKind, Post
from grassroots.residents.models import Household, HouseholdStatus

from .models import Claim, DeliveryRound, DeliveryStop, Request, StopStatus, Task, TaskKind

PHOTO_TYPES = {"image/jpeg": b"\xff\xd8\xff", "image/png": b"\x89PNG\r\n\x1a\n", "image/webp": b"RIFF"}
PHOTO_MAX_BYTES = 5 * 1024 * 1024


class Conflict(Exception):
    """The write lost to the state of the data (no place left, already claimed, not enough stock)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _publisher(user: AnyUser, area: Area) -> None:
    if not (role_at_least(user, "station") and in_scope(user, area)):
        raise PermissionDenied


def task_mistakes(
    *,
    title: str,
    kind: str,
    area: Area | None,
    places: int | None,
    deadline: datetime | None,
    points: int | None,
    post: Post | None = None,
    request: Request | None = None,
    now: datetime,
) -> dict[str, str]:
    """Every mistake in a task as described, by field: a publisher on a phone should not fix a form
    one field per round trip. None is a value the page could not read, and has already said so."""
    errors = too_long(Task, title=title)
    if not title.strip():
        errors["title"] = _("Give the task a title.")
    if kind not in TaskKind.values:
        errors["kind"] = _("Unknown task kind: %(value)s.") % {"value": kind}
    if places is not None and not 1 <= int(places) <= 500:
        errors["places"] = _("A task needs between 1 and 500 people.")
    if deadline is not None and deadline <= now:
        errors["deadline"] = _("The deadline must be in the future.")
    if points is not None and not 0 <= int(points) <= 1000:
        errors["points"] = _("Points run from 0 to 1000.")
    if area is not None and post is not None and not area.path.startswith(post.area.path):
        errors["post"] = _("The post must stand on the task's place or above it.")
    if area is not None and request is not None and not request.area.path.startswith(area.path):
        errors["request"] = _("The request is not in the task's place.")
    return errors


@transaction.atomic
def task_create(
    *,
    by: AnyUser,
    title: str,
    kind: str,
    area: Area,
    places: int,
    deadline: datetime,
    details: str = "",
    points: int = 10,
    post: Post | None = None,
    request: Request | None = None,
    now: datetime | None = None,
) -> Task:
    _publisher(by, area)
    now = now or timezone.now()
    errors = task_mistakes(
        title=title,
        kind=kind,
        area=area,
        places=places,
        deadline=deadline,
        points=points,
        post=post,
        request=request,
        now=now,
    )
    if errors:
        raise ValidationError(errors)
    task = Task.objects.create(
        title=typed_text(Task, "title", title),
        kind=kind,
        area=area,
        post=post,
        request=request,
        details=details.strip(),
        places=int(places),
        deadline=deadline,
        points=int(points),
        created_at=now,
        created_by=by if isinstance(by, User) else None,
    )
    audit_record(actor=by, action="task_create", obj=task)
    return task


@transaction.atomic
def task_claim(*, by: AnyUser, task: Task, now: datetime | None = None) -> Claim:
    """Take one place on the task. Two people racing for the last place: exactly one wins.

    The task row is locked (SELECT … FOR UPDATE on PostgreSQL; SQLite serialises writers), so the
    count of claims read below cannot change until this transaction ends."""
    if not isinstance(by, User) or not in_scope(by, task.area):
        raise PermissionDenied
    locked = Task.objects.select_for_update().get(pk=task.pk)
    now = now or timezone.now()
    if locked.closed_at is not None or locked.deadline <= now:
        raise Conflict(_("This task is no longer open."))
    if Claim.objects.filter(task=locked, user=by).exists():
        raise Conflict(_("You already hold a place on this task."))
    if Claim.objects.filter(task=locked).count() >= locked.places:
        raise Conflict(_("Every place on this task is taken."))
    try:
        with transaction.atomic():
            claim = Claim.objects.create(task=locked, user=by, claimed_at=now)
    except IntegrityError as exc:
        raise Conflict(_("You already hold a place on this task.")) from exc
    audit_record(actor=by, action="task_claim", obj=locked, area=locked.area)
    return claim


def _check_photo(photo: UploadedFile) -> None:
    if photo.size is not None and photo.size > PHOTO_MAX_BYTES:
        raise ValidationError({"photo": _("The photo is larger than 5 MB.")})
    magic = PHOTO_TYPES.get(photo.content_type or "")
    head = photo.read(12)
    photo.seek(0)
    if magic is None or not head.startswith(magic) or (magic == b"RIFF" and head[8:12] != b"WEBP"):
        raise ValidationError({"photo": _("The photo must be a JPEG, PNG or WebP image.")})


def _round_mistakes(claim: Claim) -> tuple[dict[str, str], int | None]:
    """For a claim on a delivery round's task: what stops it being reported done, and how many of the
    claimant's households got their delivery (None for a task with no round). Their own households are the work: each must be
    settled, delivered or not delivered with the reason, and with none shared to them there is
    nothing to report yet."""
    rnd = DeliveryRound.objects.filter(task_id=claim.task_id).first()
    if rnd is None:
        return {}, None
    counts = DeliveryStop.objects.filter(round=rnd, helper_id=claim.user_id).aggregate(
        total=Count("id"),
        delivered=Count("id", filter=Q(status=StopStatus.DELIVERED)),
        pending=Count("id", filter=Q(status=StopStatus.PENDING)),
    )
    if not counts["total"]:
        return {
            "round": _(
                "No household of this delivery round is yours yet: the station shares the buildings "
                "among the helpers first. Report it done once you have delivered to yours."
            )
        }, 0
    if counts["pending"]:
        return {
            "round": ngettext(
                "%(n)d of your households is not marked yet: mark it delivered, or not delivered "
                "with the reason, before you report the task done.",
                "%(n)d of your households are not marked yet: mark each delivered, or not delivered "
                "with the reason, before you report the task done.",
                counts["pending"],
            )
            % {"n": counts["pending"]}
        }, counts["delivered"]
    return {}, counts["delivered"]


@transaction.atomic
def claim_complete(
    *, by: AnyUser, claim: Claim, note: str, photo: UploadedFile | None = None, now: datetime | None = None
) -> Claim:
    """The claimer reports the work done; the task's points go to them.

    On a delivery round's task the claimer's own households must all be settled first, and the
    points go only to someone who delivered to at least one of them. The task row is locked first,
    as sharing the round does, so the round cannot be shared out anew while this is decided."""
    Task.objects.select_for_update().filter(pk=claim.task_id).first()
    locked = Claim.objects.select_for_update().select_related("task").get(pk=claim.pk)
    if not isinstance(by, User) or locked.user_id != by.pk:
        raise PermissionDenied
    if locked.completed_at is not None:
        raise ValidationError({"note": _("This claim is already completed.")})
    errors, delivered = _round_mistakes(locked)
    if not note.strip():
        errors["note"] = _("Say in a few words what was done.")
    if photo is not None:
        try:
            _check_photo(photo)
        except ValidationError as exc:
            errors.update({field: msgs[0] for field, msgs in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    if photo is not None:
        locked.photo.save(photo.name or "photo.jpg", photo, save=False)
    locked.completed_at = now or timezone.now()
    locked.note = note.strip()
    # Knocking on doors nobody opened is recorded, but points are for households that got their supplies.
    locked.points = 0 if delivered == 0 else locked.task.points
    locked.save(update_fields=["completed_at", "note", "points", "photo"])
    audit_record(actor=by, action="claim_complete", obj=locked.task, detail={"points": locked.points})
    return locked


@transaction.atomic
def task_close(*, by: AnyUser, task: Task, now: datetime | None = None) -> Task:
    _publisher(by, task.area)
    if task.closed_at is None:
        task.closed_at = now or timezone.now()
        task.save(update_fields=["closed_at"])
        audit_record(actor=by, action="task_close", obj=task)
    return task


def delivery_round_mistakes(
    *,
    name: str,
    area: Area | None,
    items: str,
    helpers: int | None,
    deadline: datetime | None,
    post: Post | None = None,
    now: datetime,
) -> dict[str, str]:
    """Every mistake in a delivery round as described, by the round's own fields and in its words:
    the task it publishes would speak of a title and people. None as for task_mistakes."""
    errors = too_long(DeliveryRound, name=name, items=items)
    if not name.strip():
        errors["name"] = _("Give the round a name.")
    if area is not None:
        if area.kind not in (AreaKind.COMPOUND, AreaKind.BUILDING):
            errors["area"] = _("A delivery round covers a compound or a building.")
        elif not Household.objects.filter(
            area__path__startswith=area.path, status=HouseholdStatus.OCCUPIED
        ).exists():
            errors["area"] = _("There is no occupied household here.")
        if post is not None and not area.path.startswith(post.area.path):
            errors["post"] = _("The post must stand on the round's place or above it.")
    if not items.strip():
        errors["items"] = _("List what each household gets.")
    if helpers is not None and not 1 <= int(helpers) <= 500:
        errors["helpers"] = _("A round needs between 1 and 500 helpers.")
    if deadline is not None and deadline <= now:
        errors["deadline"] = _("The delivery time must be in the future.")
    return errors


@transaction.atomic
def delivery_round_create(
    *,
    by: AnyUser,
    name: str,
    area: Area,
    items: str,
    helpers: int,
    deadline: datetime,
    post: Post | None = None,
    now: datetime | None = None,
) -> DeliveryRound:
    """A round to every occupied household of a compound or building, with a task for its helpers."""
    _publisher(by, area)
    now = now or timezone.now()
    errors = delivery_round_mistakes(
        name=name, area=area, items=items, helpers=helpers, deadline=deadline, post=post, now=now
    )
    if errors:
        raise ValidationError(errors)
    households = list(
        Household.objects.filter(
            area__path__startswith=area.path, status=HouseholdStatus.OCCUPIED
        ).select_related("area")
    )
    buildings = {b.path: b for b in Area.objects.filter(path__startswith=area.path, kind=AreaKind.BUILDING)}
    task = task_create(
        by=by,
        title=name,
        kind=TaskKind.DELIVERY,
        area=area,
        places=helpers,
        deadline=deadline,
        details=items,
        post=post,
        now=now,
    )
    rnd = DeliveryRound.objects.create(
        name=typed_text(DeliveryRound, "name", name),
        area=area,
        items=typed_text(DeliveryRound, "items", items),
        task=task,
        created_at=now,
        created_by=by if isinstance(by, User) else None,
    )
    stops = []
    for household in households:
        building = next((b for path, b in buildings.items() if household.area.path.startswith(path)), None)
        if building is None:
            continue
        stops.append(DeliveryStop(round=rnd, household=household, building=building))
    DeliveryStop.objects.bulk_create(stops)
    audit_record(actor=by, action="delivery_round_create", obj=rnd, detail={"households": len(stops)})
    return rnd


@transaction.atomic
def delivery_round_split(*, by: AnyUser, round: DeliveryRound) -> dict[int, list[str]]:
    """Share the round's buildings among the helpers who claimed its task: whole buildings, the
    biggest first, each to whoever has the fewest households so far. Settled stops keep their helper,
    and a helper who already reported their part done gets no more. Returns helper id → building names.

    The task row is locked, as reporting a claim done locks it, so no one reports done while
    households are being given to them."""
    _publisher(by, round.area)
    Task.objects.select_for_update().filter(pk=round.task_id).first()
    claims = Claim.objects.filter(task_id=round.task_id)
    if not claims.exists():
        raise ValidationError({"helpers": _("Nobody has claimed this round yet.")})
    helpers = [
        c.user
        for c in claims.filter(completed_at__isnull=True).select_related("user").order_by("claimed_at", "id")
    ]
    if not helpers:
        raise ValidationError(
            {"helpers": _("Every helper of this round has already reported their part done.")}
        )
    sizes = (
        DeliveryStop.objects.filter(round=round, status=StopStatus.PENDING)
        .values("building_id", "building__name")
        .annotate(n=Count("id"))
        .order_by("-n", "building__name")
    )
    load = {h.pk: 0 for h in helpers}
    plan: dict[int, list[str]] = {h.pk: [] for h in helpers}
    for row in sizes:
        helper_id = min(load, key=lambda pk: (load[pk], list(load).index(pk)))
        load[helper_id] += row["n"]
        plan[helper_id].append(row["building__name"])
        DeliveryStop.objects.filter(
            round=round, status=StopStatus.PENDING, building_id=row["building_id"]
        ).update(helper_id=helper_id)
    audit_record(
        actor=by, action="delivery_round_split", obj=round, detail={str(k): v for k, v in plan.items()}
    )
    return plan


@transaction.atomic
def delivery_stop_mark(
    *, by: AnyUser, stop: DeliveryStop, delivered: bool, reason: str = "", now: datetime | None = None
) -> DeliveryStop:
    """Mark one household delivered, or not delivered with the reason."""
    locked = DeliveryStop.objects.select_for_update().select_related("round__area").get(pk=stop.pk)
    is_helper = isinstance(by, User) and locked.helper_id == by.pk
    if not (is_helper or (role_at_least(by, "staff") and in_scope(by, locked.round.area))):
        raise PermissionDenied
    if not delivered and not reason.strip():
        raise ValidationError({"reason": _("Say why it was not delivered.")})
    reason = "" if delivered else typed_text(DeliveryStop, "reason", reason)
    locked.status = StopStatus.DELIVERED if delivered else StopStatus.FAILED
    locked.reason = reason
    locked.at, locked.by = now or timezone.now(), by if isinstance(by, User) else None
    locked.save(update_fields=["status", "reason", "at", "by"])
    audit_record(
        actor=by,
        action="delivery_stop_mark",
        obj=locked.round,
        detail={"stop": locked.pk, "status": locked.status},
    )
    return locked
