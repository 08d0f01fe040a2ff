from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "regie.directory"
    label = "directory"
    verbose_name = "Organisaties"
