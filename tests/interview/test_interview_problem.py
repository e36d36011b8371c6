"""An interview on a bank problem: the interviewer alone gets the facts, hints, reference and live
comparison; a revealed fact or hint reaches the candidate's problem card at once (interview.revealed)."""

import pytest
from channels.db import database_sync_to_async

from designer.interview.bank import problem_card, problem_get
from tests.browser import BrowserClient
from tests.realtime.conftest import Client, fresh_channel_layer, guest_headers  # noqa: F401 - a fixture

from .helpers import post_json

FRAUD = problem_get("payment-fraud")
CARD_KEYS = {"id", "title", "summary", "task", "source", "prompt", "questions"}


def interview_on_fraud(api):
    """A blank design of ada's with an interviewer link leading an interview on payment fraud."""
    design_id = post_json(api, "/api/designs/", {}).json()["id"]
    marked = post_json(
        api, f"/api/designs/{design_id}/share-links/", {"role": "comment", "label": "Sam", "interviewer": True}
    ).json()
    interview = post_json(api, f"/api/designs/{design_id}/interview/", {"problem": "payment-fraud"}).json()["interview"]
    return design_id, marked["token"], interview


@pytest.mark.django_db
def test_the_interviewer_gets_facts_hints_reference_and_the_live_comparison(api):
    _, token, interview = interview_on_fraud(api)
    assert (interview["you_are"], interview["problem"], interview["revealed"]) == (
        "candidate",
        problem_card(FRAUD),
        [],
    )
    body = BrowserClient().get(f"/api/s/{token}/interview/problem/").json()
    assert body["you_are"] == "interviewer"
    assert body["problem"]["facts"][1] == {
        "id": "qps",
        "topic": "scale",
        "question": "How many payments per second at peak?",
        "answer": "About 10,000 authorisations per second at peak.",
        "field": "peak_qps",
        "value": 10000,
    }
    assert body["problem"]["hints"][5] == {
        "step": "serving",
        "nudge": "What answers if the model is slow?",
        "pointer": FRAUD.spec.hints.serving.pointer,
    }
    assert set(body["problem"]) == CARD_KEYS | {"facts", "hints", "writeup"}
    assert body["reference"] == FRAUD.reference
    assert (body["comparison"]["coverage"], body["version"]) == (0.0, 1)


@pytest.mark.django_db
def test_the_candidate_gets_the_card_and_what_was_revealed_only(api):
    design_id, _, _ = interview_on_fraud(api)
    body = api.get(f"/api/designs/{design_id}/interview/problem/").json()
    assert body == {"you_are": "candidate", "problem": problem_card(FRAUD), "revealed": []}
    assert set(body["problem"]) == CARD_KEYS


@pytest.mark.django_db
def test_the_interviewer_reveals_a_fact_and_hints_in_order_and_once(api):
    design_id, token, _ = interview_on_fraud(api)
    guest = BrowserClient()
    url = f"/api/s/{token}/interview/reveal/"
    fact = post_json(guest, url, {"fact": "slo"})
    assert fact.status_code == 200
    assert {k: v for k, v in fact.json()["reveal"].items() if k != "at"} == {
        "kind": "fact",
        "id": "slo",
        "topic": "latency",
        "question": "How long can the decision take?",
        "answer": "100 ms p99: the card network times out soon after.",
        "field": "latency_slo_ms",
        "value": 100,
    }
    hint = post_json(guest, url, {"hint": "data", "level": 1}).json()["reveal"]
    assert (hint["kind"], hint["step"], hint["level"], hint["text"]) == ("hint", "data", 1, FRAUD.spec.hints.data.nudge)
    again = post_json(guest, url, {"hint": "data", "level": 1})
    assert (again.status_code, again.json()["detail"]) == (409, "Hint 1 of data is revealed already.")
    assert post_json(guest, url, {"fact": "slo"}).status_code == 409
    post_json(guest, f"/api/s/{token}/interview/end/")
    ended = post_json(guest, url, {"fact": "qps"})
    assert (ended.status_code, ended.json()["detail"]) == (409, "The interview has ended: nothing more is revealed.")
    seen = api.get(f"/api/designs/{design_id}/interview/").json()["interview"]["revealed"]
    assert [(r["kind"], r.get("id"), r.get("step")) for r in seen] == [("fact", "slo", None), ("hint", None, "data")]


@pytest.mark.django_db
def test_only_the_interviewer_reveals_and_bad_reveals_are_refused(api):
    design_id, token, _ = interview_on_fraud(api)
    refused = post_json(api, f"/api/designs/{design_id}/interview/reveal/", {"fact": "slo"})
    assert (refused.status_code, refused.json()["detail"]) == (403, "Only the interviewer can do this.")
    guest = BrowserClient()
    url = f"/api/s/{token}/interview/reveal/"
    assert post_json(guest, url, {"fact": "budget"}).json()["fact"][0].startswith('no fact "budget" in this problem')
    assert post_json(guest, url, {"hint": "data"}).json() == {
        "level": ["give the hint's level (1 a nudge, 2 a pointer)"]
    }
    assert post_json(guest, url, {}).status_code == 400
    assert post_json(guest, url, {"hint": "data", "level": 3}).status_code == 400


