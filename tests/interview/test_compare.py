"""Comparison with the reference: a reference matches itself, and each mutation is named exactly, in its step."""

import copy
import json
import random
from io import StringIO

import pytest
from django.core.management import call_command

from designer.document import check_document
from designer.interview.bank import bank, problem_get
from designer.interview.compare import compare, compare_documents, label_score

VIDEO = problem_get("video-recommendation")


def video():
    return copy.deepcopy(VIDEO.reference)


def edge(document, source, target):
    return next(e for e in document["edges"] if e["source"] == source and e["target"] == target)


def differences(result):
    return [
        (
            i["kind"],
            i["step"],
            i["reference"]["nodes"],
            i["reference"]["edges"],
            i["candidate"]["nodes"],
            i["candidate"]["edges"],
        )
        for i in result["items"]
    ]


def coverage(result):
    return {s["id"]: s["coverage"] for s in result["steps"]}


@pytest.mark.parametrize("problem_id", [p.id for p in bank()])
def test_a_reference_compared_with_itself_is_a_full_match(problem_id):
    problem = problem_get(problem_id)
    result = compare(copy.deepcopy(problem.reference), problem)
    assert result["items"] == []
    assert result["coverage"] == 1.0
    assert all(s["coverage"] == 1.0 for s in result["steps"])
    components = [n["id"] for n in problem.reference["nodes"] if n["kind"] not in ("group", "note")]
    assert [(p["reference"], p["candidate"]) for p in result["pairs"]] == [(n, n) for n in components]
    json.dumps(result)


def test_matching_depends_on_neither_ids_nor_document_order():
    document = video()
    rename = {n["id"]: f"mine_{i}" for i, n in enumerate(document["nodes"])}
    for node in document["nodes"]:
        node["id"] = rename[node["id"]]
        if "parent" in node:
            node["parent"] = rename[node["parent"]]
    for e in document["edges"]:
        e["source"], e["target"], e["id"] = rename[e["source"]], rename[e["target"]], f"x{e['id']}"
    random.Random(7).shuffle(document["nodes"])
    random.Random(8).shuffle(document["edges"])
    result = compare(document, VIDEO)
    assert result["items"] == [] and result["coverage"] == 1.0
    assert all(rename[p["reference"]] == p["candidate"] for p in result["pairs"])
    assert len(result["pairs"]) == 27


def test_a_removed_drift_detector_is_missing_in_monitoring_with_what_it_watched():
    document = video()
    document["nodes"] = [n for n in document["nodes"] if n["id"] != "drift"]
    document["edges"] = [e for e in document["edges"] if "drift" not in (e["source"], e["target"])]
    result = compare(document, VIDEO)
    assert differences(result) == [("missing_component", "monitoring", ["drift"], [], [], [])]
    assert result["items"][0]["message"] == (
        "The reference has Drift detector (drift detector), watching User tower, ANN index, Ranker; fed by "
        "Offline store; reporting to On-call; your design has nothing in its place."
    )
    assert result["items"][0]["id"] == "missing_component:drift"
    assert coverage(result)["monitoring"] == 0.5833


def test_a_feature_store_read_by_a_data_edge_differs_in_kind_on_the_request_path():
    document = video()
    edge(document, "rec", "online_fs")["kind"] = "data"
    result = compare(document, VIDEO)
    assert differences(result) == [("connection_kind", "serving", [], ["e4"], [], ["e4"])]
    assert result["items"][0]["message"] == (
        "Rec service → Online store is a data edge; the reference's Rec service → Online store is a request edge."
    )


def test_a_reversed_deploy_edge_differs_in_direction():
    document = video()
    reversed_edge = edge(document, "registry", "ranker")
    reversed_edge["source"], reversed_edge["target"] = "ranker", "registry"
    result = compare(document, VIDEO)
    assert differences(result) == [
        ("connection_direction", "serving", [], [reversed_edge["id"]], [], [reversed_edge["id"]])
    ]
    assert result["items"][0]["message"] == (
        "Your deploy edge runs Ranker → Model registry; the reference's runs Model registry → Ranker."
    )


