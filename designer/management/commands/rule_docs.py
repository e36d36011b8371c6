"""rule_docs: write docs/rules/ from the rule modules, or (--check) exit 1 when it is out of date."""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from designer.validation.docs import render_all


def docs_dir() -> Path:
    return Path(settings.BASE_DIR) / "docs" / "rules"


class Command(BaseCommand):
    help = "Generate docs/rules/*.md from the validator rule modules."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if the files are stale")

    def handle(self, *args, **options):
        target = docs_dir()
        wanted = render_all()
        existing = {p.name for p in target.glob("*.md")} if target.exists() else set()
        stale = sorted(
            name
            for name, text in wanted.items()
            if not (target / name).exists() or (target / name).read_text(encoding="utf-8") != text
        )
        extra = sorted(existing - set(wanted))
        if options["check"]:
            for name in stale:
                self.stderr.write(f"docs/rules/{name} is out of date")
            for name in extra:
                self.stderr.write(f"docs/rules/{name} belongs to no rule")
            if stale or extra:
                self.stderr.write("Run: python manage.py rule_docs")
                sys.exit(1)
            self.stdout.write(f"docs/rules/ is up to date ({len(wanted)} files).")
            return
        target.mkdir(parents=True, exist_ok=True)
        for name in stale:
            (target / name).write_text(wanted[name], encoding="utf-8")
        for name in extra:
            (target / name).unlink()
        self.stdout.write(f"Wrote {len(stale)} and removed {len(extra)} file(s) in docs/rules/ ({len(wanted)} in all).")
