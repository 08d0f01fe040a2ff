from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "regie.imports"
    label = "imports"
    verbose_name = "Imports"