def test_a_stream_job_that_no_longer_feeds_training_is_a_store_not_shared_in_model_development():
    document = video()
    cut = edge(document, "stream", "offline_fs")["id"]
    document["edges"] = [e for e in document["edges"] if e["id"] != cut]
    result = compare(document, VIDEO)
    assert differences(result) == [("not_shared", "model", ["stream"], [cut], ["stream"], [])]
    assert result["items"][0]["message"] == (
        "The reference's Live features feeds both training (Trainer, Param servers) and serving (Online store), "
        "so features are computed once; your Live features feeds only serving."
    )


def test_facts_set_differently_are_named_in_clarify_and_frame():
    document = video()
    document["problem"]["latency_slo_ms"] = 500
    del document["problem"]["peak_qps"]
    document["problem"]["task"] = "classification"
    result = compare(document, VIDEO)
    assert [(i["id"], i["step"], i["message"]) for i in result["items"]] == [
        ("fact:peak_qps", "clarify", "problem.peak_qps is not set; the reference's peak QPS is 50,000 QPS."),
        ("fact:latency_slo_ms", "clarify", "Your latency SLO is 500 ms; the reference's is 200 ms."),
        ("fact:task", "frame", "Your ML task is classification; the reference's is ranking."),
    ]
    assert (coverage(result)["clarify"], coverage(result)["frame"]) == (0.6, 0.0)


def test_an_extra_component_is_reported_without_lowering_coverage():
    document = video()
    document["nodes"].append({"id": "users", "kind": "database", "label": "User DB", "x": 0, "y": 2000})
    document["edges"].append({"id": "x1", "source": "rec", "target": "users", "kind": "request"})
    result = compare(document, VIDEO)
    assert differences(result) == [("extra_component", "data", [], [], ["users"], [])]
    assert result["items"][0]["message"] == (
        "Your User DB (database), called by Rec service, has no counterpart in the reference."
    )
    assert result["coverage"] == 1.0


def test_a_relabelled_component_of_the_same_role_is_still_matched():
    document = video()
    ranker = next(n for n in document["nodes"] if n["id"] == "ranker")
    ranker.update(label="Scorer", kind="tf_serving")
    result = compare(document, VIDEO)
    assert result["items"] == []
    pair = next(p for p in result["pairs"] if p["reference"] == "ranker")
    assert (pair["candidate"], pair["why"]) == (
        "ranker",
        "matched by role model_server and a different label ('Scorer' for 'Ranker'), 4 of 4 neighbours agree",
    )


def test_a_removed_connection_between_matched_components_is_missing():
    document = video()
    document["edges"] = [e for e in document["edges"] if e["id"] != "e8"]
    result = compare(document, VIDEO)
    assert differences(result) == [("missing_connection", "serving", [], ["e8"], [], [])]
    assert result["items"][0]["message"] == (
        "The reference connects Rec service → Re-ranker (request); yours has no connection between Rec service "
        "and Re-ranker."
    )


def test_an_extra_connection_between_matched_components_is_reported():
    document = video()
    document["edges"].append({"id": "x2", "source": "client", "target": "online_fs", "kind": "request"})
    result = compare(document, VIDEO)
    assert differences(result) == [("extra_connection", "serving", [], [], [], ["x2"])]


def test_a_batch_job_where_the_reference_streams_is_a_related_but_different_role():
    document = video()
    next(n for n in document["nodes"] if n["id"] == "stream")["kind"] = "spark_batch_job"
    result = compare(document, VIDEO)
    assert differences(result) == [("different_role", "data", ["stream"], [], ["stream"], [])]
    assert result["items"][0]["message"] == (
        "Your Live features is a batch job where the reference's Live features is a stream processor."
    )


def test_a_fallback_wired_as_a_primary_call_differs_in_kind():
    document = video()
    del edge(document, "rec", "rec_cache")["props"]
    result = compare(document, VIDEO)
    assert differences(result) == [("connection_kind", "serving", [], ["e9"], [], ["e9"])]
    assert result["items"][0]["message"] == (
        "Rec service → Cached recs is a request edge; the reference's Rec service → Cached recs is a fallback "
        "request edge."
    )


