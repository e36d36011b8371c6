"""App config for interview mode."""

from django.apps import AppConfig


class InterviewConfig(AppConfig):
    name = "designer.interview"
    label = "interview"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers the problem bank's system check)
