"""export_design FILE --format svg|png|pdf|dot|mermaid|json [--layout drawn|auto] [--findings] [--features] -o OUT."""

import sys

from django.core.management.base import BaseCommand, CommandError

from designer.document import InvalidDocument
from designer.export.dot import LAYOUTS
from designer.export.formats import FORMATS, export
from designer.export.importers import import_document
from designer.export.render import ExportError
from designer.management.documents import refuse
from designer.validation.engine import validate_design


class Command(BaseCommand):
    help = "Export a design file (JSON document, exported SVG or Mermaid) as SVG, PNG, PDF, DOT, Mermaid or JSON."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="an mlsd-design/1 JSON document, an SVG exported by MLSD Designer, or Mermaid text"
        )
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument("--layout", default="drawn", choices=LAYOUTS)
        parser.add_argument("--findings", action="store_true", help="overlay the validator's findings")
        parser.add_argument("--features", action="store_true", help="draw the features table beside the diagram")
        parser.add_argument("-o", "--output", required=True, help="file to write, or - for standard output")

    def handle(self, *args, **options):
        try:
            with open(options["file"], "rb") as source:
                raw = source.read()
        except OSError as exc:
            raise CommandError(f"{options['file']}: cannot read: {exc.strerror}") from None
        try:
            _, document = import_document(raw)
        except InvalidDocument as exc:
            refuse(self, options["file"], "cannot read the design", exc.problems)
        findings = validate_design(document) if options["findings"] else None
        try:
            exported = export(document, options["format"], options["layout"], findings, features=options["features"])
        except ExportError as exc:
            raise CommandError(exc.message) from None
        if options["output"] == "-":
            sys.stdout.buffer.write(exported.content)
            return
        try:
            with open(options["output"], "wb") as out:
                out.write(exported.content)
        except OSError as exc:
            raise CommandError(f"{options['output']}: cannot write: {exc.strerror}") from None
        self.stdout.write(f"Wrote {len(exported.content)} bytes of {options['format']} to {options['output']}.")
