from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "grassroots.core"
    label = "core"

    def ready(self) -> None:
        from . import signals  # noqa: F401
