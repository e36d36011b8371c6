"""The shared graph helpers agree with networkx's own algorithms on random graphs."""

import random

import networkx as nx
import pytest

from component_catalog.catalog import get_catalog
from designer.validation.graph import (
    CONTROL_ROLES,
    TRAINING_ROLES,
    DesignGraph,
    acyclic_order,
    cheapest_paths,
    digraph,
    edge_view,
    immediate_dominators,
    loops,
    propagate,
    weak_parts,
)


def _random_digraph(seed: int) -> nx.DiGraph:
    rng = random.Random(seed)
    nodes = [f"n{i}" for i in range(rng.randrange(1, 60))]
    pairs = [(rng.choice(nodes), rng.choice(nodes)) for _ in range(rng.randrange(0, 150))]
    return digraph(nodes, pairs)


@pytest.mark.parametrize("seed", range(40))
def test_loops_are_the_components_with_a_cycle(seed):
    view = _random_digraph(seed)
    expected = {
        frozenset(c)
        for c in nx.strongly_connected_components(view)
        if len(c) > 1 or view.has_edge(next(iter(c)), next(iter(c)))
    }
    assert {frozenset(c) for c in loops(view)} == expected


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize("seed", range(40))
def test_propagate_is_the_or_over_ancestors_or_backwards_over_descendants(seed, reverse):
    view = _random_digraph(seed)
    seeds = {n: 1 << i for i, n in enumerate(view) if i % 3 == 0}
    masks = propagate(view, seeds, reverse=reverse)
    related = nx.descendants if reverse else nx.ancestors
    for node in view:
        expected = 0
        for other in related(view, node) | {node}:
            expected |= seeds.get(other, 0)
        assert masks.get(node, 0) == expected


@pytest.mark.parametrize("seed", range(40))
def test_acyclic_order_from_roots_covers_exactly_what_they_reach(seed):
    view = _random_digraph(seed)
    roots = random.Random(seed).sample(list(view), k=min(len(view), 1 + seed % 3))
    succ, order = acyclic_order(view, roots)
    reached = set(roots).union(*(nx.descendants(view, r) for r in roots))
    assert sorted(order) == sorted(reached)
    position = {n: i for i, n in enumerate(order)}
    assert all(position[u] < position[v] for u in order for v in succ[u])
    dag = digraph(order, [(u, v) for u in order for v in succ[u]])
    assert nx.is_directed_acyclic_graph(dag)


@pytest.mark.parametrize("seed", range(40))
def test_acyclic_order_is_a_topological_order_of_a_dag(seed):
    view = _random_digraph(seed)
    succ, order = acyclic_order(view)
    dag = digraph(order, [(u, v) for u in order for v in succ[u]])
    assert nx.is_directed_acyclic_graph(dag)
    position = {n: i for i, n in enumerate(order)}
    assert all(position[u] < position[v] for u, v in dag.edges)
    assert sorted(order) == sorted(view)


def test_digraph_is_an_ordinary_networkx_graph():
    view = digraph(["a", "b", "c"], [("a", "b"), ("b", "c"), ("a", "b")])
    assert (view.number_of_nodes(), sorted(view.edges)) == (3, [("a", "b"), ("b", "c")])
    assert list(nx.topological_sort(view)) == ["a", "b", "c"]
    assert list(view.predecessors("c")) == ["b"]


@pytest.mark.parametrize("seed", range(40))
def test_weak_parts_match_networkx_and_start_at_their_first_node(seed):
    view = _random_digraph(seed)
    parts = list(weak_parts(view))
    assert [members for _, members in parts] == list(nx.weakly_connected_components(view))
    position = {n: i for i, n in enumerate(view)}
    assert all(start == min(members, key=position.__getitem__) for start, members in parts)


