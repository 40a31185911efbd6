"""Writes to the stock of posts: receipts, issues and transfers, never below zero, with low-stock alerts."""

import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from grassroots.core.models import AnyUser, User
from grassroots.core.notify import Message, notify
from grassroots.core.scope import in_scope, role_at_least, scope_q
from grassroots.core.services import audit_record
from grassroots.core.typed import too_long, typed_text
from grassroots.places.models import Post, PostKind

from . import rules
from .models import (
    OPEN_STATUSES,
    Category,
    MoveKind,
    Request,
    RequestChannel,
    RequestEvent,
    RequestKind,
    StockCategory,
    StockItem,
    StockMove,
    Urgency,
)
from .services import level_recipients
from .task_services import Conflict

STOCK_POSTS = (PostKind.STATION, PostKind.CENTRE)


def _keeper(user: AnyUser, post: Post) -> None:
    if not (role_at_least(user, "station") and in_scope(user, post.area)):
        raise PermissionDenied


def _quantity(value: int) -> int:
    if int(value) < 1:
        raise ValidationError({"quantity": _("The quantity must be at least 1.")})
    return int(value)


def _replayed(client_id: uuid.UUID | None) -> StockMove | None:
    return StockMove.objects.filter(client_id=client_id).first() if client_id else None


@transaction.atomic
def stock_item_create(
    *, by: AnyUser, post: Post, name: str, category: str, unit: str = "件", low_threshold: int = 0
) -> StockItem:
    _keeper(by, post)
    if post.kind not in STOCK_POSTS:
        raise ValidationError({"post": _("Stock is kept at command stations and centres.")})
    if not name.strip():
        raise ValidationError({"name": _("Name the item.")})
    if category not in StockCategory.values:
        raise ValidationError({"category": _("Unknown category: %(value)s.") % {"value": category}})
    if errors := too_long(StockItem, name=name, unit=unit):
        raise ValidationError(errors)
    name = typed_text(StockItem, "name", name)
    if StockItem.objects.filter(post=post, name=name).exists():
        raise ValidationError({"name": _("This post already keeps %(name)s.") % {"name": name}})
    item = StockItem.objects.create(
        post=post,
        name=name,
        category=category,
        unit=typed_text(StockItem, "unit", unit) or "件",
        low_threshold=max(0, int(low_threshold)),
    )
    audit_record(actor=by, action="stock_item_create", obj=item, area=post.area)
    return item


def _move(item: StockItem, kind: str, quantity: int, balance: int, by: AnyUser, **extra: Any) -> StockMove:
    return StockMove.objects.create(
        item=item,
        kind=kind,
        quantity=quantity,
        balance=balance,
        at=timezone.now(),
        by=by if isinstance(by, User) else None,
        **extra,
    )


@transaction.atomic
def stock_receive(
    *, by: AnyUser, item: StockItem, quantity: int, note: str = "", client_id: uuid.UUID | None = None
) -> StockMove:
    if (done := _replayed(client_id)) is not None:
        return done
    _keeper(by, item.post)
    quantity = _quantity(quantity)
    note = typed_text(StockMove, "note", note)
    StockItem.objects.filter(pk=item.pk).update(quantity=F("quantity") + quantity)
    item.refresh_from_db(fields=["quantity"])
    move = _move(item, MoveKind.RECEIPT, quantity, item.quantity, by, note=note, client_id=client_id)
    audit_record(
        actor=by, action="stock_receive", obj=item, area=item.post.area, detail={"quantity": quantity}
    )
    return move


def _take(item: StockItem, quantity: int) -> int:
    """Take `quantity` off the item in one conditional UPDATE: it matches no row when stock is short,
    so two issues racing for the last units can never both succeed. Returns the balance left."""
    taken = StockItem.objects.filter(pk=item.pk, quantity__gte=quantity).update(
        quantity=F("quantity") - quantity
    )
    item.refresh_from_db(fields=["quantity"])
    if not taken:
        raise Conflict(
            _("Only %(left)d %(unit)s of %(name)s left; cannot take %(asked)d.")
            % {"left": item.quantity, "unit": item.unit, "name": item.name, "asked": quantity}
        )
    return item.quantity


@transaction.atomic
def stock_issue(
    *,
    by: AnyUser,
    item: StockItem,
    quantity: int,
    to_whom: str = "",
    note: str = "",
    client_id: uuid.UUID | None = None,
) -> StockMove:
    if (done := _replayed(client_id)) is not None:
        return done
    _keeper(by, item.post)
    quantity = _quantity(quantity)
    if errors := too_long(StockMove, to_whom=to_whom, note=note):
        raise ValidationError(errors)
    balance = _take(item, quantity)
    move = _move(
        item,
        MoveKind.ISSUE,
        quantity,
        balance,
        by,
        to_whom=typed_text(StockMove, "to_whom", to_whom),
        note=typed_text(StockMove, "note", note),
        client_id=client_id,
    )
    audit_record(actor=by, action="stock_issue", obj=item, area=item.post.area, detail={"quantity": quantity})
    _low_stock_check(item, balance + quantity, by)
    return move


