from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "grassroots.evaluation"
    label = "evaluation"
