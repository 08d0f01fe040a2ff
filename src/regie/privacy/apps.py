from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models.signals import post_save


def _event_appended(sender: Any, instance: Any, created: bool, raw: bool, **kwargs: Any) -> None:
    # cases may not import privacy (it sits below), so the log listens instead of being told.
    # `raw` is a fixture load: history brought along, not a change made here.
    if created and not raw:
        from regie.privacy.services import change_record

        change_record(event=instance)


def _case_registered(sender: Any, instance: Any, created: bool, raw: bool, **kwargs: Any) -> None:
    if created and not raw:
        from regie.privacy.services import registration_record

        registration_record(case=instance)


class PrivacyConfig(AppConfig):
    name = "regie.privacy"
    label = "privacy"
    verbose_name = "Privacy"

    def ready(self) -> None:
        # A wrong retention term must stop the start, not surface on the night it destroys.
        from regie.privacy.retention_rules import RetentionConfigError, parse_overrides

        try:
            parse_overrides(settings.REGIE_RETENTION_YEARS)
        except RetentionConfigError as error:
            raise ImproperlyConfigured(str(error)) from None

        # Every change to a case is in the audit log (issue 11): each timeline entry, and the
        # registration of a new case (whose first entries are one bulk INSERT without signals).
        post_save.connect(_event_appended, sender="cases.Event", dispatch_uid="audit_event")
        post_save.connect(_case_registered, sender="cases.Case", dispatch_uid="audit_case")