def test_an_evaluation_gate_removed_is_missing_in_evaluation_and_the_direct_deploy_is_extra():
    document = video()
    document["nodes"] = [n for n in document["nodes"] if n["id"] != "eval"]
    document["edges"] = [e for e in document["edges"] if "eval" not in (e["source"], e["target"])]
    document["edges"].append({"id": "x3", "source": "dist", "target": "registry", "kind": "deploy"})
    result = compare(document, VIDEO)
    assert differences(result) == [
        ("missing_component", "evaluation", ["eval"], [], [], []),
        ("extra_connection", "serving", [], [], [], ["x3"]),
    ]


def test_a_small_candidate_is_matched_by_role_label_and_neighbourhood():
    document = {
        "format": "mlsd-design/1",
        "title": "Mine",
        "problem": {"task": "ranking"},
        "nodes": [
            {"id": "a", "kind": "client", "label": "Phone", "x": 0, "y": 0},
            {"id": "b", "kind": "app_service", "label": "Recommender", "x": 200, "y": 0},
            {"id": "c", "kind": "model_server", "label": "Ranking model", "x": 400, "y": 0},
            {"id": "d", "kind": "feature_store", "label": "Feature store", "x": 400, "y": 200},
            {"id": "e", "kind": "training_pipeline", "label": "Training", "x": 600, "y": 200},
        ],
        "edges": [
            {"id": "1", "source": "a", "target": "b", "kind": "request"},
            {"id": "2", "source": "b", "target": "c", "kind": "request"},
            {"id": "3", "source": "b", "target": "d", "kind": "request"},
            {"id": "4", "source": "d", "target": "e", "kind": "data"},
        ],
    }
    result = compare(document, VIDEO)
    assert [(p["reference"], p["candidate"], p["why"]) for p in result["pairs"]] == [
        ("client", "a", "matched by role client and a different label ('Phone' for 'Apps'), 0 of 2 neighbours agree"),
        (
            "rec",
            "b",
            "matched by role app_service and a different label ('Recommender' for 'Rec service'), 1 of 9 "
            "neighbours agree",
        ),
        (
            "ranker",
            "c",
            "matched by role model_server and a similar label ('Ranking model' for 'Ranker'), 1 of 4 neighbours agree",
        ),
        (
            "online_fs",
            "d",
            "matched by related roles (feature store: yours feature_store, the reference's online_feature_store) "
            "and a similar label ('Feature store' for 'Online store'), 1 of 3 neighbours agree",
        ),
        (
            "training",
            "e",
            "matched by role training_pipeline and a similar label ('Training' for 'Trainer'), 0 of 2 neighbours agree",
        ),
    ]
    missing = {i["reference"]["nodes"][0] for i in result["items"] if i["kind"] == "missing_component"}
    assert {"drift", "monitoring", "ann", "eval", "registry"} <= missing
    assert coverage(result)["monitoring"] == 0.0


def test_label_score_is_the_share_of_the_shorter_labels_words():
    assert label_score("Ranker", "Ranker (expected watch time)") == 1.0
    assert label_score("Training", "Trainer") == 1.0
    assert label_score("Feature store", "Online store") == 0.5
    assert label_score("Scorer", "Ranker") == 0.0


