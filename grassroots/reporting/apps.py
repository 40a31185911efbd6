from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "grassroots.reporting"
    label = "reporting"
