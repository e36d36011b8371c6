"""App config for interview mode."""

from django.apps import AppConfig


class InterviewConfig(AppConfig):
    name = "designer.interview"
    label = "interview"
    default_auto_field = "django.db.models.BigAutoField"