@pytest.mark.parametrize("seed", range(60))
def test_immediate_dominators_match_networkx_with_a_virtual_root(seed):
    view = _random_digraph(seed)
    nodes = list(view)
    roots = random.Random(seed).sample(nodes, k=min(len(nodes), 1 + seed % 3))
    rooted = digraph(["ROOT", *nodes], [*(("ROOT", r) for r in roots), *view.edges])
    expected = nx.immediate_dominators(rooted, "ROOT")
    expected.pop("ROOT", None)
    assert immediate_dominators(view, roots) == {n: (None if d == "ROOT" else d) for n, d in expected.items()}


@pytest.mark.parametrize("seed", range(40))
def test_cheapest_paths_to_targets_match_the_full_search(seed):
    view = _random_digraph(seed)
    rng = random.Random(seed)
    nodes = list(view)
    cost = {n: rng.choice((0, 1, 5, 60)) for n in nodes}
    sources = rng.sample(nodes, k=min(len(nodes), 2))
    targets = rng.sample(nodes, k=min(len(nodes), 3))
    dist, parent = cheapest_paths(view, sources, cost)
    near, via = cheapest_paths(view, sources, cost, targets=targets)
    for target in targets:
        assert near.get(target) == dist.get(target)
        if target in dist:
            lengths = [
                cost[source]
                + nx.single_source_dijkstra_path_length(view, source, weight=lambda u, v, _: cost[v]).get(
                    target, float("inf")
                )
                for source in sources
            ]
            expected = min(lengths)
            assert dist[target] == expected
            path = [target]
            while via[path[-1]] is not None:
                path.append(via[path[-1]])
            assert path == _path(parent, target)


def _path(parent, node):
    path = [node]
    while parent[path[-1]] is not None:
        path.append(parent[path[-1]])
    return path


def _random_document(seed: int) -> dict:
    rng = random.Random(seed)
    kinds = [k for k, kind in get_catalog().kinds.items() if not kind.is_annotation]
    nodes = [{"id": f"n{i}", "kind": rng.choice(kinds)} for i in range(rng.randrange(2, 50))]
    edges = []
    for i in range(rng.randrange(0, 160)):
        edge = {
            "id": f"e{i}",
            "source": rng.choice(nodes)["id"],
            "target": rng.choice(nodes)["id"],
            "kind": rng.choice(("request", "data", "telemetry", "deploy")),
        }
        if edge["kind"] == "request" and rng.random() < 0.3:
            edge["props"] = {"fallback": True}
        edges.append(edge)
    return {"nodes": nodes, "edges": edges}


def _same(view, expected):
    """Same nodes, and the same neighbours in the same order (traversal order fixes witness paths)."""
    assert list(view) == list(expected)
    for node in expected:
        assert list(view._succ[node]) == list(expected._succ[node])
        assert list(view._pred[node]) == list(expected._pred[node])


@pytest.mark.parametrize("seed", range(40))
def test_derived_views_equal_views_built_from_their_edges(seed):
    document = _random_document(seed)
    graph = DesignGraph(document)
    nodes, edges = graph.G._node, document["edges"]
    kind = {k: [e for e in edges if e["kind"] == k] for k in ("request", "data", "telemetry", "deploy")}
    primary_pairs = {(e["source"], e["target"]) for e in kind["request"] if not (e.get("props") or {}).get("fallback")}
    trainers = set(graph.with_role(TRAINING_ROLES))
    control = set(graph.with_role(CONTROL_ROLES))
    _same(
        graph.request_primary,
        edge_view(nodes, [e for e in kind["request"] if (e["source"], e["target"]) in primary_pairs]),
    )
    _same(graph.log, edge_view(nodes, kind["data"], kind["telemetry"]))
    _same(graph.artifact, edge_view(nodes, kind["deploy"], [e for e in kind["data"] if e["source"] in trainers]))
    replies = [{"source": e["target"], "target": e["source"]} for e in kind["request"] if e["target"] not in control]
    flows = [e for k in ("data", "telemetry", "deploy") for e in kind[k] if e["source"] not in control]
    _same(graph.influence, edge_view(nodes, replies, flows))
