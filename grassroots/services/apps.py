from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "grassroots.services"
    label = "services"

    def ready(self) -> None:
        from grassroots.residents.signals import resident_left

        from .plan_services import plans_stop_for

        resident_left.connect(plans_stop_for, dispatch_uid="services.plans_stop_for")
