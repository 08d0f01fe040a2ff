from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "regie.ui"
    label = "ui"
