"""contracts [--check]: write the files generated from the format, protocol and limits definitions."""

import sys

from django.core.management.base import BaseCommand

from designer import contracts


class Command(BaseCommand):
    help = "Regenerate the TypeScript types and limits and docs/format.md's limits and props tables from their definitions."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="exit 1 if a generated file is stale; write nothing")

    def handle(self, *args, **options):
        if options["check"]:
            stale = contracts.stale()
            for path in stale:
                self.stderr.write(f"stale: {path.relative_to(contracts.ROOT)} (run make contracts)")
            sys.exit(1 if stale else 0)
        for path in contracts.write():
            self.stdout.write(f"wrote {path.relative_to(contracts.ROOT)}")
