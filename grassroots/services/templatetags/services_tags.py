from django import template

from grassroots.core.models import User

from .. import selectors

register = template.Library()


@register.filter
def person_name(user: User | None) -> str:
    """`{{ claim.user|person_name }}`: 何博, not get_full_name's 博 何."""
    return selectors.person_name(user)
