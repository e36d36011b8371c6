"""Django app config for the component catalog."""

from django.apps import AppConfig


class ComponentCatalogConfig(AppConfig):
    name = "component_catalog"
    verbose_name = "Component catalog"

    def ready(self):
        from . import checks  # noqa: F401  (registers the catalog system check)
