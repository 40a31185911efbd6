from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "grassroots.dashboard"
    label = "dashboard"
