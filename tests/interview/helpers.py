"""Helpers for interview tests: template documents, weakened copies, JSON requests."""

import json

from designer.interview.cases import case_get


def template(case_id: str) -> dict:
    return case_get(case_id).document


def without(document: dict, *node_ids: str) -> dict:
    """The document with these nodes and every edge touching them removed."""
    gone = set(node_ids)
    assert gone <= {n["id"] for n in document["nodes"]}, "a test removes a node that is not there"
    document["nodes"] = [n for n in document["nodes"] if n["id"] not in gone]
    document["edges"] = [e for e in document["edges"] if e["source"] not in gone and e["target"] not in gone]
    return document


def post_json(client, url, body=None, **extra):
    return client.post(url, data=json.dumps(body if body is not None else {}), content_type="application/json", **extra)


def patch_json(client, url, body):
    return client.patch(url, data=json.dumps(body), content_type="application/json")
