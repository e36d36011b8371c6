"""Practice API: the bank without its answers, a blank design per attempt, facts and hints recorded,
the end's rubric, comparison and time per step, and the stateless comparison."""

import copy
from datetime import UTC, datetime, timedelta

import pytest

from designer.interview import services
from designer.interview.bank import bank, problem_get
from designer.interview.models import PracticeAttempt
from designer.models import Design

from .helpers import post_json

pytestmark = pytest.mark.django_db

FRAUD = problem_get("payment-fraud")
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def start(api, problem="payment-fraud", **extra):
    response = post_json(api, "/api/practice/", {"problem": problem, **extra})
    assert response.status_code == 201, response.content
    return response.json()["practice"]


def test_the_bank_lists_every_problem_without_answers_hints_or_reference(client):
    body = client.get("/api/problems/").json()
    assert [p["id"] for p in body] == [p.id for p in bank()]
    fraud = next(p for p in body if p["id"] == "payment-fraud")
    assert fraud == {
        "id": "payment-fraud",
        "title": "Payment fraud detection",
        "summary": FRAUD.spec.summary,
        "task": "classification",
        "source": None,
        "questions": 7,
    }
    assert body[0]["source"] == {
        "title": "Aminian & Xu, Machine Learning System Design Interview (2023)",
        "chapter": 2,
    }


def test_a_card_has_the_prompt_and_questions_but_no_answer(client):
    body = client.get("/api/problems/payment-fraud/").json()
    assert body["prompt"] == FRAUD.spec.prompt
    assert body["questions"][:2] == [
        {"id": "goal", "topic": "objective", "question": "What matters more: fraud losses or false declines?"},
        {"id": "qps", "topic": "scale", "question": "How many payments per second at peak?"},
    ]
    text = str(body)
    assert "10,000 authorisations" not in text and "nudge" not in text and "nodes" not in text
    assert client.get("/api/problems/chatbot/").status_code == 404


def test_starting_a_practice_creates_a_blank_design_linked_to_it(api, user):
    practice = start(api)
    design = Design.objects.get(pk=practice["design"])
    assert (design.owner, design.title, design.document["nodes"], design.document["problem"]) == (
        user,
        "Practice: Payment fraud detection",
        [],
        {},
    )
    assert PracticeAttempt.objects.get(design=design).problem_id == "payment-fraud"
    assert practice["problem"]["id"] == "payment-fraud"
    assert (practice["editor_url"], practice["report_url"]) == (
        f"/designs/{design.pk}/",
        f"/designs/{design.pk}/practice/report/",
    )
    assert (practice["current_step"], practice["asked"], practice["hints"], practice["result"]) == (0, [], [], None)
    assert [s["box_s"] for s in practice["steps"]] == [300, 300, 420, 480, 360, 480, 360]
    assert api.get(f"/api/designs/{design.pk}/practice/").json()["practice"]["design"] == design.pk


def test_an_unknown_problem_is_refused_with_the_known_ones(api):
    response = post_json(api, "/api/practice/", {"problem": "chatbot"})
    assert response.status_code == 400
    assert response.json()["problem"] == [f'no problem "chatbot"; known: {", ".join(p.id for p in bank())}']
    assert Design.objects.count() == 0


def test_asking_reveals_the_fact_once_and_records_it(api):
    practice = start(api)
    url = f"/api/designs/{practice['design']}/practice/ask/"
    body = post_json(api, url, {"fact": "slo"}).json()
    assert {k: v for k, v in body["fact"].items() if k != "at"} == {
        "id": "slo",
        "topic": "latency",
        "question": "How long can the decision take?",
        "answer": "100 ms p99: the card network times out soon after.",
        "field": "latency_slo_ms",
        "value": 100,
    }
    post_json(api, url, {"fact": "slo"})
    post_json(api, url, {"fact": "qps"})
    asked = api.get(f"/api/designs/{practice['design']}/practice/").json()["practice"]["asked"]
    assert [a["id"] for a in asked] == ["slo", "qps"]
    bad = post_json(api, url, {"fact": "budget"})
    assert bad.status_code == 400
    assert bad.json()["fact"] == [
        'no fact "budget" in this problem; known: goal, qps, slo, feature-freshness, model-freshness, labels, privacy'
    ]


def test_hints_come_as_a_nudge_then_a_pointer_and_are_recorded(api):
    practice = start(api)
    url = f"/api/designs/{practice['design']}/practice/hint/"
    levels = [post_json(api, url, {"step": "serving"}).json()["hint"] for _ in range(3)]
    assert [(h["level"], h["text"]) for h in levels] == [
        (1, "What answers if the model is slow?"),
        (2, FRAUD.spec.hints.serving.pointer),
        (2, FRAUD.spec.hints.serving.pointer),
    ]
    hints = api.get(f"/api/designs/{practice['design']}/practice/").json()["practice"]["hints"]
    assert [(h["step"], h["level"]) for h in hints] == [("serving", 1), ("serving", 2)]
    assert post_json(api, url, {"step": "deploy"}).status_code == 400


def test_someone_else_cannot_see_or_act_on_a_practice(api, client, other_user, user):
    practice = start(api)
    api.logout()
    client.force_login(other_user)
    for url in (f"/api/designs/{practice['design']}/practice/", f"/api/designs/{practice['design']}/practice/compare/"):
        assert client.get(url).status_code == 404
    assert post_json(client, f"/api/designs/{practice['design']}/practice/ask/", {"fact": "slo"}).status_code == 404
    assert client.get("/api/practice/").json() == {"attempts": []}


