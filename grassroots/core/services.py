"""Writes owned by core: the audit log, notifications, API tokens, access grants."""

import hashlib
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import models, transaction
from django.utils import timezone, translation

from grassroots.places.models import Area

from .middleware import client_ip, current_request
from .models import AccessGrant, AnyUser, ApiToken, AuditLog, Notification, User, new_token
from .notify import Compose, notify


def _area_of(obj: Any) -> Area | None:
    if isinstance(obj, Area):
        return obj
    area = getattr(obj, "area", None)
    return area if isinstance(area, Area) else None


def audit_record(
    *,
    actor: AnyUser | None,
    action: str,
    obj: models.Model | None = None,
    area: Area | None = None,
    reason: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditLog:
    """Write one audit record. `area` (or the object's own area) decides who may read it. A new
    `action` code needs its words in `audit_actions.AUDIT_ACTIONS` for the audit log page, and what its
    `detail` says in `audit_words.SUMMARIES` if an auditor should read it there."""
    area = area or (_area_of(obj) if obj is not None else None)
    who = actor if isinstance(actor, User) else None
    # The object's text is a snapshot (the object may change or go), so it is kept as text, not put into
    # words when read. Some objects' text holds words (a visit's outcome, a grant's role): they are
    # written in the site's language whoever acts, so the log reads in one language, the one the
    # people and places it names are written in. The type word is the reader's, added when the log is
    # read (`audit_words.object_words`); older records keep the text they were written with.
    with translation.override(settings.LANGUAGE_CODE):
        object_repr = str(obj)[:200] if obj is not None else ""
    return AuditLog.objects.create(
        actor=who,
        actor_name=who.get_username() if who else "",
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=object_repr,
        area=area,
        area_path=area.path if area else "",
        reason=reason[:300],
        detail=detail or {},
        ip=client_ip(current_request.get()),
    )


def notification_send(
    *, recipients: Iterable[User], message: Compose, link: str = "", urgent: bool = False
) -> list[Notification]:
    """Notify these users: inbox now, and each channel they configured. `message` says the words in
    the active language and is called once per language (see `core.notify`)."""
    return notify(users=recipients, message=message, link=link, urgent=urgent)


def notification_mark_read(*, user: User, notification_id: int | None = None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_issue(*, username: str, password: str) -> str | None:
    """A new bearer token for valid credentials, else None. Only the digest is kept."""
    user = authenticate(username=username, password=password)
    if user is None or not user.is_active:
        return None
    token = new_token()
    ApiToken.objects.create(
        user=user,
        digest=_digest(token),
        expires_at=timezone.now() + timedelta(hours=settings.API_TOKEN_TTL_HOURS),
    )
    audit_record(actor=user, action="api_login")
    return token


def api_token_user(token: str) -> User | None:
    found = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(token), expires_at__gt=timezone.now(), user__is_active=True)
        .first()
    )
    if found is None:
        return None
    now = timezone.now()
    if found.last_used_at is None or now - found.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
    return found.user


@transaction.atomic
def access_grant_create(
    *, user: User, area: Area, role: str, post: Any = None, by: User | None = None
) -> AccessGrant:
    grant, _ = AccessGrant.objects.get_or_create(user=user, area=area, role=role, defaults={"post": post})
    audit_record(
        actor=by, action="grant_access", obj=grant, area=area, detail={"user": user.username, "role": role}
    )
    return grant
