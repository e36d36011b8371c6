"""One networkx graph per validation: the design's components, views per edge kind and derived sets."""

from __future__ import annotations

import heapq
import itertools
from collections import deque
from functools import cached_property
from types import MappingProxyType

import networkx as nx

from component_catalog.catalog import get_catalog

# Catalog roles the rules reason about (never concrete kind ids).
ENTRY_ROLES = frozenset({"client", "api_gateway"})
SERVING_ROLES = frozenset({"model_server", "candidate_retrieval"})
MONITOR_ROLES = frozenset({"monitoring", "drift_detector"})
TRAINING_ROLES = frozenset({"training_pipeline", "distributed_training"})
RAW_SOURCE_ROLES = frozenset({"data_source", "event_stream", "client", "database"})
ONLINE_FEATURE_ROLES = frozenset({"feature_store", "online_feature_store"})
#: Stores and jobs that, when shared by the serving and the training side, compute a feature once.
SHARED_FEATURE_ROLES = frozenset(
    {
        "feature_store",
        "online_feature_store",
        "offline_feature_store",
        "batch_job",
        "stream_processor",
    }
)
OFFLINE_ONLY_ROLES = frozenset(
    {
        "batch_job",
        "data_warehouse",
        "data_lake",
        "offline_feature_store",
        "training_pipeline",
        "distributed_training",
        "model_registry",
        "labeling_service",
        "orchestrator",
        "embedding_indexer",
        "model_evaluation",
    }
)

#: Components that watch or schedule others: what flows out of them is a signal, not data.
CONTROL_ROLES = frozenset({"monitoring", "drift_detector", "alerting", "orchestrator"})

EDGE_KINDS = ("request", "data", "telemetry", "deploy")

_EMPTY = MappingProxyType({})


def num(value: float) -> str:
    """A number as a person writes it: 50,000 / 0.5 / 12.25."""
    if type(value) is int:  # the common case, without the float round trip
        return f"{value:,}"
    if value == float("inf"):
        return "∞"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def bfs(view: nx.DiGraph, starts, reverse: bool = False, blocked=frozenset()) -> dict:
    """Multi-source BFS: every node reached (starts included) mapped to the node it was reached from.

    `blocked` nodes are neither entered nor left; `reverse` walks edges backwards.
    """
    adjacency = view._pred if reverse else view._succ
    parents: dict = {}
    queue = deque()
    for start in starts:
        if start not in parents and start not in blocked:
            parents[start] = None
            queue.append(start)
    while queue:
        node = queue.popleft()
        for nxt in adjacency[node]:
            if nxt not in parents and nxt not in blocked:
                parents[nxt] = node
                queue.append(nxt)
    return parents


def reach(view: nx.DiGraph, starts, reverse: bool = False) -> set:
    """Every node reachable from `starts` (included), as a set: bfs() without the witness parents.

    Grows the set one level at a time, each level in one set operation, so the work per node and
    edge happens in C.
    """
    adjacency = view._pred if reverse else view._succ
    seen = set(starts)
    level = seen
    step = adjacency.__getitem__
    while level:
        found = set().union(*map(step, level))
        found -= seen
        seen |= found
        level = found
    return seen


def weak_parts(G: nx.MultiDiGraph):
    """Weakly connected parts, each as (its first node in document order, its set of nodes), in that order.

    networkx's weakly_connected_components finds the same sets in the same order but drops where
    each started, which the orphan rule would otherwise recover by sorting the whole main part.
    """
    forward, backward = G._succ.__getitem__, G._pred.__getitem__
    seen: set = set()
    for start in G._node:
        if start in seen:
            continue
        part = {start}
        level = part
        while level:
            found = set().union(*map(forward, level), *map(backward, level))
            found -= part
            part |= found
            level = found
        seen |= part
        yield start, part


def witness(parents: dict, node) -> list:
    """The path that reached `node` in a bfs() result, from its start to `node`."""
    path = [node]
    while parents[path[-1]] is not None:
        path.append(parents[path[-1]])
    return path[::-1]


