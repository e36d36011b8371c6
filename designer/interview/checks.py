"""System check: every problem file of the practice bank and its reference are sound, so a broken bank stops start-up."""

import json

from django.core.checks import Error, register

from component_catalog.catalog import CATALOG_PATH, problems

from .bank import load_bank


@register()
def bank_is_consistent(app_configs, **kwargs):
    try:
        if problems(json.loads(CATALOG_PATH.read_text(encoding="utf-8"))):
            return []  # references are checked against the catalog; its own check reports what is wrong
    except (OSError, ValueError):
        return []
    _, messages = load_bank()
    return [Error(f"problem bank: {message}", id="interview.E001") for message in messages]
