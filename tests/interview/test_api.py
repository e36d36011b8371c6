"""Interview API: templates, rubric, sessions with a timer from server time, and private reviews."""

import pytest

from designer.interview.cases import case_list
from designer.interview.models import InterviewSession
from designer.models import Design, Operation

from .helpers import patch_json, post_json, template, without

pytestmark = pytest.mark.django_db


def test_templates_are_listed_with_id_title_summary_and_task(client):
    body = client.get("/api/templates/").json()
    assert body == case_list()
    assert {"video-recommendation", "payment-fraud", "street-view-blurring"} <= {t["id"] for t in body}
    assert set(body[0]) == {"id", "title", "summary", "task"}


def test_new_from_template_creates_a_copy_whose_first_version_is_the_template(api, user):
    response = post_json(api, "/api/designs/from-template/", {"template": "payment-fraud"})
    assert response.status_code == 201
    body = response.json()
    assert (body["title"], body["version"]) == ("Real-time payment fraud detection", 1)
    assert body["document"] == template("payment-fraud")
    design = Design.objects.get(pk=body["id"])
    assert design.owner == user
    assert Operation.objects.get(design=design).ops == [
        {"op": "document.replace", "document": template("payment-fraud")}
    ]


def test_unknown_template_is_refused_with_the_known_ones(api):
    response = post_json(api, "/api/designs/from-template/", {"template": "chatbot"})
    assert response.status_code == 400
    assert response.json()["template"] == [f'no template "chatbot"; known: {", ".join(c["id"] for c in case_list())}']
    assert Design.objects.count() == 0


def test_stateless_rubric_scores_a_posted_document(client):
    response = post_json(client, "/api/rubric/", without(template("video-recommendation"), "monitoring", "drift"))
    assert response.status_code == 200
    body = response.json()
    assert [s["score"] for s in body["rubric"]["steps"]] == [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.3571]
    assert {f["rule"] for f in body["findings"]} == {"missing-monitoring", "no-drift-detection"}


def test_stateless_rubric_refuses_an_invalid_document_with_paths(client):
    response = post_json(
        client, "/api/rubric/", {"format": "mlsd-design/1", "nodes": [{"id": "a", "kind": "kafak", "x": 0, "y": 0}]}
    )
    assert response.status_code == 400
    assert response.json()["problems"] == [
        {"path": "nodes[0].kind", "message": 'unknown kind "kafak" (did you mean "kafka"?)'}
    ]


def test_design_rubric_follows_the_saved_design(api):
    design = post_json(api, "/api/designs/from-template/", {"template": "search-autocomplete"}).json()
    assert api.get(f"/api/designs/{design['id']}/rubric/").json()["rubric"]["mean"] == 1.0
    post_json(
        api,
        f"/api/designs/{design['id']}/ops/",
        {"ops": [{"op": "problem.update", "set": {"offline_metrics": ["accuracy"]}}]},
    )
    body = api.get(f"/api/designs/{design['id']}/rubric/").json()
    assert body["version"] == 2
    assert body["rubric"]["weakest"] == {"id": "evaluation", "number": 5, "title": "Evaluation", "score": 0.9}


@pytest.fixture
def design_id(api):
    return post_json(api, "/api/designs/from-template/", {"template": "video-recommendation"}).json()["id"]


@pytest.fixture
def candidate_client(client, other_user):
    """A second browser session, logged in as the candidate."""
    from tests.browser import BrowserClient as Client

    candidate = Client()
    candidate.force_login(other_user)
    return candidate


def start(api, design_id, **body):
    return post_json(api, f"/api/designs/{design_id}/interview/", body)


def test_start_uses_45_minutes_split_over_the_seven_steps(api, design_id):
    response = start(api, design_id)
    assert response.status_code == 201
    interview = response.json()["interview"]
    assert interview["duration_s"] == 2700
    assert [(s["id"], s["box_s"]) for s in interview["steps"]] == [
        ("clarify", 300),
        ("frame", 300),
        ("data", 420),
        ("model", 480),
        ("evaluation", 360),
        ("serving", 480),
        ("monitoring", 360),
    ]
    assert (interview["current_step"], interview["interviewer"], interview["you_are"]) == (0, "ada", "interviewer")
    assert interview["timer"]["running"] is True and interview["timer"]["remaining_s"] <= 2700
    assert interview["review"] == {"notes": "", "scores": {}}