def cheapest_paths(view: nx.DiGraph, sources, cost: dict, targets=None) -> tuple[dict, dict]:
    """Multi-source Dijkstra where entering a node costs `cost[node]`: (distance, parent) per node.

    With `targets`, only nodes that lead to one are searched and the search stops once every
    target reachable is settled; the targets get the same distances and parents as in a full search.
    """
    succ = view._succ
    within = None if targets is None else reach(view, targets, reverse=True)
    left = None if targets is None else set(targets) & within
    dist: dict = {}
    parent: dict = {}
    heap = []
    for s in sources:
        if within is None or s in within:
            heapq.heappush(heap, (cost[s], 0, s, None))
    counter = 1
    while heap:
        d, _, node, via = heapq.heappop(heap)
        if node in dist:
            continue
        dist[node] = d
        parent[node] = via
        if left is not None:
            left.discard(node)
            if not left:
                break
        for nxt in succ[node]:
            if nxt not in dist and (within is None or nxt in within):
                heapq.heappush(heap, (d + cost[nxt], counter, nxt, node))
                counter += 1
    return dist, parent


def _sccs(succ: dict, roots) -> list[list]:
    """Strongly connected components of what `roots` reach, sinks first (the order Tarjan completes them).

    Iterative Tarjan: one linear pass over the reached part only, no recursion limit.
    """
    index: dict = {}
    low: dict = {}
    on_stack: set = set()
    stack: list = []
    found: list = []
    counter = 0
    for root in roots:
        if root in index:
            continue
        if not succ[root]:
            # Most nodes of a per-kind view have no edges of that kind: their component is
            # themselves, found without the stack work below.
            index[root] = counter
            counter += 1
            found.append([root])
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(succ[root]))]
        while work:
            node, successors = work[-1]
            descended = False
            for nxt in successors:
                if nxt not in index:
                    if not succ[nxt]:
                        # A callee that calls nothing is its own component, completed at once:
                        # exactly what descending into it would do, without the stack work.
                        index[nxt] = counter
                        counter += 1
                        found.append([nxt])
                        continue
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(succ[nxt])))
                    descended = True
                    break
                if nxt in on_stack and index[nxt] < low[node]:
                    low[node] = index[nxt]
            if descended:
                continue
            work.pop()
            if work and low[node] < low[work[-1][0]]:
                low[work[-1][0]] = low[node]
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(component)
    return found


def loops(view: nx.DiGraph) -> list[list]:
    """The strongly connected components that hold a cycle (two or more members, or a self-loop).

    Only a node with both an inbound and an outbound edge can be on a cycle, so only those start
    the search: most nodes of a per-kind view are skipped without a step.
    """
    succ, pred = view._succ, view._pred
    return [
        component
        for component in _sccs(succ, [n for n in view if succ[n] and pred[n]])
        if len(component) > 1 or component[0] in succ[component[0]]
    ]


def propagate(view: nx.DiGraph, seeds: dict, reverse: bool = False) -> dict:
    """For every node a seed reaches, the bitwise OR of the seeds of every node that reaches it
    (itself included); nodes no seed reaches are left out (their OR is 0). `reverse` walks edges
    backwards.

    Linear in the part the seeds reach (one pass over its components in topological order), so
    rules can ask "which of these sources reach which of those targets" without one traversal
    per node.
    """
    succ, pred = (view._pred, view._succ) if reverse else (view._succ, view._pred)
    masks: dict = {}
    for component in reversed(_sccs(succ, [n for n, bit in seeds.items() if bit])):
        if len(component) == 1:
            # A node outside any cycle (the usual case); a self-loop finds no mask yet, adding nothing.
            node = component[0]
            mask = seeds.get(node, 0)
            for other in pred[node]:
                mask |= masks.get(other, 0)
            masks[node] = mask
            continue
        # Members of a cycle reach each other: they share one mask. Members not done yet read 0.
        mask = 0
        for node in component:
            mask |= seeds.get(node, 0)
            for other in pred[node]:
                mask |= masks.get(other, 0)
        for node in component:
            masks[node] = mask
    return masks


def acyclic_order(view: nx.DiGraph, roots=None) -> tuple[dict, list]:
    """Successors without the edges inside cycles, and a topological order of what is left, over
    what `roots` reach (every node when no roots are given).

    Latency and load are sums along call chains, which only make sense on a DAG; the cycles
    themselves are reported by the request-cycle rule.
    """
    succ = view._succ
    ordered = _sccs(succ, view if roots is None else roots)
    ordered.reverse()
    order = [n for component in ordered for n in component]
    if len(ordered) == len(order) and not any(n in succ[n] for n in order):
        return succ, order
    component_of = {n: i for i, component in enumerate(ordered) for n in component}
    return {n: [c for c in succ[n] if component_of[c] != component_of[n]] for n in order}, order


