"""privacy-controls-missing: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import add_edge, add_node, drop_edges, findings, found, recs, set_props

RULE = "privacy-controls-missing"


def _with_user_profiles(filtered: bool) -> dict:
    doc = add_node(recs(), "profiles", "database", pii=True)
    if filtered:
        add_node(doc, "anonymiser", "privacy_filter")
        add_edge(doc, "profiles", "anonymiser", "data")
        add_edge(doc, "anonymiser", "validation", "data")
    else:
        add_edge(doc, "profiles", "validation", "data")
    return doc


def test_design_without_personal_data_is_silent():
    assert found(recs(), RULE) == []


def test_filtered_personal_data_is_silent():
    assert found(_with_user_profiles(filtered=True), RULE) == []


def test_unfiltered_personal_data_reports_each_store_and_trainer_it_reaches():
    doc = _with_user_profiles(filtered=False)
    assert found(doc, RULE) == [(RULE, ["features"]), (RULE, ["training"])]
    assert findings(doc, RULE)[0].path == ["profiles", "validation", "batch", "features"]


def test_store_declared_as_holding_personal_data_is_not_reported():
    doc = drop_edges(_with_user_profiles(filtered=False), ("features", "training"))
    set_props(doc, "features", pii=True)
    add_edge(doc, "lake", "training", "data")
    assert found(doc, RULE) == []
