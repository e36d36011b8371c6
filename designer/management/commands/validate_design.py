"""validate_design FILE: print findings; exit 0 (no errors), 1 (error findings) or 2 (not a valid document)."""

import json
import sys

from django.core.management.base import BaseCommand

from designer.management.documents import read_document
from designer.validation.engine import validate_design


class Command(BaseCommand):
    help = "Review a design document (JSON file, or - for stdin) and print its findings."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to an mlsd-design/1 JSON document, or - for standard input")
        parser.add_argument("--format", choices=["text", "json"], default="text", dest="output_format")

    def handle(self, *args, **options):
        path = options["file"]
        document = read_document(self, path)
        findings = validate_design(document)
        if options["output_format"] == "json":
            self.stdout.write(json.dumps({"findings": [f.as_dict() for f in findings]}, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(format_text(findings))
        sys.exit(1 if any(f.severity == "error" for f in findings) else 0)


def format_text(findings) -> str:
    if not findings:
        return "No findings."
    lines = []
    for f in findings:
        where = ", ".join(f.nodes + f.edges)
        lines.append(f"{f.severity.upper():7} {f.rule}: {f.message}" + (f" [{where}]" if where else ""))
        lines.append(f"        fix: {f.fix}")
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    lines.append(f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info")
    return "\n".join(lines)