def immediate_dominators(view: nx.DiGraph, roots: list) -> dict:
    """Immediate dominator of every node reachable from `roots`, as if one virtual node called all
    of them: None for what only that virtual node dominates (the roots among them).

    The iterative algorithm of Cooper, Harvey and Kennedy ("A Simple, Fast Dominance Algorithm")
    straight on the view's adjacency; the same result as networkx's immediate_dominators on a
    graph with that virtual node added, without building that graph.
    """
    succ, pred = view._succ, view._pred
    postorder: list = []
    visited: set = set()
    for root in roots:
        if root in visited:
            continue
        visited.add(root)
        stack = [(root, iter(succ[root]))]
        while stack:
            node, successors = stack[-1]
            for nxt in successors:
                if nxt not in visited:
                    visited.add(nxt)
                    stack.append((nxt, iter(succ[nxt])))
                    break
            else:
                stack.pop()
                postorder.append(node)
    # Everything below works on postorder ranks; the virtual node ranks last, above all others.
    rank = {n: i for i, n in enumerate(postorder)}
    top = len(postorder)
    idom: list = [None] * top + [top]
    for root in roots:
        idom[rank[root]] = top
    starts = {rank[root] for root in roots}
    ordered = [i for i in range(top - 1, -1, -1) if i not in starts]
    changed = True
    while changed:
        changed = False
        for i in ordered:
            new = None
            for other in pred[postorder[i]]:
                j = rank.get(other)
                if j is None or idom[j] is None:
                    continue
                if new is None:
                    new = j
                    continue
                while j != new:  # walk both up the tree found so far until they meet
                    while j < new:
                        j = idom[j]
                    while new < j:
                        new = idom[new]
            if idom[i] != new:
                idom[i] = new
                changed = True
    return {postorder[i]: (None if d == top else postorder[d]) for i, d in enumerate(idom[:top])}


def digraph(nodes, pairs) -> nx.DiGraph:
    """A DiGraph of these nodes and (u, v) edges, without edge attributes (see edge_view())."""
    return edge_view(nodes, [{"source": u, "target": v} for u, v in pairs])


def edge_view(nodes, *edge_lists) -> nx.DiGraph:
    """A DiGraph of these nodes and document edges (maps with source and target), without edge
    attributes. A dict of nodes becomes the view's node map as it is (the design graph passes
    its own, so every view shares one).

    Fills networkx's adjacency dicts (_node, _succ/_adj, _pred) directly, in the layout
    add_edges_from produces: it skips per-edge checks and attribute merging that cost half the
    build time of a view (bench/validator.py). Nodes without edges (most of them in a view of
    one edge kind) share one read-only empty neighbour map, and all edges one read-only empty
    attribute map, so a view costs allocations per edge, not per node.
    """
    if not isinstance(nodes, dict):
        nodes = dict.fromkeys(nodes, _EMPTY)
    succ = dict.fromkeys(nodes, _EMPTY)
    pred = succ.copy()
    for edges in edge_lists:
        for e in edges:
            u = e["source"]
            v = e["target"]
            out = succ[u]
            if out is _EMPTY:
                out = succ[u] = {}
            if v not in out:
                out[v] = _EMPTY
                into = pred[v]
                if into is _EMPTY:
                    into = pred[v] = {}
                into[u] = _EMPTY
    return _adopt(succ, pred, nodes)


def _adopt(succ: dict, pred: dict, nodes: dict) -> nx.DiGraph:
    """A DiGraph over these adjacency maps; its node map is `nodes`, shared (views never change it)."""
    view = nx.DiGraph()
    view._node = nodes
    view._succ = view._adj = succ
    view._pred = pred
    return view


def with_edges(view: nx.DiGraph, edges) -> nx.DiGraph:
    """`view` plus these document edges, leaving `view` as it is.

    Neighbour maps the new edges do not touch are shared with `view` rather than copied: views
    are read-only, and most nodes keep theirs, so a view that extends another costs allocations
    per added edge only.
    """
    succ, pred = view._succ.copy(), view._pred.copy()
    _add_edges(succ, pred, edges)
    return _adopt(succ, pred, view._node)


