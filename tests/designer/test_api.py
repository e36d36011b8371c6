"""The designs API: CRUD for the owner, optimistic concurrency, ops, refusals that lose nothing."""

import copy
import json

import pytest

from designer.models import Design, Operation

pytestmark = pytest.mark.django_db


def post_json(client, url, body, **extra):
    return client.post(url, data=json.dumps(body), content_type="application/json", **extra)


def put_json(client, url, body):
    return client.put(url, data=json.dumps(body), content_type="application/json")


def test_document_round_trips_unchanged(api, video_recs):
    created = post_json(api, "/api/designs/", {"document": video_recs})
    assert created.status_code == 201
    body = created.json()
    assert body["version"] == 1 and body["title"] == "Video recommendations"
    fetched = api.get(f"/api/designs/{body['id']}/")
    assert fetched.json()["document"] == video_recs
    assert fetched["ETag"] == '"1"'


def test_invalid_document_lists_every_problem(api, video_recs):
    video_recs["nodes"][1]["kind"] = "kafak"
    video_recs["edges"][0]["target"] = "rnaker"
    response = post_json(api, "/api/designs/", {"document": video_recs})
    assert response.status_code == 400
    assert response.json()["problems"] == [
        {"path": "nodes[1].kind", "message": 'unknown kind "kafak" (did you mean "kafka"?)'},
        {"path": "edges[0].target", "message": 'no node "rnaker" (did you mean "ranker"?)'},
    ]
    assert Design.objects.count() == 0


