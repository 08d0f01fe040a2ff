from django.apps import AppConfig


class WegwijzerPagesConfig(AppConfig):
    """The public wegwijzer pages: a face over the directory (docs/architecture.md)."""

    name = "regie.directory.pages"
    label = "wegwijzer"
    verbose_name = "Wegwijzer"
