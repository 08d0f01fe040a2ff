from django.apps import AppConfig


class BeheerConfig(AppConfig):
    name = "regie.beheer"
    label = "beheer"
    verbose_name = "Beheer"
