"""The catalog's consistency checks: each role declares the standard props that apply to it."""

import copy
import json

import pytest
from django.core.management import call_command

from component_catalog.catalog import CATALOG_PATH, CatalogError, get_catalog, load, problems


def raw() -> dict:
    return json.loads(CATALOG_PATH.read_text(encoding="utf-8"))


def kind(data: dict, kind_id: str) -> tuple[int, dict]:
    return next((i, k) for i, k in enumerate(data["kinds"]) if k["id"] == kind_id)


def test_the_built_in_catalog_is_consistent():
    assert problems(raw()) == []
    call_command("check")  # the system check runs the same checks at start-up


def test_kafka_and_a_model_server_declare_what_applies_to_them():
    catalog = get_catalog()
    assert catalog.role_specs["event_stream"]["props"] == [
        "staleness_s",
        "capacity_qps",
        "replicas",
        "pii",
        "provides_labels",
        "validates_schema",
    ]
    assert catalog.role_specs["model_server"]["props"] == [
        "latency_ms",
        "capacity_qps",
        "replicas",
        "rollout",
        "parallel",
        "gpu",
    ]


def test_every_role_of_a_kind_must_be_declared():
    data = raw()
    del data["roles"]["event_stream"]
    i, _ = kind(data, "kafka")
    assert f"kinds[{i}] (kafka): role 'event_stream' is not declared in roles" in problems(data)


def test_a_role_must_list_its_props():
    data = raw()
    data["roles"]["event_stream"] = {}
    assert problems(data)[0] == "roles.event_stream: must declare props, the list of standard props that apply to it"


def test_a_role_cannot_declare_an_unknown_or_a_drawing_aid_prop():
    data = raw()
    data["roles"]["event_stream"]["props"] += ["partitions", "locked"]
    assert problems(data) == [
        "roles.event_stream.props: unknown prop 'partitions'",
        "roles.event_stream.props: 'locked' is a drawing aid every component has, not a role's prop",
    ]


def test_a_default_must_be_a_prop_its_role_shows():
    data = raw()
    data["roles"]["model_server"]["props"].remove("latency_ms")
    found = problems(data)
    i, _ = kind(data, "triton")
    assert f"kinds[{i}] (triton): default for 'latency_ms', which roles.model_server.props does not list" in found
    assert all("roles.model_server.props does not list" in p for p in found)


def test_loading_an_inconsistent_catalog_names_every_problem():
    data = raw()
    data["roles"]["event_stream"]["props"].append("partitions")
    with pytest.raises(CatalogError) as error:
        load(data)
    assert str(error.value) == (
        "the component catalog is inconsistent:\nroles.event_stream.props: unknown prop 'partitions'"
    )
    assert load(copy.deepcopy(raw())).role_specs == get_catalog().role_specs