@pytest.mark.django_db
def test_an_interview_without_a_bank_problem_has_no_problem_panel(api):
    design_id = post_json(api, "/api/designs/", {}).json()["id"]
    interview = post_json(api, f"/api/designs/{design_id}/interview/", {}).json()["interview"]
    assert (interview["problem"], interview["revealed"]) == (None, [])
    response = api.get(f"/api/designs/{design_id}/interview/problem/")
    assert (response.status_code, response.json()["detail"]) == (404, "This interview is not on a bank problem.")
    unknown = post_json(api, f"/api/designs/{design_id}/interview/", {"problem": "chatbot"})
    assert unknown.status_code == 400


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_a_revealed_hint_reaches_the_candidates_socket_with_its_text(client, user):
    @database_sync_to_async
    def setup():
        client.force_login(user)
        return interview_on_fraud(client), client.cookies["sessionid"].value

    (design_id, token, interview), cookie = await setup()
    candidate = Client(
        f"/ws/designs/{design_id}/", [(b"origin", b"http://testserver"), (b"cookie", f"sessionid={cookie}".encode())]
    )
    interviewer = Client(f"/ws/s/{token}/", await guest_headers("Sam"))
    await candidate.open()
    await interviewer.open()
    reveal = await database_sync_to_async(
        lambda: post_json(BrowserClient(), f"/api/s/{token}/interview/reveal/", {"hint": "monitoring", "level": 2})
    )()
    assert reveal.status_code == 200
    message = await candidate.recv_type("interview.revealed")
    assert {**message, "sent_at": 0, "reveal": {**message["reveal"], "at": ""}} == {
        "type": "interview.revealed",
        "session": interview["id"],
        "reveal": {
            "kind": "hint",
            "step": "monitoring",
            "level": 2,
            "text": FRAUD.spec.hints.monitoring.pointer,
            "at": "",
        },
        "sent_at": 0,
    }
    assert (await interviewer.recv_type("interview.revealed"))["reveal"]["step"] == "monitoring"
    await candidate.close()
    await interviewer.close()


@pytest.mark.django_db
def test_an_interview_on_a_practice_takes_its_problem_and_its_reveals_reach_the_practice(api):
    practice = post_json(api, "/api/practice/", {"problem": "payment-fraud"}).json()["practice"]
    design_id = practice["design"]
    post_json(api, f"/api/designs/{design_id}/practice/hint/", {"step": "data"})
    marked = post_json(
        api, f"/api/designs/{design_id}/share-links/", {"role": "comment", "label": "Sam", "interviewer": True}
    ).json()
    interview = post_json(api, f"/api/designs/{design_id}/interview/", {}).json()["interview"]
    assert interview["problem"]["id"] == "payment-fraud"
    guest = BrowserClient()
    url = f"/api/s/{marked['token']}/interview/reveal/"
    assert post_json(guest, url, {"fact": "qps"}).status_code == 200
    assert post_json(guest, url, {"hint": "data", "level": 2}).status_code == 200
    assert post_json(guest, url, {"hint": "serving", "level": 2}).status_code == 200
    seen = api.get(f"/api/designs/{design_id}/practice/").json()["practice"]
    assert [a["id"] for a in seen["asked"]] == ["qps"]
    assert [(h["step"], h["level"]) for h in seen["hints"]] == [("data", 1), ("data", 2), ("serving", 2)]
    # The candidate's own next hint on serving is its nudge, the level not yet shown.
    hint = post_json(api, f"/api/designs/{design_id}/practice/hint/", {"step": "serving"}).json()["hint"]
    assert (hint["level"], hint["text"]) == (1, FRAUD.spec.hints.serving.nudge)


@pytest.mark.django_db
def test_the_interview_report_names_the_bank_problem_and_what_was_revealed(api):
    design_id, token, _ = interview_on_fraud(api)
    post_json(BrowserClient(), f"/api/s/{token}/interview/reveal/", {"fact": "qps"})
    post_json(BrowserClient(), f"/api/s/{token}/interview/reveal/", {"hint": "data", "level": 1})
    html = api.get(f"/designs/{design_id}/report/").content.decode()
    assert '<p id="bank-problem">On the bank problem <strong>Payment fraud detection</strong>.' in html
    assert "<li>How many payments per second at peak? About 10,000 authorisations per second at peak.</li>" in html
    text = api.get(f"/designs/{design_id}/report.md").content.decode()
    assert "On the bank problem Payment fraud detection. Revealed by the interviewer:" in text
    assert "- Hint, step data, level 1: The best signal is 'this card paid five times in the last minute'." in text