def test_the_task_is_compared_even_when_no_fact_sets_it():
    result = compare_documents({"format": "mlsd-design/1", "problem": {}}, VIDEO.reference)
    assert [i["id"] for i in result["items"] if i["kind"] == "fact"] == ["fact:task"]


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("compare_design", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exited:
        code = exited.code
    return code, out.getvalue(), err.getvalue()


def test_command_prints_steps_differences_and_pairs(tmp_path):
    document = video()
    document["problem"]["latency_slo_ms"] = 500
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code, out, _ = run(str(path), "--problem", "video-recommendation")
    lines = out.splitlines()
    assert code == 0
    assert lines[:4] == [
        "Compared with the reference of Video recommendation (video-recommendation): coverage 0.97",
        "1. Clarify requirements             0.80  (4 of 5)",
        "   - fact: Your latency SLO is 500 ms; the reference's is 200 ms.",
        "2. Frame as an ML task              1.00  (1 of 1)",
    ]
    assert "Matched components (27):" in lines
    assert "   Ranker ← Ranker: matched by role model_server and label 'Ranker', 4 of 4 neighbours agree" in lines


def test_command_prints_json(tmp_path):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(video()), encoding="utf-8")
    code, out, _ = run(str(path), "--problem", "video-recommendation", "--format", "json")
    body = json.loads(out)
    assert code == 0
    assert (body["problem"], body["coverage"], body["items"]) == (
        {"id": "video-recommendation", "title": "Video recommendation"},
        1.0,
        [],
    )


def test_command_exits_2_for_an_invalid_file_an_unreadable_one_and_an_unknown_problem(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"format": "mlsd-design/1", "nodes": [{"id": "a", "kind": "kafak", "x": 0, "y": 0}]}))
    code, _, err = run(str(path), "--problem", "video-recommendation")
    assert (code, err.splitlines()) == (
        2,
        [
            f"{path}: not a valid mlsd-design/1 document (1 problem(s)):",
            '  nodes[0].kind: unknown kind "kafak" (did you mean "kafka"?)',
        ],
    )
    code, _, err = run(str(tmp_path / "nowhere.json"), "--problem", "video-recommendation")
    assert (code, err.strip()) == (2, f"{tmp_path / 'nowhere.json'}: cannot read: No such file or directory")
    code, _, err = run(str(path), "--problem", "chatbot")
    assert code == 2 and err.startswith('no problem "chatbot"; known: visual-search, street-view-blurring, ')


# The generation and on-device problems: their own kinds land in the right steps.

RAG = problem_get("rag-support-assistant")
CAR = problem_get("self-driving-detection")


def cut(document, *node_ids):
    document["nodes"] = [n for n in document["nodes"] if n["id"] not in node_ids]
    document["edges"] = [e for e in document["edges"] if e["source"] not in node_ids and e["target"] not in node_ids]
    return document


def test_a_missing_output_guard_is_missing_in_serving():
    result = compare(cut(copy.deepcopy(RAG.reference), "guard_out"), RAG)
    assert differences(result) == [("missing_component", "serving", ["guard_out"], [], [], [])]
    assert result["items"][0]["message"] == (
        "The reference has Output guard (guardrail), called by Answer service; your design has nothing in its place."
    )
    assert coverage(result)["serving"] == 0.9231


def test_a_missing_llm_judge_is_missing_in_evaluation():
    result = compare(cut(copy.deepcopy(RAG.reference), "judge"), RAG)
    assert differences(result) == [("missing_component", "evaluation", ["judge"], [], [], [])]
    assert result["items"][0]["message"] == (
        "The reference has Answer judge (llm judge), receiving telemetry from Answer service; reporting to "
        "Metrics; your design has nothing in its place."
    )


def test_answer_length_set_differently_is_a_fact_in_clarify():
    document = copy.deepcopy(RAG.reference)
    document["problem"]["tokens_per_request"] = 800
    result = compare(document, RAG)
    assert [(i["id"], i["step"], i["message"]) for i in result["items"]] == [
        ("fact:tokens_per_request", "clarify", "Your tokens per request is 800 tokens; the reference's is 400 tokens.")
    ]
    assert coverage(result)["clarify"] == 0.8333


def test_account_context_read_by_a_data_edge_differs_in_kind():
    document = copy.deepcopy(RAG.reference)
    edge(document, "assistant", "context")["kind"] = "data"
    result = compare(document, RAG)
    assert differences(result) == [("connection_kind", "serving", [], ["e8"], [], ["e8"])]


