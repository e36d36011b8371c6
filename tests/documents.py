"""Documents the tests build: a chain of app services, as large as a test needs."""


def chain_document(nodes: int, title: str = "Big") -> dict:
    """`nodes` app services n0…, each calling the next (nodes − 1 request connections)."""
    return {
        "format": "mlsd-design/1",
        "title": title,
        "nodes": [{"id": f"n{i}", "kind": "app_service", "label": f"App {i}", "x": i, "y": 0} for i in range(nodes)],
        "edges": [
            {"id": f"e{i}", "source": f"n{i}", "target": f"n{i + 1}", "kind": "request"} for i in range(nodes - 1)
        ],
    }
