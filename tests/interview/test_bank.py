"""The problem bank's format: one schema, checked with path-qualified messages, and a start-up check that reports a broken file."""

import copy
import json
import shutil

import pytest
from django.core.checks import run_checks

from designer.interview import bank
from designer.interview.bank import BANK_DIR, REFERENCE_DIR, load_bank, problem_get, problem_schema
from designer.interview.framework import STEP_IDS

SAMPLE = "video_recommendation.json"


@pytest.fixture
def sample():
    return json.loads((BANK_DIR / SAMPLE).read_text(encoding="utf-8"))


@pytest.fixture
def dirs(tmp_path):
    problems, references = tmp_path / "problems", tmp_path / "case_studies"
    problems.mkdir()
    references.mkdir()
    shutil.copy(REFERENCE_DIR / SAMPLE, references / SAMPLE)
    return problems, references


def messages_for(dirs, problem, name=SAMPLE):
    problems, references = dirs
    (problems / name).write_text(json.dumps(problem), encoding="utf-8")
    return load_bank(problems, references)[1]


def test_the_shipped_bank_loads_without_a_message():
    problems, messages = load_bank()
    assert messages == []
    assert [(p.id, p.spec.source.chapter if p.spec.source else None) for p in problems] == [
        ("visual-search", 2),
        ("street-view-blurring", 3),
        ("video-search", 4),
        ("harmful-content", 5),
        ("video-recommendation", 6),
        ("event-recommendation", 7),
        ("ad-click-prediction", 8),
        ("similar-listings", 9),
        ("news-feed", 10),
        ("people-you-may-know", 11),
        ("payment-fraud", None),
        ("rag-support-assistant", None),
        ("search-autocomplete", None),
        ("self-driving-detection", None),
    ]


def test_a_problem_is_found_by_id_with_its_reference_and_facts():
    problem = problem_get("payment-fraud")
    assert (problem.title, problem.task, problem.reference["title"]) == (
        "Payment fraud detection",
        "classification",
        "Real-time payment fraud detection",
    )
    assert problem.fact_for("latency_slo_ms").answer == "100 ms p99: the card network times out soon after."
    assert problem.fact_for("corpus_size") is None
    assert problem_get("chatbot") is None


def test_every_problem_has_two_hint_levels_for_each_of_the_seven_steps():
    for problem in bank.bank():
        hints = problem.spec.hints
        assert [bool(getattr(hints, step).nudge and getattr(hints, step).pointer) for step in STEP_IDS] == [True] * 7


def test_a_valid_copy_loads(dirs, sample):
    assert messages_for(dirs, sample) == []


def test_a_missing_step_hint_is_named_by_its_path(dirs, sample):
    del sample["hints"]["monitoring"]
    assert messages_for(dirs, sample) == [f"{SAMPLE}: hints.monitoring: Field required"]


def test_an_unknown_field_and_a_wrong_type_are_both_reported(dirs, sample):
    sample["promt"] = sample.pop("prompt")
    sample["facts"][1]["value"] = "a billion"
    assert messages_for(dirs, sample) == [
        f"{SAMPLE}: prompt: Field required",
        f"{SAMPLE}: facts[1]: corpus_size needs a positive number as its value",
        f"{SAMPLE}: promt: Extra inputs are not permitted",
    ]


def test_a_fact_value_that_disagrees_with_the_reference_is_refused(dirs, sample):
    sample["facts"][3]["value"] = 300
    assert messages_for(dirs, sample) == [
        f"{SAMPLE}: facts[3].value: 300 but {SAMPLE} sets problem.latency_slo_ms to 200"
    ]


def test_a_reference_number_no_fact_reveals_is_refused(dirs, sample):
    sample["facts"] = [f for f in sample["facts"] if f.get("field") != "peak_qps"]
    assert messages_for(dirs, sample) == [f"{SAMPLE}: {SAMPLE}: problem.peak_qps is set but no fact reveals it"]


def test_a_value_without_a_field_is_refused(dirs, sample):
    sample["facts"][0]["value"] = 3
    assert messages_for(dirs, sample) == [
        f"{SAMPLE}: facts[0]: a fact with a value must name the problem field it sets"
    ]


def test_duplicate_fact_ids_and_two_facts_for_one_field_are_refused(dirs, sample):
    sample["facts"][2]["id"] = "corpus"
    assert messages_for(dirs, sample) == [f'{SAMPLE}: facts: facts[2] has the id "corpus" of facts[1]']
    sample["facts"][2]["id"] = "qps"
    sample["facts"][2]["field"] = "corpus_size"
    assert messages_for(dirs, sample) == [f"{SAMPLE}: facts: facts[2] sets corpus_size, as facts[1] does"]


def test_an_invalid_reference_document_is_reported_with_its_paths(dirs, sample):
    references = dirs[1]
    reference = json.loads((references / SAMPLE).read_text(encoding="utf-8"))
    reference["nodes"][5]["kind"] = "kafak"
    (references / SAMPLE).write_text(json.dumps(reference), encoding="utf-8")
    assert messages_for(dirs, sample) == [
        f'{SAMPLE}: reference {SAMPLE}: nodes[5].kind: unknown kind "kafak" (did you mean "kafka"?)'
    ]


def test_a_missing_reference_file_and_a_mismatched_id_are_reported(dirs, sample):
    other = copy.deepcopy(sample)
    sample["reference"] = "nowhere.json"
    assert messages_for(dirs, sample)[0].startswith(f"{SAMPLE}: reference nowhere.json cannot be read: ")
    assert messages_for(dirs, other, name="renamed.json") == [
        'renamed.json: id "video-recommendation" does not match the file name (video_recommendation.json)',
        f"{SAMPLE}: reference nowhere.json cannot be read: "
        f"[Errno 2] No such file or directory: '{dirs[1] / 'nowhere.json'}'",
    ]


def test_a_file_that_is_not_json_is_reported(dirs):
    problems, references = dirs
    (problems / "broken.json").write_text("{", encoding="utf-8")
    [message] = load_bank(problems, references)[1]
    assert message.startswith("broken.json: cannot be read: Expecting property name")


def test_the_start_up_check_reports_a_broken_bank(dirs, sample, monkeypatch):
    problems, references = dirs
    del sample["writeup"]
    (problems / SAMPLE).write_text(json.dumps(sample), encoding="utf-8")
    monkeypatch.setattr(bank, "BANK_DIR", problems)
    monkeypatch.setattr(bank, "REFERENCE_DIR", references)
    errors = [(e.id, e.msg) for e in run_checks() if e.id.startswith("interview.")]
    assert errors == [("interview.E001", f"problem bank: {SAMPLE}: writeup: Field required")]


def test_the_start_up_check_passes_on_the_shipped_bank():
    assert [e for e in run_checks() if e.id.startswith("interview.")] == []


def test_the_schema_is_published_as_json_schema():
    schema = problem_schema()
    assert schema["title"] == "ProblemFile"
    assert set(schema["required"]) == {
        "format",
        "id",
        "title",
        "summary",
        "prompt",
        "facts",
        "hints",
        "reference",
        "writeup",
    }
    assert set(schema["$defs"]["Hints"]["required"]) == set(STEP_IDS)