def test_duration_scales_the_boxes_and_step_minutes_set_them(api, design_id):
    boxes = [s["box_s"] for s in start(api, design_id, duration_min=30).json()["interview"]["steps"]]
    assert boxes == [200, 200, 280, 320, 240, 320, 240] and sum(boxes) == 1800
    custom = start(api, design_id, step_minutes=[2, 3, 5, 10, 5, 10, 5]).json()["interview"]
    assert [s["box_s"] for s in custom["steps"]] == [120, 180, 300, 600, 300, 600, 300] and custom["duration_s"] == 2400


def test_bad_interview_settings_get_field_messages(api, design_id):
    assert start(api, design_id, duration_min=1).json() == {
        "duration_min": ["Ensure this value is greater than or equal to 5."]
    }
    assert start(api, design_id, step_minutes=[5, 5]).json() == {
        "step_minutes": ["Ensure this field has at least 7 elements."]
    }
    assert start(api, design_id, candidate="nobody").json() == {"candidate": ['no account named "nobody"']}
    assert start(api, design_id, candidate="ada").json() == {"candidate": ["the candidate cannot be the interviewer"]}
    assert InterviewSession.objects.count() == 0


def test_timer_is_computed_from_server_timestamps(api, design_id, fake_clock):
    session_id = start(api, design_id).json()["interview"]["id"]
    fake_clock.advance(600)  # ten minutes into a 45-minute interview, still at step 1 (a 5-minute box)
    timer = api.get(f"/api/interviews/{session_id}/").json()["interview"]["timer"]
    assert (timer["elapsed_s"], timer["remaining_s"]) == (600.0, 2100.0)
    assert (timer["step_elapsed_s"], timer["step_remaining_s"], timer["step_over_time"]) == (600.0, -300.0, True)


def test_next_step_walks_the_seven_steps_then_ends(api, design_id):
    session_id = start(api, design_id).json()["interview"]["id"]
    seen = [post_json(api, f"/api/interviews/{session_id}/next/").json()["interview"] for _ in range(7)]
    assert [s["current_step"] for s in seen] == [1, 2, 3, 4, 5, 6, 6]
    assert [s["ended_at"] is not None for s in seen] == [False] * 6 + [True]
    assert [entry["step"] for entry in seen[-1]["step_log"]] == [
        "clarify",
        "frame",
        "data",
        "model",
        "evaluation",
        "serving",
        "monitoring",
    ]
    assert seen[-1]["timer"]["running"] is False


def test_a_new_interview_ends_the_running_one(api, design_id):
    first = start(api, design_id).json()["interview"]["id"]
    second = start(api, design_id).json()["interview"]["id"]
    assert InterviewSession.objects.get(pk=first).ended_at is not None
    assert api.get(f"/api/designs/{design_id}/interview/").json()["interview"]["id"] == second


def test_candidate_never_sees_notes_or_scores_until_the_interviewer_shares(api, design_id, candidate_client):
    session_id = start(api, design_id, candidate="grace").json()["interview"]["id"]
    review = patch_json(
        api,
        f"/api/interviews/{session_id}/review/",
        {"notes": "Skipped monitoring <script>alert(1)</script>", "scores": {"monitoring": 1, "serving": 4}},
    )
    assert review.json()["interview"]["review"] == {
        "notes": "Skipped monitoring <script>alert(1)</script>",
        "scores": {"serving": 4, "monitoring": 1},
    }

    for url in (f"/api/interviews/{session_id}/", f"/api/designs/{design_id}/interview/"):
        response = candidate_client.get(url)
        assert response.status_code == 200
        assert "review" not in response.json()["interview"]
        assert b"Skipped monitoring" not in response.content
    assert candidate_client.get(f"/api/designs/{design_id}/interview/").json()["interview"]["you_are"] == "candidate"

    assert post_json(candidate_client, f"/api/interviews/{session_id}/share/").status_code == 403
    assert patch_json(candidate_client, f"/api/interviews/{session_id}/review/", {"notes": "mine"}).status_code == 403

    post_json(api, f"/api/interviews/{session_id}/share/")
    shared = candidate_client.get(f"/api/interviews/{session_id}/").json()["interview"]
    assert shared["shared"] is True
    assert shared["review"] == {
        "notes": "Skipped monitoring <script>alert(1)</script>",
        "scores": {"serving": 4, "monitoring": 1},
    }

    api.delete(f"/api/interviews/{session_id}/share/")
    assert "review" not in candidate_client.get(f"/api/interviews/{session_id}/").json()["interview"]


