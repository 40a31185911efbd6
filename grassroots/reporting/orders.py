"""Writes of orders down the chain: issuing, acknowledging by a named person, carrying out, reminders, escalation."""

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from grassroots.core.lists import listed
from grassroots.core.models import AccessGrant, User
from grassroots.core.notify import Message, notify
from grassroots.core.scope import in_scope, role_at_least, scoped
from grassroots.core.services import audit_record
from grassroots.core.typed import typed_text
from grassroots.places.models import Area, Post

from .chain import level_above, users_at
from .models import Acknowledgement, Order, OrderAttachment

# Reminders go out this long before the acknowledgement deadline (or halfway, for a shorter window).
REMIND_BEFORE = timedelta(hours=1)
TITLE_MAX = Order._meta.get_field("title").max_length or 200
NAME_MAX = Acknowledgement._meta.get_field("acknowledged_name").max_length or 50


def _link(order: Order) -> str:
    return reverse("order-detail", args=[order.pk])


def remind_at(order: Order) -> datetime:
    return max(
        order.ack_deadline - REMIND_BEFORE, order.issued_at + (order.ack_deadline - order.issued_at) / 2
    )


def posts_below(area: Area) -> QuerySet[Post]:
    return Post.objects.filter(area__path__startswith=area.path).exclude(area=area).select_related("area")


@transaction.atomic
def order_issue(
    *,
    by: User,
    area: Area,
    title: str,
    text: str,
    ack_deadline: datetime,
    carry_out_deadline: datetime | None = None,
    post_ids: list[int] | None = None,
    attachments: Iterable[UploadedFile] = (),
    client_id: uuid.UUID | None = None,
    now: datetime | None = None,
) -> Order:
    """Issue an order from level `area` to all posts below it, or to the chosen ones."""
    if client_id is not None:
        existing = Order.objects.filter(client_id=client_id).first()
        if existing is not None:
            return existing
    if not (in_scope(by, area) and role_at_least(by, "community")):
        raise PermissionDenied
    now = now or timezone.now()
    errors = {}
    if not title.strip():
        errors["title"] = _("Give the order a title.")
    elif len(title.strip()) > TITLE_MAX:
        errors["title"] = _("Keep the title within %(limit_value)d characters (it has %(show_value)d).") % {
            "limit_value": TITLE_MAX,
            "show_value": len(title.strip()),
        }
    if not text.strip():
        errors["text"] = _("Write the order's text.")
    if ack_deadline <= now:
        errors["ack_deadline"] = _("The acknowledgement deadline must lie in the future.")
    if carry_out_deadline is not None and carry_out_deadline < ack_deadline:
        errors["carry_out_deadline"] = _("Carrying out cannot be due before acknowledgement.")
    below = posts_below(area)
    posts = list(below.filter(pk__in=post_ids) if post_ids else below)
    if post_ids and len(posts) != len(set(post_ids)):
        errors["post_ids"] = _("Some chosen posts are not below the issuing level.")
    elif not posts:
        errors["post_ids"] = _("There is no post below this level to receive the order.")
    if errors:
        raise ValidationError(errors)
    order = Order.objects.create(
        client_id=client_id,
        area=area,
        issued_by=by,
        title=title.strip(),
        text=text.strip(),
        issued_at=now,
        ack_deadline=ack_deadline,
        carry_out_deadline=carry_out_deadline,
    )
    Acknowledgement.objects.bulk_create(Acknowledgement(order=order, post=p, area=p.area) for p in posts)
    for upload in attachments:
        OrderAttachment.objects.create(order=order, file=upload, name=(upload.name or "")[:200])
    audit_record(actor=by, action="order_issue", obj=order, detail={"posts": len(posts)})
    notify(
        posts=posts,
        message=lambda: Message(_("New order: %(title)s") % {"title": order.title}, order.text[:500]),
        link=_link(order),
    )
    _schedule(order)
    return order


def _schedule(order: Order) -> None:
    from .tasks import order_escalate, order_remind

    def enqueue() -> None:
        order_remind.using(run_after=remind_at(order)).enqueue(order.pk)
        order_escalate.using(run_after=order.ack_deadline).enqueue(order.pk)

    transaction.on_commit(enqueue)


def _my_rows(order: Order, by: User, post: Post | None) -> list[Acknowledgement]:
    rows = scoped(order.acknowledgements.select_for_update(), by, "area__path")
    if post is not None:
        return list(rows.filter(post=post))
    grants = AccessGrant.objects.filter(user=by)
    mine = list(rows.filter(post__in=grants.exclude(post=None).values("post")))
    return mine or list(rows.filter(area__in=grants.values("area")))


