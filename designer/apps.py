"""App config for the main app (designs, accounts pages, API)."""

from django.apps import AppConfig


class DesignerConfig(AppConfig):
    name = "designer"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import log_filters
        from .db import sqlite_pragmas

        connection_created.connect(sqlite_pragmas)
        log_filters.install()
