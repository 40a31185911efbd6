from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "grassroots.residents"
    label = "residents"
