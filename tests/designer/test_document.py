"""The design document contract: valid documents pass, every kind of invalid one is refused with paths."""

import copy
import json

import jsonschema
import pytest

from designer.document import LIMITS, InvalidDocument, check_document, json_schema, loads, node_props


def messages(doc):
    return [str(p) for p in check_document(doc)]


def test_the_issue_example_is_valid(video_recs):
    assert check_document(video_recs) == []
    jsonschema.validate(video_recs, json_schema())


def test_unknown_kind_suggests_the_close_one(video_recs):
    video_recs["nodes"][1]["kind"] = "kafak"
    assert messages(video_recs) == ['nodes[1].kind: unknown kind "kafak" (did you mean "kafka"?)']


def test_edge_to_missing_node_names_it(video_recs):
    video_recs["edges"][0]["target"] = "rnaker"
    assert messages(video_recs) == ['edges[0].target: no node "rnaker" (did you mean "ranker"?)']


def test_every_problem_is_listed_not_just_the_first(video_recs):
    video_recs["nodes"].append(copy.deepcopy(video_recs["nodes"][1]))
    video_recs["edges"].append({"id": "e1", "source": "app", "target": "ranker", "kind": "deploy"})
    video_recs["problem"]["task"] = "rank"
    video_recs["problem"]["peak_qps"] = -5
    video_recs["nodes"][2]["props"]["replicas"] = "forty"
    video_recs["nodes"][1]["label"] = "x" * 201
    assert messages(video_recs) == [
        'problem.task: must be one of classification, regression, ranking, generation, other, not "rank" (did you mean "ranking"?)',
        "problem.peak_qps: must be positive, not -5",
        "nodes[1].label: is 201 characters; the limit is 200",
        "nodes[2].props.replicas: must be a number, not a string",
        'nodes[3].id: duplicate id "app" (also used by another node)',
        'edges[1].id: duplicate id "e1" (also used by another edge)',
    ]


def test_wrong_types_and_enums(video_recs):
    video_recs["nodes"][2]["props"]["rollout"] = "yolo"
    video_recs["edges"][0]["props"]["fallback"] = "no"
    video_recs["nodes"][1]["x"] = "left"
    video_recs["edges"][0]["kind"] = "rpc"
    assert messages(video_recs) == [
        "nodes[1].x: must be a number between -1000000 and 1000000",
        'nodes[2].props.rollout: must be one of none, canary, shadow, blue_green, ab, not "yolo"',
        'edges[0].kind: must be one of request, data, telemetry, deploy, control, not "rpc"',
        "edges[0].props.fallback: must be true or false, not a string",
    ]


def test_parent_must_be_a_group(video_recs):
    video_recs["nodes"][1]["parent"] = "ranker"
    assert messages(video_recs) == ['nodes[1].parent: "ranker" is not a group; a parent must be a node of kind "group"']


def test_edges_cannot_touch_notes_or_groups(video_recs):
    video_recs["edges"][0]["target"] = "online"
    assert messages(video_recs) == [
        'edges[0].target: "online" is a group; connections join components, not notes or groups'
    ]


def test_unknown_fields_are_refused_with_suggestion(video_recs):
    video_recs["nodes"][1]["lable"] = "App"
    video_recs["titel"] = "x"
    assert messages(video_recs) == [
        'titel: unknown field "titel" (did you mean "title"?)',
        'nodes[1].lable: unknown field "lable" (did you mean "label"?)',
    ]


def test_node_limit(video_recs):
    video_recs["nodes"] = [{"id": f"n{i}", "kind": "cache", "x": 0, "y": 0} for i in range(LIMITS["nodes"] + 1)]
    video_recs["edges"] = []
    assert messages(video_recs) == ["nodes: has 5001 nodes; the limit is 5000"]


def test_deep_nesting_is_a_clear_problem_not_a_crash():
    body = "[" * 1000 + "]" * 1000
    with pytest.raises(InvalidDocument) as exc:
        loads(body)
    assert [str(p) for p in exc.value.problems] == ["$: JSON is nested too deeply; the limit is 20 levels"]
    with pytest.raises(InvalidDocument) as exc:
        loads("[" * 21 + "]" * 21)
    assert [str(p) for p in exc.value.problems] == ["$: JSON is nested 21 levels deep; the limit is 20 levels"]


def test_size_limit():
    with pytest.raises(InvalidDocument) as exc:
        loads(json.dumps({"format": "mlsd-design/1", "title": "x" * (5 * 1024 * 1024)}))
    assert [str(p) for p in exc.value.problems] == ["$: document is 5242920 bytes; the limit is 5242880 bytes (5 MiB)"]


def test_node_props_fill_catalog_defaults(video_recs):
    ranker = video_recs["nodes"][2]
    assert node_props(ranker) == {"latency_ms": 60, "capacity_qps": 2000, "replicas": 40, "rollout": "none"}
    assert node_props(video_recs["nodes"][1]) == {
        "latency_ms": 20,
        "capacity_qps": 2000,
        "replicas": 2,
        "parallel": False,
    }


def test_lone_surrogates_are_a_problem_with_a_path(video_recs):
    video_recs["nodes"][2]["label"] = "Ranker \ud800"
    assert messages(video_recs) == [
        "nodes[2].label: contains a lone surrogate (\\ud800–\\udfff), which is not valid Unicode text"
    ]


def test_canonical_order_is_the_documented_one(video_recs):
    from designer.document import canonical_document

    shuffled = {k: video_recs[k] for k in reversed(list(video_recs))}
    shuffled["nodes"] = [{k: n[k] for k in sorted(n)} for n in video_recs["nodes"]]
    shuffled["nodes"][2]["props"] = {"replicas": 40, "capacity_qps": 2000, "latency_ms": 60}
    assert json.dumps(canonical_document(shuffled)) == json.dumps(video_recs)