def test_deeply_nested_body_is_400_not_500(api):
    response = api.post("/api/validate/", data="[" * 1000 + "]" * 1000, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["problems"] == [
        {"path": "$", "message": "JSON is nested too deeply; the limit is 20 levels"}
    ]


def test_malformed_json_is_400(api):
    response = api.post("/api/designs/", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["problems"][0]["path"] == "$"


def test_stale_write_gets_409_and_keeps_the_saved_document(api, video_recs):
    design_id = post_json(api, "/api/designs/", {"document": video_recs}).json()["id"]
    first = copy.deepcopy(video_recs)
    first["title"] = "First writer"
    assert put_json(api, f"/api/designs/{design_id}/", {"document": first, "version": 1}).json()["version"] == 2
    second = copy.deepcopy(video_recs)
    second["title"] = "Second writer"
    stale = put_json(api, f"/api/designs/{design_id}/", {"document": second, "version": 1})
    assert stale.status_code == 409
    assert stale.json()["version"] == 2 and stale.json()["document"]["title"] == "First writer"
    assert Design.objects.get(pk=design_id).document["title"] == "First writer"


def test_refused_write_loses_nothing(api, video_recs):
    design_id = post_json(api, "/api/designs/", {"document": video_recs}).json()["id"]
    broken = copy.deepcopy(video_recs)
    broken["nodes"][2]["props"]["replicas"] = -1
    response = put_json(api, f"/api/designs/{design_id}/", {"document": broken, "version": 1})
    assert response.status_code == 400
    assert response.json()["problems"] == [{"path": "nodes[2].props.replicas", "message": "must be at least 1, not -1"}]
    design = Design.objects.get(pk=design_id)
    assert design.version == 1 and design.document == video_recs


def test_other_users_designs_are_invisible(client, other_user, api, video_recs):
    design_id = post_json(api, "/api/designs/", {"document": video_recs}).json()["id"]
    client.force_login(other_user)
    assert client.get(f"/api/designs/{design_id}/").status_code == 404
    assert put_json(client, f"/api/designs/{design_id}/", {"document": video_recs}).status_code == 404
    assert client.get("/api/designs/").json() == []


def test_anonymous_is_refused(client):
    assert client.get("/api/designs/").status_code == 403


def test_ops_apply_once_per_client_op_id(api, video_recs):
    design_id = post_json(api, "/api/designs/", {"document": video_recs}).json()["id"]
    batch = {"client_op_id": "c1-1", "ops": [{"op": "node.update", "id": "ranker", "props": {"latency_ms": 80}}]}
    assert post_json(api, f"/api/designs/{design_id}/ops/", batch).json() == {
        "version": 2,
        "applied": [True],
        "duplicate": False,
    }
    assert post_json(api, f"/api/designs/{design_id}/ops/", batch).json() == {
        "version": 2,
        "applied": [],
        "duplicate": True,
    }
    design = Design.objects.get(pk=design_id)
    assert design.version == 2 and design.document["nodes"][2]["props"]["latency_ms"] == 80
    history = api.get(f"/api/designs/{design_id}/ops/?since=1").json()
    assert history == {
        "version": 2,
        "batches": [{"version": 2, "ops": batch["ops"], "client_op_id": "c1-1", "author": "ada"}],
    }
    assert list(Operation.objects.filter(design_id=design_id).values_list("version", flat=True)) == [1, 2]


def test_removing_a_node_removes_its_edges(api, video_recs):
    design_id = post_json(api, "/api/designs/", {"document": video_recs}).json()["id"]
    post_json(api, f"/api/designs/{design_id}/ops/", {"ops": [{"op": "node.remove", "id": "ranker"}]})
    document = Design.objects.get(pk=design_id).document
    assert [n["id"] for n in document["nodes"]] == ["online", "app"] and document["edges"] == []


def test_ops_that_break_the_format_are_refused(api, video_recs):
    design_id = post_json(api, "/api/designs/", {"document": video_recs}).json()["id"]
    response = post_json(
        api,
        f"/api/designs/{design_id}/ops/",
        {"ops": [{"op": "edge.add", "edge": {"id": "e2", "source": "app", "target": "nowhere", "kind": "request"}}]},
    )
    assert response.status_code == 400
    assert response.json()["problems"] == [{"path": "edges[1].target", "message": 'no node "nowhere"'}]
    assert Design.objects.get(pk=design_id).version == 1


def test_catalog_lists_required_kinds_with_roles(client):
    kinds = {k["id"]: k["role"] for k in client.get("/api/catalog/").json()["kinds"]}
    required = {
        "client": "client",
        "api_gateway": "api_gateway",
        "app_service": "app_service",
        "ab_testing": "ab_testing",
        "cache": "cache",
        "fallback": "fallback",
        "reranker": "reranker",
        "model_server": "model_server",
        "ann_index": "candidate_retrieval",
        "feature_store": "feature_store",
        "online_feature_store": "online_feature_store",
        "offline_feature_store": "offline_feature_store",
        "database": "database",
        "data_warehouse": "data_warehouse",
        "data_lake": "data_lake",
        "event_logs": "data_source",
        "kafka": "event_stream",
        "stream_processor": "stream_processor",
        "spark_batch_job": "batch_job",
        "orchestrator": "orchestrator",
        "data_validation": "data_validation",
        "privacy_filter": "privacy_filter",
        "labeling": "labeling_service",
        "training_pipeline": "training_pipeline",
        "parameter_server": "distributed_training",
        "model_evaluation": "model_evaluation",
        "model_registry": "model_registry",
        "embedding_indexer": "embedding_indexer",
        "monitoring": "monitoring",
        "drift_detector": "drift_detector",
        "alerting": "alerting",
        "note": "note",
        "group": "group",
        "triton": "model_server",
        "tf_serving": "model_server",
        "flink": "stream_processor",
        "airflow": "orchestrator",
        "redis": "cache",
        "faiss": "candidate_retrieval",
        "kinesis": "event_stream",
    }
    assert {k: kinds[k] for k in required} == required


def test_schema_is_served_at_a_stable_url(client):
    response = client.get("/schemas/mlsd-design-1.json")
    assert response.status_code == 200
    assert response.json()["properties"]["format"]["const"] == "mlsd-design/1"


def test_openapi_schema_and_docs(client):
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200


def test_the_schema_types_every_answer_and_documents_every_error(client):
    """Issue 15: 39 of 48 operations were documented as returning `dict`; 14.8: 403/404/410 were not documented."""
    schema = client.get("/api/schema/?format=json").json()
    operations = {(method, path): op for path, ops in schema["paths"].items() for method, op in ops.items()}
    untyped = [
        (method, path)
        for (method, path), op in operations.items()
        for code, answer in op["responses"].items()
        for body in answer.get("content", {}).values()
        if body["schema"].get("type") == "object" and not {"properties", "$ref"} & set(body["schema"])
    ]
    # The catalog (component_catalog) and the design format's own JSON Schema are the two left free-form.
    assert sorted(untyped) == [("get", "/api/catalog/"), ("get", "/schemas/mlsd-design-1.json")]
    assert sorted(operations["post", "/api/s/{token}/ops/"]["responses"]) == [
        "200", "400", "403", "404", "410", "413", "415",
    ]  # fmt: skip
    assert sorted(operations["put", "/api/designs/{design_id}/"]["responses"]) == [
        "200", "400", "403", "404", "409", "413", "415",
    ]  # fmt: skip
    assert sorted(operations["post", "/api/validate/"]["responses"]) == ["200", "400", "403", "413", "415", "429"]
    error = schema["components"]["schemas"]["Error"]
    assert error["properties"]["detail"]["type"] == "string"
