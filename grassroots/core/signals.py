"""Logins and failed logins go to the audit log (a side record, not domain logic)."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from .models import AccessGrant, User
from .services import audit_record


@receiver(user_logged_in)
def on_login(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    grant = AccessGrant.objects.filter(user=user).select_related("area").first()
    audit_record(actor=user, action="login", area=grant.area if grant else None)


@receiver(user_login_failed)
def on_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    audit_record(
        actor=None, action="login_failed", detail={"username": str(credentials.get("username", ""))[:150]}
    )
