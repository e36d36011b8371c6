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


def test_unfiltered_personal_data_is_reported_once_at_the_first_store_it_reaches():
    doc = _with_user_profiles(filtered=False)
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.path) == (["features"], ["profiles", "validation", "batch", "features"])
    assert finding.message == (
        "Personal data reaches Feature store unfiltered: Profiles → Data validation → Daily features → Feature store"
    )


def test_each_way_personal_data_goes_unfiltered_is_reported_at_its_first_store():
    doc = add_edge(_with_user_profiles(filtered=False), "profiles", "training", "data")
    assert found(doc, RULE) == [(RULE, ["features"]), (RULE, ["training"])]


def test_a_component_that_filters_personal_data_is_a_privacy_filter():
    doc = add_node(recs(), "profiles", "database", pii=True)
    add_node(doc, "scrubber", "flink", filters_pii=True)
    add_edge(doc, "profiles", "scrubber", "data")
    add_edge(doc, "scrubber", "validation", "data")
    assert found(doc, RULE) == []


def test_a_control_edge_carries_no_personal_data():
    doc = add_node(recs(), "profiles", "database", pii=True)
    add_edge(doc, "profiles", "training", "control")
    assert found(doc, RULE) == []


def test_store_declared_as_holding_personal_data_is_not_reported():
    doc = drop_edges(_with_user_profiles(filtered=False), ("features", "training"))
    set_props(doc, "features", pii=True)
    add_edge(doc, "lake", "training", "data")
    assert found(doc, RULE) == []