def _add_edges(succ: dict, pred: dict, edges) -> None:
    """Adds document edges to adjacency maps whose neighbour maps may be shared: each touched map
    is copied once before it changes."""
    own_succ: set = set()
    own_pred: set = set()
    for e in edges:
        u = e["source"]
        v = e["target"]
        out = succ[u]
        if v in out:
            continue
        if u not in own_succ:
            out = succ[u] = {} if out is _EMPTY else out.copy()
            own_succ.add(u)
        out[v] = _EMPTY
        into = pred[v]
        if v not in own_pred:
            into = pred[v] = {} if into is _EMPTY else into.copy()
            own_pred.add(v)
        into[u] = _EMPTY


def without_pairs(view: nx.DiGraph, pairs) -> nx.DiGraph:
    """`view` without these (u, v) edges, leaving `view` as it is (untouched maps are shared)."""
    succ, pred = view._succ.copy(), view._pred.copy()
    for u, v in pairs:
        if v in succ[u]:
            succ[u] = {n: _EMPTY for n in succ[u] if n != v} or _EMPTY
            pred[v] = {n: _EMPTY for n in pred[v] if n != u} or _EMPTY
    return _adopt(succ, pred, view._node)


class DesignGraph:
    """A design as one MultiDiGraph plus the views and derived sets the rules share.

    Node attributes: label, kind, role, props (catalog defaults filled in). Edge keys are the
    document's edge ids; attributes: the document edge itself (kind, and props always present).
    Problem metadata lives in G.graph["problem"]. Groups and notes are left out: they are
    drawing aids, not parts of the system.
    """

    def __init__(self, document: dict):
        nodes: dict = {}
        by_role: dict[str, list] = {}
        # What every node of a kind gets, read off the catalog once per kind rather than per node;
        # annotations (groups, notes) map to None.
        per_kind = {
            kind_id: None
            if kind.is_annotation
            else (kind.defaults, kind.label, kind.role, by_role.setdefault(kind.role, []))
            for kind_id, kind in get_catalog().kinds.items()
        }
        for node in document.get("nodes", []):
            found = per_kind[node["kind"]]
            if found is None:
                continue
            defaults, label, role, members = found
            own = node.get("props")
            node_id = node["id"]
            nodes[node_id] = {
                "label": node.get("label") or label,
                "kind": node["kind"],
                "role": role,
                "props": {**defaults, **own} if own else dict(defaults),
            }
            members.append(node_id)
        # One pass over the edges fills the MultiDiGraph's adjacency (the layout add_edges_from
        # produces, without its per-edge checks) and the edge lists each view is built from: per
        # edge kind, and the fallback request edges, in document order so every
        # traversal (and so every message) is reproducible. A document edge is its own attribute
        # map (kind, props, source, target): read-only here, so nothing is copied per edge.
        succ = {n: {} for n in nodes}
        pred = {n: {} for n in nodes}
        by_kind: dict[str, list] = {kind: [] for kind in (*EDGE_KINDS, "request_fallback")}
        for e in document.get("edges", []):
            u, v = e["source"], e["target"]
            out = succ.get(u)
            if out is None or v not in nodes:
                continue
            if "props" not in e:
                e = {**e, "props": _EMPTY}
            keyed = out.get(v)
            if keyed is None:
                keyed = out[v] = pred[v][u] = {}
            keyed[e["id"]] = e
            kind = e["kind"]
            by_kind[kind].append(e)
            if kind == "request" and e["props"].get("fallback"):
                by_kind["request_fallback"].append(e)
        G = nx.MultiDiGraph()
        G._node = nodes
        G._succ = G._adj = succ
        G._pred = pred
        G.graph["problem"] = dict(document.get("problem") or {})
        self.G = G
        self.problem = G.graph["problem"]
        self._by_role = by_role
        self._edges = by_kind
        self._views: dict[str, nx.DiGraph] = {}

    # -- nodes ---------------------------------------------------------------------------------

    def role(self, node) -> str:
        return self.G._node[node]["role"]

    def label(self, node) -> str:
        return self.G._node[node]["label"]

    def props(self, node) -> dict:
        return self.G._node[node]["props"]

    def with_role(self, roles) -> list:
        """Nodes whose role is one of `roles`, in document order."""
        if isinstance(roles, str):
            roles = (roles,)
        found = [n for role in roles for n in self._by_role.get(role, ())]
        if len(roles) == 1:
            return found
        return sorted(found, key=self.order.__getitem__)

    def with_prop(self, prop: str) -> list:
        """Nodes where the boolean prop is true, in document order."""
        return list(self._flagged.get(prop, ()))

    @cached_property
    def _flagged(self) -> dict[str, list]:
        """Nodes per boolean prop that is true on them: one pass serves every with_prop() call."""
        flagged: dict[str, list] = {}
        for node, attrs in self.G._node.items():
            for prop, value in attrs["props"].items():
                if value is True:
                    flagged.setdefault(prop, []).append(node)
        return flagged

    def names(self, nodes, limit: int = 12) -> str:
        """Labels joined as a path: "Gateway → App → Ranker"; long paths keep their two ends."""
        attrs = self.G._node  # read directly: messages name thousands of components per validation
        if len(nodes) > limit:
            middle = len(nodes) - limit + 1
            return " → ".join(
                [
                    *[attrs[n]["label"] for n in nodes[:6]],
                    f"… {middle} more",
                    *[attrs[n]["label"] for n in nodes[-(limit - 7) :]],
                ]
            )
        return " → ".join([attrs[n]["label"] for n in nodes])

    # -- views per edge kind -------------------------------------------------------------------

    def _view(self, kind: str) -> nx.DiGraph:
        """The view of one edge kind, built the first time a rule asks for it."""
        view = self._views.get(kind)
        if view is None:
            view = self._views[kind] = edge_view(self.G._node, self._edges[kind])
        return view

    @property
    def request(self) -> nx.DiGraph:
        """Synchronous calls, caller → callee (fallback calls included)."""
        return self._view("request")

    @cached_property
    def request_primary(self) -> nx.DiGraph:
        """Synchronous calls without the fallback-only ones: what latency and load add up over."""
        adjacency = self.G._succ
        return without_pairs(
            self.request,
            [
                (e["source"], e["target"])
                for e in self._edges["request_fallback"]
                if not any(
                    d["kind"] == "request" and not d["props"].get("fallback")
                    for d in adjacency[e["source"]][e["target"]].values()
                )
            ],
        )

    @property
    def data(self) -> nx.DiGraph:
        return self._view("data")

    @property
    def telemetry(self) -> nx.DiGraph:
        return self._view("telemetry")

    @property
    def deploy(self) -> nx.DiGraph:
        return self._view("deploy")

    @cached_property
    def log(self) -> nx.DiGraph:
        """Data and telemetry together: everything a component emits that others can read."""
        return with_edges(self.data, self._edges["telemetry"])

    @cached_property
    def artifact(self) -> nx.DiGraph:
        """How models travel: deploy edges, plus data edges leaving a trainer (trainer → trainer)."""
        trainers = set(self.with_role(TRAINING_ROLES))
        return with_edges(self.deploy, [e for e in self._edges["data"] if e["source"] in trainers])

    @cached_property
    def influence(self) -> nx.DiGraph:
        """Where a component's output ends up as data: every edge, request edges reversed (replies flow back).

        Observability and scheduling components pass on alerts and triggers, not the data itself,
        so nothing flows out of them here. Starts from the request view turned around (its maps
        are shared, not copied) and adds the other edges.
        """
        edges = self._edges
        control = set(self.with_role(CONTROL_ROLES))
        succ, pred = self.request._pred.copy(), self.request._succ.copy()
        for node in control:
            for other in succ[node]:
                pred[other] = {n: _EMPTY for n in pred[other] if n != node} or _EMPTY
            succ[node] = _EMPTY
        _add_edges(
            succ,
            pred,
            [e for kind in ("data", "telemetry", "deploy") for e in edges[kind] if e["source"] not in control],
        )
        return _adopt(succ, pred, self.G._node)

    def edge_ids(self, path: list, kinds=EDGE_KINDS, fallback: bool = True) -> list[str]:
        """Document ids of the edges of these kinds along a node path (without fallback ones if asked)."""
        adjacency = self.G._succ
        if fallback:
            return [
                key
                for u, v in itertools.pairwise(path)
                for key, data in adjacency[u].get(v, _EMPTY).items()
                if data["kind"] in kinds
            ]
        return [
            key
            for u, v in itertools.pairwise(path)
            for key, data in adjacency[u].get(v, _EMPTY).items()
            if data["kind"] in kinds and not data["props"].get("fallback")
        ]

    @cached_property
    def order(self) -> dict:
        """Position of each node in the document, for stable output."""
        return {n: i for i, n in enumerate(self.G)}

    @staticmethod
    def role_name(role: str) -> str:
        return role.replace("_", " ")

    # -- derived sets --------------------------------------------------------------------------

    @cached_property
    def entries(self) -> list:
        """Where requests enter: client and gateway roles; without them, the top callers."""
        found = self.with_role(ENTRY_ROLES)
        if found:
            return found
        request = self.request
        return [
            n for n in self.G if request._succ[n] and not request._pred[n] and self.role(n) not in OFFLINE_ONLY_ROLES
        ]

    @cached_property
    def top_entries(self) -> list:
        """Entries that no other component calls: each is assumed to see the peak load."""
        primary = self.request_primary
        top = [n for n in self.entries if not primary._pred[n]]
        return top or self.entries

    @cached_property
    def request_dag(self) -> tuple[dict, list]:
        """acyclic_order() of the primary (non-fallback) request view from the entries, shared by
        latency and load (nothing else carries user requests)."""
        return acyclic_order(self.request_primary, self.entries)

    @cached_property
    def _online(self) -> tuple[dict, list]:
        request = self.request
        roots = [n for n in self.entries if not request._pred[n]]
        reached = bfs(request, roots)
        rest = [n for n in self.entries if n not in reached]
        if rest:
            reached.update(bfs(request, rest, blocked=reached.keys()))
        return reached, roots + rest

    @property
    def online(self) -> dict:
        """Components reachable by request edges from an entry (a bfs() result: node → parent).

        Walks from the entries nobody calls first, so witness paths start where users are.
        """
        return self._online[0]

    @property
    def request_roots(self) -> list:
        """The entries the online walk starts from: those nobody calls, then any it could not reach."""
        return self._online[1]

    @cached_property
    def dominators(self) -> dict:
        """Immediate dominator of every online component on the request graph: the last component
        every request to it must pass through (None for an entry).

        Fallback edges count, since they are a way around a failure.
        """
        if not self.online:
            return {}
        return immediate_dominators(self.request, self.request_roots)

    def dominator_chain(self, node) -> list:
        """The components every request to `node` passes through, from its entry to `node`."""
        idom = self.dominators
        chain = [node]
        while (node := idom[node]) is not None:
            chain.append(node)
        return chain[::-1]

    @cached_property
    def trained(self) -> dict:
        """Components a trainer's models reach along the artifact view (a bfs() result)."""
        return bfs(self.artifact, self.with_role(TRAINING_ROLES))

    @cached_property
    def reaches_training(self) -> set:
        """Components with a data or telemetry path into a trainer (a set)."""
        return reach(self.log, self.with_role(TRAINING_ROLES), reverse=True)

    def logs_served_features(self, node) -> bool:
        """Whether `node` or one of its callers logs its served features (telemetry edge with
        logs_features) somewhere that flows into training."""
        loggers = self._feature_loggers
        return node in loggers or not loggers.isdisjoint(self.request._pred[node])

    @cached_property
    def _feature_loggers(self) -> set:
        """Components with a logs_features telemetry edge into something that flows into training."""
        reaches = self.reaches_training
        return {
            e["source"] for e in self._edges["telemetry"] if e["props"].get("logs_features") and e["target"] in reaches
        }

    @cached_property
    def fallback_callers(self) -> set:
        """Components with at least one fallback request edge: they have an answer when a call fails."""
        return {e["source"] for e in self._edges["request_fallback"]}

    @cached_property
    def serving(self) -> list:
        return self.with_role(SERVING_ROLES)

    def ungated_deploys(self, gate_role: str) -> list[tuple]:
        """(serving node, witness path) for each serving component a trainer's artifact reaches
        along deploy/data edges without passing a component of `gate_role`."""
        reached = bfs(self.artifact, self.with_role(TRAINING_ROLES), blocked=set(self.with_role(gate_role)))
        return [(node, witness(reached, node)) for node in self.serving if node in reached]
