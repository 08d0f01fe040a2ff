from django.apps import AppConfig


class ProvidersConfig(AppConfig):
    name = "regie.providers"
    label = "providers"
