"""Running graphviz: refusals are ExportErrors with a message and an HTTP status, never a hang or a crash."""

import re

import pytest

from designer.export.dot import ALLOWED_ATTRS, attrs, build_drawn
from designer.export.render import EXPORT_LIMITS, ExportFailed, ExportTimeout, ExportTooLarge, run_graphviz


def test_a_timeout_stops_the_binary_with_a_message(video_recs):
    with pytest.raises(ExportTimeout) as caught:
        run_graphviz(build_drawn(video_recs).source, "neato", "svg", timeout=0, pinned=True)
    assert caught.value.status == 503
    assert caught.value.message == (
        "Graphviz layout took longer than 0 s and was stopped; try the drawn layout or split the design."
    )


def test_dot_text_over_the_cap_is_refused_before_running():
    source = "digraph { " + " ".join(f"n{i};" for i in range(EXPORT_LIMITS["dot_bytes"] // 5)) + " }"
    with pytest.raises(ExportTooLarge) as caught:
        run_graphviz(source, "dot", "svg", timeout=10)
    assert caught.value.status == 422
    assert caught.value.message.startswith(f"The drawing is {len(source)} bytes of DOT; export handles at most")


def test_a_graphviz_error_is_reported_not_raised_as_a_crash():
    with pytest.raises(ExportFailed) as caught:
        run_graphviz("digraph { a -> }", "dot", "svg", timeout=10)
    assert caught.value.status == 422
    assert caught.value.message == "Graphviz layout failed: Error: <stdin>: syntax error in line 1 near '}'"


def test_attributes_outside_the_allow_list_are_refused():
    with pytest.raises(ValueError, match=r"attribute not on the export allow-list: \['URL', 'href'\]"):
        attrs(label="x", URL="javascript:alert(1)", href="x")


def test_dot_source_has_no_link_image_or_html_label_from_user_text():
    from .helpers import hostile_document

    source = build_drawn(hostile_document()).source
    # Outside quoted strings only the exporter's own syntax remains: no link, image or <html> label.
    bare = re.sub(r'"(?:\\.|[^"\\])*"', '""', source)
    assert re.findall(r"\b(URL|href|image|tooltip|target)=", bare) == []
    assert "<" not in bare and ">" not in bare.replace("->", "")
    names = set(re.findall(r"\b([A-Za-z_]+)=", bare))
    assert names <= ALLOWED_ATTRS | {
        "bgcolor",
        "fontname",
        "fontsize",
        "fixedsize",
        "fontcolor",
        "margin",
        "notranslate",
        "outputorder",
        "pad",
        "splines",
    }
