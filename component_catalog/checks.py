"""System check: the catalog file is consistent, so a broken catalog stops start-up."""

import json

from django.core.checks import Error, register

from .catalog import CATALOG_PATH, problems


@register()
def catalog_is_consistent(app_configs, **kwargs):
    try:
        raw = json.loads(CATALOG_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [Error(f"{CATALOG_PATH}: cannot be read: {exc}", id="catalog.E001")]
    return [Error(f"{CATALOG_PATH.name}: {p}", id="catalog.E002") for p in problems(raw)]