def transfer_targets(*, user: AnyUser, item: StockItem) -> QuerySet[Post]:
    """Where the item may go: another station or centre the user sees, or a post on an area above the
    item's own post (a station hands back to its community centre)."""
    above = item.post.area.ancestor_ids()
    return (
        Post.objects.filter(kind__in=STOCK_POSTS)
        .filter(scope_q(user, "area__path") | Q(area_id__in=above))
        .exclude(pk=item.post_id)
        .select_related("area")
        .order_by("area__path", "name")
    )


@transaction.atomic
def stock_transfer(
    *,
    by: AnyUser,
    item: StockItem,
    to_post: Post,
    quantity: int,
    note: str = "",
    client_id: uuid.UUID | None = None,
) -> StockMove:
    """Move stock to another post's item of the same name (created there if missing)."""
    if (done := _replayed(client_id)) is not None:
        return done
    _keeper(by, item.post)
    if to_post.pk == item.post_id:
        raise ValidationError({"to_post": _("Choose another post to transfer to.")})
    if not transfer_targets(user=by, item=item).filter(pk=to_post.pk).exists():
        raise ValidationError(
            {"to_post": _("Stock goes to a station or centre you answer for, or the one above.")}
        )
    quantity = _quantity(quantity)
    note = typed_text(StockMove, "note", note)
    balance = _take(item, quantity)
    target, _created = StockItem.objects.get_or_create(
        post=to_post,
        name=item.name,
        defaults={"category": item.category, "unit": item.unit, "low_threshold": item.low_threshold},
    )
    StockItem.objects.filter(pk=target.pk).update(quantity=F("quantity") + quantity)
    target.refresh_from_db(fields=["quantity"])
    out = _move(
        item, MoveKind.TRANSFER_OUT, quantity, balance, by, counterpart=target, note=note, client_id=client_id
    )
    _move(target, MoveKind.TRANSFER_IN, quantity, target.quantity, by, counterpart=item, note=note)
    audit_record(
        actor=by,
        action="stock_transfer",
        obj=item,
        area=item.post.area,
        detail={"quantity": quantity, "to": to_post.pk},
    )
    _low_stock_check(item, balance + quantity, by)
    return out


def _low(item: StockItem) -> Message:
    return Message(
        _("Low stock at %(post)s: %(name)s, %(left)d %(unit)s left")
        % {"post": item.post.name, "name": item.name, "left": item.quantity, "unit": item.unit}
    )


def _resupply(item: StockItem) -> str:
    return _("Please resupply %(name)s: %(left)d %(unit)s left, threshold %(low)d.") % {
        "name": item.name,
        "left": item.quantity,
        "unit": item.unit,
        "low": item.low_threshold,
    }


def _low_stock_check(item: StockItem, before: int, by: AnyUser) -> None:
    """When this move took the item to its threshold or below, alert the post and ask the level above
    for more, unless a resupply request for the item is still open."""
    if not (item.quantity <= item.low_threshold < before):
        return
    post = item.post
    link = reverse("services-stock") + f"?post={post.pk}"
    users, posts = level_recipients(post.area, rules.level_of(post.area))
    notify(users=users, posts=[post, *posts], message=lambda: _low(item), link=link, urgent=True)
    if Request.objects.filter(stock_item=item, status__in=OPEN_STATUSES).exists():
        return
    now = timezone.now()
    # A request's details are one stored text, read by everyone who handles it and sent on when it
    # escalates, like the details residents give: so in the site's language, not the mover's.
    with translation.override(settings.LANGUAGE_CODE):
        details = _resupply(item)
    req = Request.objects.create(
        reference=rules.new_reference(),
        kind=RequestKind.RESUPPLY,
        category=Category.OTHER,
        channel=RequestChannel.STOCK,
        urgency=Urgency.URGENT,
        area=post.area,
        name=post.name,
        phone=post.phone,
        details=details,
        stock_item=item,
        created_at=now,
        created_by=by if isinstance(by, User) else None,
        deadline=rules.deadline_for(
            kind=RequestKind.RESUPPLY, category=Category.OTHER, urgency=Urgency.URGENT, filed_at=now
        ),
    )
    RequestEvent.objects.create(request=req, action="filed", at=now, actor_name=post.name)
    up = min(rules.TOP_LEVEL, rules.level_of(post.area) + 1)
    above_users, above_posts = level_recipients(post.area, up)
    notify(
        users=above_users,
        posts=above_posts,
        message=lambda: Message(
            _("Resupply request %(ref)s from %(post)s: %(name)s")
            % {"ref": req.reference, "post": post.name, "name": item.name},
            _resupply(item),
        ),
        link=reverse("services-request", args=[req.pk]),
        urgent=True,
    )
