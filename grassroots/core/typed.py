"""What a user typed into a text field, checked against its column before a service stores it."""

from django.core.exceptions import ValidationError
from django.db.models import Field, Model
from django.utils.translation import gettext as _


def typed_text(model: type[Model], field: str, text: str, *, key: str = "") -> str:
    """`text` stripped; refused when longer than `model.field`'s column, naming the field and its
    limit (under `key`, the form's name for it, when that differs), since cutting it would lose what
    the user wrote."""
    text = text.strip()
    column = model._meta.get_field(field)
    assert isinstance(column, Field)
    limit = column.max_length
    if limit is not None and len(text) > limit:
        raise ValidationError(
            {
                key or field: ValidationError(
                    _("%(field)s: at most %(limit)d characters, %(n)d typed."),
                    code="max_length",
                    params={"field": column.verbose_name, "limit": limit, "n": len(text)},
                )
            }
        )
    return text


def too_long(model: type[Model], **texts: str) -> dict[str, str]:
    """typed_text's refusal of each text (keyed by its field on `model`) that does not fit its column,
    all at once: a form with several over-long boxes names every one after a single submit."""
    errors: dict[str, str] = {}
    for name, text in texts.items():
        try:
            typed_text(model, name, text)
        except ValidationError as exc:
            errors[name] = exc.message_dict[name][0]
    return errors
