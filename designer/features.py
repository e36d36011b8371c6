"""A design's features and signals (designer/format.py) as people read them: table rows and lines for the
exports and the interview report."""

from __future__ import annotations

from component_catalog.catalog import get_catalog

#: The features table's columns.
FEATURE_COLUMNS = ("Feature", "Category", "Type", "Freshness", "Computed by", "Served by")


def _labels(document: dict) -> dict[str, str]:
    kinds = get_catalog().kinds
    return {n["id"]: n.get("label") or kinds[n["kind"]].label for n in document.get("nodes", []) if n["kind"] in kinds}


def freshness_text(value) -> str:
    """ "real-time", or a number of seconds as "30 s"."""
    if isinstance(value, str):
        return value
    return f"{value:,.0f} s" if float(value).is_integer() else f"{value:g} s"


def feature_rows(document: dict) -> list[tuple[str, ...]]:
    """The features as rows of FEATURE_COLUMNS, components named by their labels ("" when not set)."""
    labels = _labels(document)
    return [
        (
            f["name"],
            f["category"],
            f["type"],
            freshness_text(f["freshness"]),
            labels.get(f.get("computed_by"), ""),
            labels.get(f.get("served_by"), ""),
        )
        for f in document.get("features") or ()
    ]


def signal_lines(document: dict) -> list[str]:
    """One line per signal: "watch time (implicit, label, collected at Event logs)"."""
    labels = _labels(document)
    lines = []
    for s in document.get("signals") or ():
        where = f", collected at {labels[s['source']]}" if s.get("source") in labels else ""
        lines.append(f"{s['name']} ({s['kind']}{', label' if s['is_label'] else ''}{where})")
    return lines
