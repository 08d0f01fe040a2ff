from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "regie.reporting"
    label = "reporting"
    verbose_name = "Verantwoording"