def test_a_context_stream_that_no_longer_feeds_training_is_not_shared():
    document = copy.deepcopy(RAG.reference)
    gone = edge(document, "context_job", "offline")["id"]
    document["edges"] = [e for e in document["edges"] if e["id"] != gone]
    result = compare(document, RAG)
    assert differences(result) == [("not_shared", "model", ["context_job"], [gone], ["context_job"], [])]
    assert result["items"][0]["message"] == (
        "The reference's Context stream feeds both training (Rerank trainer) and serving (Account facts), so "
        "features are computed once; your Context stream feeds only serving."
    )


def test_uploads_stored_without_blurring_miss_the_privacy_filter_in_data():
    document = cut(copy.deepcopy(CAR.reference), "blur")
    document["edges"].append({"id": "x1", "source": "upload", "target": "lake", "kind": "data"})
    result = compare(document, CAR)
    assert differences(result) == [
        ("missing_component", "data", ["blur"], [], [], []),
        ("extra_connection", "data", [], [], [], ["x1"]),
    ]
    assert result["items"][0]["message"] == (
        "The reference has Blur faces (privacy filter), fed by Drive uploads; feeding Drive lake; your design has "
        "nothing in its place."
    )


def test_map_priors_built_for_the_car_only_are_not_shared_with_training():
    document = copy.deepcopy(CAR.reference)
    gone = edge(document, "map_build", "frames")["id"]
    document["edges"] = [e for e in document["edges"] if e["id"] != gone]
    result = compare(document, CAR)
    assert differences(result) == [("not_shared", "model", ["map_build"], [gone], ["map_build"], [])]


def test_a_release_without_the_replay_gate_is_missing_in_evaluation():
    document = cut(copy.deepcopy(CAR.reference), "sim")
    document["edges"].append({"id": "x2", "source": "trainer", "target": "registry", "kind": "deploy"})
    result = compare(document, CAR)
    assert differences(result) == [
        ("missing_component", "evaluation", ["sim"], [], [], []),
        ("extra_connection", "serving", [], [], [], ["x2"]),
    ]
    assert coverage(result)["evaluation"] == 0.4


def test_a_reversed_ota_release_differs_in_direction():
    document = copy.deepcopy(CAR.reference)
    release = edge(document, "ota", "detector")
    release["source"], release["target"] = "detector", "ota"
    result = compare(document, CAR)
    assert differences(result) == [("connection_direction", "serving", [], [release["id"]], [], [release["id"]])]
    assert result["items"][0]["message"] == (
        "Your deploy edge runs Detector → OTA canary; the reference's runs OTA canary → Detector."
    )


def test_a_detector_served_in_the_data_centre_is_a_related_but_different_role():
    document = copy.deepcopy(CAR.reference)
    next(n for n in document["nodes"] if n["id"] == "detector")["kind"] = "model_server"
    result = compare(document, CAR)
    assert differences(result) == [("different_role", "serving", ["detector"], [], ["detector"], [])]
    assert result["items"][0]["message"] == (
        "Your Detector is a model server where the reference's Detector is an edge device."
    )


def test_a_frame_budget_set_differently_is_a_fact_in_clarify():
    document = copy.deepcopy(CAR.reference)
    document["problem"]["latency_slo_ms"] = 200
    result = compare(document, CAR)
    assert [(i["id"], i["step"], i["message"]) for i in result["items"]] == [
        ("fact:latency_slo_ms", "clarify", "Your latency SLO is 200 ms; the reference's is 80 ms.")
    ]


def test_a_custom_component_is_matched_by_the_role_it_plays():
    document = copy.deepcopy(VIDEO.reference)
    drift = next(n for n in document["nodes"] if n["id"] == "drift")
    drift.update(kind="custom", role="drift_detector", label="Drift detector")
    drift.pop("props", None)
    assert check_document(document) == []
    result = compare(document, VIDEO)
    assert result["items"] == []
    pair = next(p for p in result["pairs"] if p["reference"] == "drift")
    assert (pair["candidate"], pair["candidate_role"], pair["step"]) == ("drift", "drift_detector", "monitoring")
