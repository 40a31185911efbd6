from django.apps import AppConfig


class DeploymentConfig(AppConfig):
    name = "grassroots.deployment"
    label = "deployment"