def test_candidate_can_move_to_the_next_step_but_not_start_interviews(api, design_id, candidate_client):
    session_id = start(api, design_id, candidate="grace").json()["interview"]["id"]
    assert post_json(candidate_client, f"/api/interviews/{session_id}/next/").json()["interview"]["current_step"] == 1
    response = post_json(candidate_client, f"/api/designs/{design_id}/interview/", {})
    assert response.status_code == 403
    assert response.json() == {"detail": "Only the design's owner can start an interview."}


def test_strangers_learn_nothing_about_an_interview(api, design_id, candidate_client):
    session_id = start(api, design_id).json()["interview"]["id"]
    for url in (
        f"/api/interviews/{session_id}/",
        f"/api/designs/{design_id}/interview/",
        f"/api/designs/{design_id}/rubric/",
    ):
        assert candidate_client.get(url).status_code == 404
    assert post_json(candidate_client, f"/api/interviews/{session_id}/next/").status_code == 404


def test_scores_must_be_1_to_4_for_known_steps(api, design_id):
    session_id = start(api, design_id).json()["interview"]["id"]
    url = f"/api/interviews/{session_id}/review/"
    assert patch_json(api, url, {"scores": {"serving": 5}}).json() == {
        "scores": {"serving": ["Ensure this value is less than or equal to 4."]}
    }
    assert patch_json(api, url, {"scores": {"deploy": 3}}).json() == {
        "scores": ['unknown step "deploy"; steps are clarify, frame, data, model, evaluation, serving, monitoring']
    }
    assert patch_json(api, url, {"scores": "high"}).status_code == 400
    patch_json(api, url, {"scores": {"serving": 3, "data": 2}})
    assert patch_json(api, url, {"scores": {"serving": None}}).json()["interview"]["review"]["scores"] == {"data": 2}


def test_foreign_input_gets_clear_4xx_answers(api, design_id):
    huge = 10**20
    for url in (
        f"/api/interviews/{huge}/",
        f"/api/designs/{huge}/interview/",
        f"/api/designs/{huge}/history/1/",
        f"/api/designs/{design_id}/history/{huge}/",
        f"/designs/{huge}/report/",
    ):
        assert api.get(url).status_code == 404, url
    assert api.post("/api/rubric/", data="[1, 2]", content_type="application/json").json()["problems"] == [
        {"path": "$", "message": "a design document is a JSON object, not a list"}
    ]
    assert api.post("/api/designs/from-template/", data="[1, 2]", content_type="application/json").json() == {
        "non_field_errors": ["Invalid data. Expected a dictionary, but got list."]
    }
    assert post_json(api, f"/api/designs/{design_id}/interview/", {"step_minutes": "abc"}).json() == {
        "step_minutes": ['Expected a list of items but got type "str".']
    }
    session_id = start(api, design_id).json()["interview"]["id"]
    assert patch_json(api, f"/api/interviews/{session_id}/review/", {"notes": {"a": 1}, "scores": [1]}).json() == {
        "notes": ["Not a valid string."],
        "scores": ['Expected a dictionary of items but got type "list".'],
    }


def test_owner_can_be_the_candidate_of_another_accounts_interview(api, design_id, candidate_client):
    session = start(api, design_id, interviewer="grace").json()["interview"]
    assert (session["interviewer"], session["candidate"], session["you_are"]) == ("grace", "ada", "candidate")
    assert "review" not in session
    graded = patch_json(
        candidate_client,
        f"/api/interviews/{session['id']}/review/",
        {"notes": "Clear requirements", "scores": {"clarify": 4}},
    )
    assert graded.status_code == 200
    assert "review" not in api.get(f"/api/interviews/{session['id']}/").json()["interview"]
    assert "Clear requirements" not in api.get(f"/designs/{design_id}/report/").content.decode()
    post_json(candidate_client, f"/api/interviews/{session['id']}/share/")
    assert api.get(f"/api/interviews/{session['id']}/").json()["interview"]["review"] == {
        "notes": "Clear requirements",
        "scores": {"clarify": 4},
    }
    assert start(api, design_id, interviewer="nobody").json() == {"interviewer": ['no account named "nobody"']}