def test_a_design_that_is_not_a_practice_says_so(api):
    design = post_json(api, "/api/designs/", {}).json()
    response = api.get(f"/api/designs/{design['id']}/practice/")
    assert (response.status_code, response.json()["detail"]) == (404, "This design is not a practice.")


def test_ending_records_rubric_comparison_findings_and_time_per_step(api):
    practice = start(api)
    attempt = PracticeAttempt.objects.get(design_id=practice["design"])
    attempt.started_at = attempt.step_started_at = T0
    attempt.step_log = [{"step": "clarify", "started_at": T0.isoformat()}]
    attempt.save()
    services.practice_step(attempt=attempt, step="frame", now=T0 + timedelta(seconds=250))
    services.practice_step(attempt=attempt, step="data", now=T0 + timedelta(seconds=400))
    services.practice_step(attempt=attempt, step="clarify", now=T0 + timedelta(seconds=700))
    attempt.refresh_from_db()
    services.practice_end(attempt=attempt, outcome={"mean": 0.0}, version=1, now=T0 + timedelta(seconds=760))
    attempt.refresh_from_db()
    assert [(t["id"], t["spent_s"]) for t in attempt.result["times"]] == [
        ("clarify", 310),
        ("frame", 150),
        ("data", 300),
        ("model", None),
        ("evaluation", None),
        ("serving", None),
        ("monitoring", None),
    ]


def test_the_end_of_a_blank_practice_scores_zero_and_lists_the_reference_as_missing(api):
    practice = start(api)
    design = practice["design"]
    post_json(api, f"/api/designs/{design}/practice/ask/", {"fact": "qps"})
    body = post_json(api, f"/api/designs/{design}/practice/end/").json()["practice"]
    result = body["result"]
    assert body["ended_at"] is not None
    assert result["version"] == 1
    assert [s["score"] for s in result["rubric"]["steps"]] == [0.0] * 7
    assert result["mean"] == 0.0
    assert result["comparison"]["coverage"] == 0.0
    components = [n["id"] for n in FRAUD.reference["nodes"] if n["kind"] not in ("group", "note")]
    missing = [i["reference"]["nodes"][0] for i in result["comparison"]["items"] if i["kind"] == "missing_component"]
    assert sorted(missing) == sorted(components)
    assert [t["spent_s"] is not None for t in result["times"]] == [True] + [False] * 6
    # Ended: nothing more is recorded, and ending again changes nothing.
    refused = post_json(api, f"/api/designs/{design}/practice/ask/", {"fact": "slo"})
    assert (refused.status_code, refused.json()["detail"]) == (
        409,
        "This practice has ended; start a new one to practise again.",
    )
    again = post_json(api, f"/api/designs/{design}/practice/end/").json()["practice"]
    assert again["ended_at"] == body["ended_at"]
    listed = api.get("/api/practice/").json()["attempts"]
    assert [(a["design"], a["mean"], a["coverage"], a["hints"], a["asked"]) for a in listed] == [
        (design, 0.0, 0.0, 0, 1)
    ]


def test_the_comparison_during_a_practice_gives_the_reference_and_is_recorded(api):
    practice = start(api)
    body = api.get(f"/api/designs/{practice['design']}/practice/compare/").json()
    assert body["reference"] == FRAUD.reference
    assert body["comparison"]["problem"] == {"id": "payment-fraud", "title": "Payment fraud detection"}
    assert api.get(f"/api/designs/{practice['design']}/practice/").json()["practice"]["compared_at"] is not None


def test_compare_posts_a_document_and_a_problem_id(client):
    document = copy.deepcopy(FRAUD.reference)
    document["problem"]["latency_slo_ms"] = 250
    response = post_json(client, "/api/compare/", {"document": document, "problem": "payment-fraud"})
    assert response.status_code == 200
    body = response.json()
    assert [(i["id"], i["step"], i["message"]) for i in body["items"]] == [
        ("fact:latency_slo_ms", "clarify", "Your latency SLO is 250 ms; the reference's is 100 ms.")
    ]
    assert body["problem"] == {"id": "payment-fraud", "title": "Payment fraud detection"}


def test_compare_refuses_an_invalid_document_with_paths_and_an_unknown_problem(client):
    bad = {"format": "mlsd-design/1", "nodes": [{"id": "a", "kind": "kafak", "x": 0, "y": 0}]}
    response = post_json(client, "/api/compare/", {"document": bad, "problem": "payment-fraud"})
    assert response.status_code == 400
    assert response.json()["problems"] == [
        {"path": "nodes[0].kind", "message": 'unknown kind "kafak" (did you mean "kafka"?)'}
    ]
    response = post_json(client, "/api/compare/", {"document": FRAUD.reference, "problem": "chatbot"})
    assert response.status_code == 400 and response.json()["problem"][0].startswith('no problem "chatbot"')
    assert post_json(client, "/api/compare/", [1, 2]).status_code == 400


def test_a_fact_the_bank_has_since_dropped_is_left_out_not_an_error(api):
    practice = start(api)
    post_json(api, f"/api/designs/{practice['design']}/practice/ask/", {"fact": "qps"})
    attempt = PracticeAttempt.objects.get(design_id=practice["design"])
    attempt.asked = [{"fact": "budget-2019", "at": T0.isoformat()}, *attempt.asked]
    attempt.save()
    response = api.get(f"/api/designs/{practice['design']}/practice/")
    assert response.status_code == 200
    assert [a["id"] for a in response.json()["practice"]["asked"]] == ["qps"]
