"""Mermaid: export quotes every label safely; import reads the flowchart subset with line-numbered errors."""

import pytest

from designer.document import InvalidDocument, check_document
from designer.export.mermaid import export_mermaid, guess_kind, import_mermaid

from .helpers import hostile_document

SAMPLE = """%% home feed
flowchart LR
  client([Web app]) --> gw[API gateway]
  gw -->|"rank(home)"| app[App service]
  subgraph online["Online serving"]
    ranker[Ranker]
    fs[(Feast)]
  end
  app --> ranker -.->|features| fs
  logs[Kafka]:::hot == publish ==> reg{MLflow registry}
  classDef hot fill:#f00
  class app hot
"""


def test_export_is_a_flowchart_with_groups_styles_and_labels(video_recs):
    assert export_mermaid(video_recs) == (
        "flowchart LR\n"
        "  %% Video recommendations\n"
        '  subgraph online["Online serving"]\n'
        '    app["App"]\n'
        '    ranker["Ranker"]\n'
        "  end\n"
        '  app -->|"score"| ranker\n'
        "  classDef cat_online fill:#ede9fe,stroke:#6d28d9\n"
        "  class app cat_online\n"
        "  classDef cat_serving fill:#fce7f3,stroke:#be185d\n"
        "  class ranker cat_serving\n"
        "  linkStyle 0 stroke:#1d4ed8\n"
    )


def test_export_encodes_characters_that_would_be_syntax_or_markup():
    text = export_mermaid(hostile_document(["<script>alert(1)</script>", '"];', "a|b`c#d\\e\nf"]))
    assert 'h0["#60;script#62;alert(1)#60;/script#62;"]' in text
    assert 'h1["#34;];"]' in text
    assert 'h2["a#124;b#96;c#35;d#92;e f"]' in text
    assert "<" not in text and ">|" not in text.replace("-->|", "")


def test_export_renames_ids_mermaid_cannot_use(video_recs):
    video_recs["nodes"][1]["id"] = "end"
    video_recs["nodes"][2]["id"] = "svc.v2:main"
    video_recs["edges"][0].update(source="end", target="svc.v2:main")
    text = export_mermaid(video_recs)
    assert '    n_end["App"]\n    svc_v2_main["Ranker"]\n' in text
    assert '  n_end -->|"score"| svc_v2_main\n' in text


def test_import_reads_the_sample_into_a_valid_document():
    document = import_mermaid(SAMPLE)
    assert check_document(document) == []
    assert [(n["id"], n["kind"], n["label"], n.get("parent")) for n in document["nodes"]] == [
        ("client", "client", "Web app", None),
        ("gw", "api_gateway", "API gateway", None),
        ("app", "app_service", "App service", None),
        ("online", "group", "Online serving", None),
        ("ranker", "custom", "Ranker", "online"),
        ("fs", "feast", "Feast", "online"),
        ("logs", "kafka", "Kafka", None),
        ("reg", "mlflow", "MLflow registry", None),
    ]
    assert [(e["source"], e["target"], e["kind"], e.get("label")) for e in document["edges"]] == [
        ("client", "gw", "request", None),
        ("gw", "app", "request", "rank(home)"),
        ("app", "ranker", "request", None),
        ("ranker", "fs", "data", "features"),
        ("logs", "reg", "deploy", "publish"),
    ]


def test_import_lays_boxes_out_on_a_grid_with_groups_around_children():
    nodes = {n["id"]: n for n in import_mermaid(SAMPLE)["nodes"]}
    assert [(nodes[i]["x"], nodes[i]["y"]) for i in ("client", "gw", "app", "online")] == [
        (0, 0),
        (240, 0),
        (480, 0),
        (720, 0),
    ]
    assert (nodes["logs"]["x"], nodes["logs"]["y"]) == (0, nodes["online"]["height"] + 60)
    group = nodes["online"]
    for child in (nodes["ranker"], nodes["fs"]):
        assert group["x"] < child["x"] and child["x"] + 180 < group["x"] + group["width"]
        assert group["y"] < child["y"] and child["y"] + 64 < group["y"] + group["height"]


def test_a_node_mentioned_in_a_subgraph_joins_it_even_if_seen_before():
    document = import_mermaid("graph LR\n  a[Cache] --> b\n  subgraph g[Group]\n    b\n  end\n")
    assert [(n["id"], n["kind"], n.get("parent")) for n in document["nodes"]] == [
        ("a", "cache", None),
        ("b", "custom", "g"),
        ("g", "group", None),
    ]


def test_import_reports_every_unreadable_line_with_its_number():
    text = "graph TD\n  A --> B[unclosed\n  C & D --> E\n  end\n  F{{fine}}\n"
    with pytest.raises(InvalidDocument) as caught:
        import_mermaid(text)
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("line 2", "cannot read the shape of node 'B': '[unclosed' (use id[label], id(label), id{label} …)"),
        ("line 3", 'cannot read "&" (several nodes in one statement): write one connection per line'),
        ("line 4", '"end" without a "subgraph" to close'),
    ]


def test_import_refuses_text_that_is_not_a_flowchart():
    with pytest.raises(InvalidDocument) as caught:
        import_mermaid("sequenceDiagram\n  A->>B: hi\n")
    assert [str(p) for p in caught.value.problems] == [
        'line 1: expected a Mermaid header such as "flowchart LR" or "graph TD", not \'sequenceDiagram\''
    ]


def test_import_of_our_export_keeps_structure_labels_and_edge_kinds(video_recs):
    document = import_mermaid(export_mermaid(video_recs))
    assert [(n["id"], n["label"], n.get("parent")) for n in document["nodes"]] == [
        ("online", "Online serving", None),
        ("app", "App", "online"),
        ("ranker", "Ranker", "online"),
    ]
    assert [(e["source"], e["target"], e["kind"], e["label"]) for e in document["edges"]] == [
        ("app", "ranker", "request", "score")
    ]


def test_hostile_labels_survive_export_and_import():
    labels = ["<script>alert(1)</script>", '"];', 'URL="javascript:alert(1)"', "<<b>x</b>>", "back\\slash\\"]
    document = import_mermaid(export_mermaid(hostile_document(labels)))
    assert [n["label"] for n in document["nodes"]] == labels


@pytest.mark.parametrize(
    "label, kind",
    [
        ("Kafka", "kafka"),
        ("feature store", "feature_store"),
        ("Envoy", "envoy"),
        ("NGINX", "api_gateway"),
        ("model_server", "model_server"),
        ("Ranker", "custom"),
        ("CDN", "custom"),
    ],
)
def test_kinds_are_guessed_from_catalog_labels_ids_and_technologies(label, kind):
    assert guess_kind(label) == kind
