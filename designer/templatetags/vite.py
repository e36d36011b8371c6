"""{% vite_entry "src/main.tsx" %}: script and style tags for a Vite entry, read from the build manifest."""

import json
from functools import lru_cache

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join

register = template.Library()

MANIFEST = settings.BASE_DIR / "static" / "designer" / "manifest.json"


class EditorNotBuilt(RuntimeError):
    pass


@lru_cache(maxsize=1)
def _manifest(mtime: float) -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def load_manifest() -> dict:
    if not MANIFEST.exists():
        raise EditorNotBuilt(f"{MANIFEST} is missing: build the editor with `make build` (make run does it)")
    return _manifest(MANIFEST.stat().st_mtime)


@register.simple_tag
def vite_entry(name: str):
    manifest = load_manifest()
    entry = manifest[name]
    css = list(entry.get("css", []))
    for imported in entry.get("imports", []):
        css.extend(manifest[imported].get("css", []))
    styles = format_html_join("", '<link rel="stylesheet" href="{}">', ((static(f"designer/{c}"),) for c in css))
    script = format_html('<script type="module" src="{}"></script>', static(f"designer/{entry['file']}"))
    return styles + script
