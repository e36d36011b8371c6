"""Issue 14.3: deep groups, deep Mermaid subgraphs and extreme-but-valid documents export, lay out and import
(no RecursionError 500), and every export keeps its node cap."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from designer.export.render import EXPORT_LIMITS

pytestmark = pytest.mark.django_db


def post_json(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def nested_groups(depth: int) -> dict:
    nodes = [
        {"id": f"g{i}", "kind": "group", "label": f"G{i}", "x": i, "y": i, "width": 5000 - i, "height": 5000 - i}
        | ({"parent": f"g{i - 1}"} if i else {})
        for i in range(depth)
    ]
    nodes.append({"id": "inner", "kind": "cache", "label": "Inner", "x": depth, "y": depth, "parent": f"g{depth - 1}"})
    return {"format": "mlsd-design/1", "title": "Deep", "nodes": nodes, "edges": []}


def deep_mermaid(depth: int) -> str:
    return "flowchart LR\n" + "".join(f"subgraph s{i}\n" for i in range(depth)) + "a --> b\n" + "end\n" * depth


@pytest.mark.parametrize(
    "url", ["/api/export/?format=svg&layout=auto", "/api/export/?format=mermaid", "/api/export/?format=dot&layout=auto"]
)
def test_a_thousand_nested_groups_export(api, url):
    response = post_json(api, url, nested_groups(1000))
    assert response.status_code == 200, response.content[:300]


def test_a_thousand_nested_groups_lay_out(api):
    response = post_json(api, "/api/layout/", nested_groups(1000))
    assert response.status_code == 200
    positions = response.json()["positions"]
    assert len(positions) == 1001
    assert positions["g0"]["width"] > positions["g999"]["width"]


def test_mermaid_export_keeps_the_node_cap(api):
    nodes = [{"id": f"n{i}", "kind": "cache", "x": i, "y": 0} for i in range(EXPORT_LIMITS["nodes"] + 1)]
    response = post_json(api, "/api/export/?format=mermaid", {"format": "mlsd-design/1", "nodes": nodes})
    assert response.status_code == 422
    assert response.json() == {
        "detail": f"The design has {len(nodes)} nodes; export draws at most {EXPORT_LIMITS['nodes']}."
    }


def test_mermaid_with_a_thousand_nested_subgraphs_imports(api):
    response = api.post("/api/import/?format=mermaid", data=deep_mermaid(1000), content_type="text/plain")
    assert response.status_code == 200, response.content[:300]
    nodes = {n["id"]: n for n in response.json()["document"]["nodes"]}
    assert len(nodes) == 1002
    assert (nodes["a"]["parent"], nodes["s1"]["parent"]) == ("s999", "s0")


def test_the_commands_handle_deep_input(tmp_path: Path, user, capsys):
    source = tmp_path / "deep.mmd"
    source.write_text(deep_mermaid(1000), encoding="utf-8")
    out = tmp_path / "deep.json"
    call_command("export_design", str(source), "--format", "json", "--output", str(out))
    assert len(json.loads(out.read_text(encoding="utf-8"))["nodes"]) == 1002
    deep_json = tmp_path / "deep-json.json"
    deep_json.write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    for command in (("validate_design", str(deep_json)), ("import_design", str(deep_json), "--owner", "ada")):
        with pytest.raises(SystemExit) as exit_code:
            call_command(*command)
        assert exit_code.value.code == 2
        assert "JSON is nested too deeply; the limit is 20 levels" in capsys.readouterr().err


EXTREME = {
    "far apart": [
        {"id": "a", "kind": "cache", "label": "A", "x": -1_000_000, "y": -1_000_000},
        {"id": "b", "kind": "database", "label": "B", "x": 1_000_000, "y": 1_000_000},
    ],
    "tiny boxes, long labels": [
        {"id": "a", "kind": "cache", "label": "L" * 200, "x": 0, "y": 0, "width": 0.01, "height": 0.01},
        {"id": "b", "kind": "database", "label": "M" * 200, "x": 5, "y": 5, "width": 1, "height": 1},
        {"id": "n", "kind": "note", "label": "N", "text": "word " * 400, "x": 0, "y": 50, "width": 0.5, "height": 0.5},
    ],
    "huge boxes": [
        {"id": "a", "kind": "cache", "label": "A", "x": 0, "y": 0, "width": 1_000_000, "height": 1_000_000},
        {"id": "b", "kind": "database", "label": "B", "x": 10, "y": 10, "width": 1_000_000, "height": 1_000_000},
    ],
}


@pytest.mark.parametrize("name", list(EXTREME))
@pytest.mark.parametrize("query", ["format=svg", "format=svg&layout=auto", "format=png", "format=png&layout=auto"])
def test_extreme_but_valid_documents_are_drawn(api, name, query):
    document = {
        "format": "mlsd-design/1",
        "nodes": EXTREME[name],
        "edges": [{"id": "e", "source": "a", "target": "b", "kind": "data", "label": "x" * 200}],
    }
    response = post_json(api, f"/api/export/?{query}", document)
    assert response.status_code == 200, response.content[:300]
    assert post_json(api, "/api/layout/", document).status_code == 200
