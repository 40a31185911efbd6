"""What a view knows about its request beyond Django's types."""

from django.http import HttpRequest

from .models import User


def signed_in(request: HttpRequest) -> User:
    """The user of a view behind login_required (django-stubs types `request.user` as possibly anonymous)."""
    return request.user  # type: ignore[return-value]
