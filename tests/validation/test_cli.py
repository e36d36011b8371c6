"""validate_design FILE: the reviewer from the command line, with exit codes for CI."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from tests.validation.builder import drop_edges, recs


def run(path, *args):
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("validate_design", str(path), *args, stdout=out, stderr=err)
    return exited.value.code, out.getvalue(), err.getvalue()


def write(tmp_path, doc) -> str:
    path = tmp_path / "design.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_clean_design_exits_0(tmp_path):
    code, out, _ = run(write(tmp_path, recs()))
    assert (code, out.strip()) == (0, "No findings.")


def test_missing_monitoring_names_the_model_server_and_exits_1(tmp_path):
    doc = drop_edges(recs(), ("ranker", "monitoring"), ("ranker", "drift"))
    code, out, _ = run(write(tmp_path, doc))
    assert code == 1
    assert out.splitlines() == [
        "ERROR   missing-monitoring: Ranker (model server) sends no telemetry or data that reaches a "
        "monitoring or drift-detection component [ranker]",
        "        fix: Add a telemetry edge from Ranker to a monitoring component carrying its latency, "
        "errors and prediction distribution.",
        "1 error(s), 0 warning(s), 0 info",
    ]


def test_warnings_only_exit_0_and_json_format_lists_them(tmp_path):
    doc = drop_edges(recs(), ("ranker", "drift"), ("retrieval", "drift"), ("features", "drift"), ("app", "kafka"))
    doc["settings"]["disabled_rules"] = ["training-serving-skew"]
    code, out, _ = run(write(tmp_path, doc), "--format", "json")
    assert code == 0
    assert [(f["rule"], f["severity"], f["nodes"]) for f in json.loads(out)["findings"]] == [
        ("no-drift-detection", "warning", ["ranker"]),
        ("no-drift-detection", "warning", ["retrieval"]),
        ("no-serving-feature-logging", "warning", ["ranker"]),
        ("no-serving-feature-logging", "warning", ["retrieval"]),
    ]


def test_invalid_file_exits_2_with_paths(tmp_path):
    doc = recs()
    doc["edges"][0]["kind"] = "reqest"
    code, _, err = run(write(tmp_path, doc))
    assert code == 2
    assert (
        'edges[0].kind: must be one of request, data, telemetry, deploy, control, not "reqest" (did you mean "request"?)'
        in err
    )
