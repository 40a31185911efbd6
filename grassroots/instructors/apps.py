from django.apps import AppConfig


class InstructorsConfig(AppConfig):
    name = "grassroots.instructors"
    label = "instructors"
