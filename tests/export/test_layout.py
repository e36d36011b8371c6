"""Tidy up: graphviz dot positions as top-left canvas coordinates, groups sized around their children."""

from designer.export.layout import auto_layout


def inside(child: dict, group: dict, width=180, height=64) -> bool:
    return (
        group["x"] < child["x"]
        and child["x"] + child.get("width", width) < group["x"] + group["width"]
        and group["y"] < child["y"]
        and child["y"] + child.get("height", height) < group["y"] + group["height"]
    )


def test_nested_and_empty_groups_get_boxes_around_their_children(video_recs):
    video_recs["nodes"][0]["parent"] = None
    video_recs["nodes"] += [
        {
            "id": "inner",
            "kind": "group",
            "label": "Inner",
            "x": 0,
            "y": 0,
            "width": 10,
            "height": 10,
            "parent": "online",
        },
        {"id": "cache", "kind": "cache", "x": 0, "y": 0, "width": 240, "height": 90, "parent": "inner"},
        {"id": "empty", "kind": "group", "label": "Empty", "x": 0, "y": 0, "width": 10, "height": 10},
        {"id": "note", "kind": "note", "text": "remember", "x": 0, "y": 0},
    ]
    video_recs["edges"].append({"id": "e2", "source": "app", "target": "cache", "kind": "request"})
    positions = auto_layout(video_recs)["positions"]
    assert set(positions) == {"online", "app", "ranker", "inner", "cache", "empty", "note"}
    assert inside(positions["inner"], positions["online"])
    assert inside(positions["cache"], positions["inner"], width=240, height=90)
    assert inside(positions["app"], positions["online"]) and inside(positions["ranker"], positions["online"])
    assert positions["empty"]["width"] >= 180 and positions["empty"]["height"] >= 64
    assert positions["app"]["x"] + 180 < positions["cache"]["x"]
    assert all(isinstance(v, int) for p in positions.values() for v in p.values())
