"""The template gallery: every bank problem's reference, in bank order, each copied fresh."""

from designer.interview.bank import bank
from designer.interview.cases import CASES, case_get, case_list


def test_gallery_lists_every_reference_in_bank_order():
    assert [(c["id"], c["title"], c["task"]) for c in case_list()] == [
        ("visual-search", "Visual search", "ranking"),
        ("street-view-blurring", "Street View blurring", "classification"),
        ("video-search", "Video search", "ranking"),
        ("harmful-content", "Harmful content detection", "classification"),
        ("video-recommendation", "Video recommendation (two-stage)", "ranking"),
        ("event-recommendation", "Event recommendation", "ranking"),
        ("ad-click-prediction", "Ad click prediction", "ranking"),
        ("similar-listings", "Similar listings", "ranking"),
        ("news-feed", "Personalised news feed", "ranking"),
        ("people-you-may-know", "People you may know", "ranking"),
        ("payment-fraud", "Real-time payment fraud detection", "classification"),
        ("rag-support-assistant", "RAG customer-support assistant", "generation"),
        ("search-autocomplete", "Search autocomplete", "ranking"),
        ("self-driving-detection", "Self-driving object detection", "classification"),
    ]
    assert [c.id for c in CASES] == [p.id for p in bank()]


def test_a_template_is_its_problems_reference_and_each_copy_is_fresh():
    case = case_get("payment-fraud")
    assert case.summary.startswith("Score every card payment during authorisation")
    first = case.document
    assert first == case.problem.reference
    first["nodes"].clear()
    assert case.document["nodes"] and case_get("payment-fraud").problem.reference["nodes"]
    assert case_get("chatbot") is None


def test_street_view_note_describes_the_on_vehicle_variant():
    document = case_get("street-view-blurring").document
    assert any(n.get("text", "").startswith("On-vehicle variant") for n in document["nodes"])
