"""compare_design FILE --problem ID: compare a design with a bank problem's reference; exit 0, or 2 (not a valid document or no such problem)."""

import json
import sys

from django.core.management.base import BaseCommand

from designer.interview.bank import bank, problem_get
from designer.interview.compare import compare
from designer.management.documents import read_document


class Command(BaseCommand):
    help = "Compare a design document (JSON file, or - for stdin) with the reference of a practice problem."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to an mlsd-design/1 JSON document, or - for standard input")
        parser.add_argument("--problem", required=True, help="a problem id of the bank, e.g. video-recommendation")
        parser.add_argument("--format", choices=["text", "json"], default="text", dest="output_format")

    def handle(self, *args, **options):
        problem = problem_get(options["problem"])
        if problem is None:
            known = ", ".join(p.id for p in bank())
            self.stderr.write(f'no problem "{options["problem"]}"; known: {known}')
            sys.exit(2)
        path = options["file"]
        document = read_document(self, path)
        result = compare(document, problem)
        if options["output_format"] == "json":
            self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(format_text(result))


KIND_NAMES = {
    "fact": "fact",
    "missing_component": "missing",
    "different_role": "different role",
    "not_shared": "not shared",
    "missing_connection": "missing connection",
    "connection_kind": "connection kind",
    "connection_direction": "connection direction",
    "extra_component": "extra",
    "extra_connection": "extra connection",
    "missing_feature_category": "missing features",
    "feature_freshness": "feature freshness",
}


def format_text(result: dict) -> str:
    problem = result["problem"]
    lines = [f"Compared with the reference of {problem['title']} ({problem['id']}): coverage {result['coverage']:.2f}"]
    items = {i["id"]: i for i in result["items"]}
    for step in result["steps"]:
        coverage = "   –" if step["coverage"] is None else f"{step['coverage']:.2f}"
        lines.append(f"{step['number']}. {step['title']:<32} {coverage}  ({step['covered']:g} of {step['total']})")
        for item_id in step["items"]:
            item = items[item_id]
            lines.append(f"   - {KIND_NAMES[item['kind']]}: {item['message']}")
    if not result["items"]:
        lines.append("No differences: every component, connection and fact matches the reference.")
    lines.append(f"Matched components ({len(result['pairs'])}):")
    for pair in result["pairs"]:
        lines.append(f"   {pair['reference_label']} ← {pair['candidate_label']}: {pair['why']}")
    return "\n".join(lines)
