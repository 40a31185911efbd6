from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "grassroots.core"
    label = "core"

    def ready(self) -> None:
        from django.db.models import fields
        from django.utils.translation import pgettext_lazy

        from . import signals  # noqa: F401

        # Django 6.1's label for an empty choice ("- Select an option -") has no Chinese in Django's
        # own catalogue, so every optional select showed it in English.
        fields.BLANK_CHOICE_LABEL = pgettext_lazy("empty choice", "— choose —")