@transaction.atomic
def order_acknowledge(
    *, by: User, order: Order, name: str = "", post: Post | None = None, now: datetime | None = None
) -> list[Acknowledgement]:
    """The user's post (or the named one) has read the order; `name` is the person who read it."""
    rows = _my_rows(order, by, post)
    if not rows:
        raise ValidationError({"post": _("The order was not sent to your post.")})
    # A name typed is kept whole or refused; left blank it is the user's own, fitted to the column.
    name = (
        typed_text(Acknowledgement, "acknowledged_name", name, key="name")
        or by.display_name.strip()[:NAME_MAX]
    )
    now = now or timezone.now()
    for row in rows:
        if row.acknowledged_at is None:
            row.acknowledged_at, row.acknowledged_by, row.acknowledged_name = now, by, name
            row.save(update_fields=["acknowledged_at", "acknowledged_by", "acknowledged_name"])
            audit_record(
                actor=by, action="order_acknowledge", obj=row, detail={"order": order.pk, "name": name}
            )
    return rows


@transaction.atomic
def order_carry_out(
    *, by: User, order: Order, note: str, post: Post | None = None, now: datetime | None = None
) -> list[Acknowledgement]:
    """The user's post reports the order carried out (acknowledging it too, if it had not)."""
    if not note.strip():
        raise ValidationError({"note": _("Say how the order was carried out.")})
    rows = order_acknowledge(by=by, order=order, post=post, now=now)
    now = now or timezone.now()
    for row in rows:
        row.carried_out_at, row.carried_out_note = now, note.strip()
        row.save(update_fields=["carried_out_at", "carried_out_note"])
        audit_record(actor=by, action="order_carry_out", obj=row, detail={"order": order.pk})
    return rows


def order_remind(*, order_id: int, now: datetime | None = None) -> int:
    """The worker's reminder before the deadline to every post that has not acknowledged."""
    now = now or timezone.now()
    with transaction.atomic():
        order = Order.objects.filter(pk=order_id).first()
        if order is None or now >= order.ack_deadline:
            return 0
        rows = list(
            order.acknowledgements.select_for_update()
            .filter(acknowledged_at=None, reminded_at=None)
            .select_related("post")
        )
        if rows:
            notify(
                posts=[r.post for r in rows],
                message=lambda: Message(
                    _("Reminder: acknowledge the order “%(title)s”") % {"title": order.title},
                    _("Due by %(deadline)s.")
                    % {"deadline": f"{timezone.localtime(order.ack_deadline):%m-%d %H:%M}"},
                ),
                link=_link(order),
                urgent=True,
            )
            Acknowledgement.objects.filter(pk__in=[r.pk for r in rows]).update(reminded_at=now)
    return len(rows)


def _not_acknowledged(order: Order, posts: list[Post]) -> Message:
    return Message(
        _("Not acknowledged: %(title)s") % {"title": order.title},
        _("Overdue posts below you: %(posts)s") % {"posts": listed(p.name for p in posts)},
    )


def order_escalate(*, order_id: int, now: datetime | None = None) -> int:
    """After the deadline, each laggard post is named to the level above it (and the issuer is told)."""
    now = now or timezone.now()
    with transaction.atomic():
        order = Order.objects.filter(pk=order_id).first()
        if order is None or now < order.ack_deadline:
            return 0
        rows = list(
            order.acknowledgements.select_for_update()
            .filter(acknowledged_at=None, escalated_at=None)
            .select_related("post", "area")
        )
        by_level: dict[int, tuple[Area, list[Post]]] = {}
        for row in rows:
            level = level_above(row.area) or order.area
            by_level.setdefault(level.pk, (level, []))[1].append(row.post)
        for level, posts in by_level.values():
            notify(
                users=users_at([level]),
                message=partial(_not_acknowledged, order, posts),
                link=_link(order),
                urgent=True,
            )
        if rows:
            notify(
                users=[order.issued_by],
                message=lambda: Message(
                    ngettext(
                        "%(n)d post has not acknowledged “%(title)s”",
                        "%(n)d posts have not acknowledged “%(title)s”",
                        len(rows),
                    )
                    % {"n": len(rows), "title": order.title}
                ),
                link=_link(order),
            )
            Acknowledgement.objects.filter(pk__in=[r.pk for r in rows]).update(escalated_at=now)
    return len(rows)
