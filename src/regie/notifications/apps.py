from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "regie.notifications"
    label = "notifications"
