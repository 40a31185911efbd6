from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "grassroots.services"
    label = "services"
