"""App config for share links and comments."""

from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "designer.sharing"
    label = "sharing"
    default_auto_field = "django.db.models.BigAutoField"
