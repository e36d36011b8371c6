"""One networkx graph per validation: the design's components, a view per edge kind and the sets rules share.

Everything here is built with networkx's public API, and the rules call its algorithms on these
views; an algorithm only one rule needs lives in that rule's module.
"""

from __future__ import annotations

import itertools
from functools import cached_property

import networkx as nx

from component_catalog.catalog import get_catalog

# Catalog roles the rules reason about (never concrete kind ids).
ENTRY_ROLES = frozenset({"client", "api_gateway", "sensor"})
#: Components that narrow a corpus to candidates on the request path: indexes and index-free generators.
RETRIEVAL_ROLES = frozenset({"candidate_retrieval", "candidate_generation"})
#: Large language models: served on your own GPUs, or a vendor's behind an API.
LLM_ROLES = frozenset({"llm_server", "hosted_llm_api"})
#: Components that answer requests with a model's or an index's output.
SERVING_ROLES = frozenset({"model_server", "embedding_model", "edge_device", *RETRIEVAL_ROLES, *LLM_ROLES})
MONITOR_ROLES = frozenset({"monitoring", "drift_detector"})
TRAINING_ROLES = frozenset({"training_pipeline", "distributed_training"})
RAW_SOURCE_ROLES = frozenset({"data_source", "event_stream", "client", "database", "sensor"})
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
        "document_ingestion",
        "llm_judge",
        "model_compiler",
        "ota_rollout",
        "auto_labeler",
        "active_learning_selector",
    }
)

#: Components that watch or schedule others: what flows out of them is a signal, not data.
CONTROL_ROLES = frozenset({"monitoring", "drift_detector", "alerting", "orchestrator"})

EDGE_KINDS = ("request", "data", "telemetry", "deploy", "control")


def num(value: float) -> str:
    """A number as a person writes it: 50,000 / 0.5 / 12.25."""
    if type(value) is int:
        return f"{value:,}"
    if value == float("inf"):
        return "∞"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


class Reached:
    """What a breadth-first search from `sources` reaches in `view`, with a shortest path to each.

    Sources that are not in the view (hidden by a restricted view) are skipped. The witness path
    steps back through the first predecessor (in document order) one level closer to a source, so
    messages are reproducible.
    """

    def __init__(self, view: nx.Graph, sources):
        # A directed view; typed Graph because types-networkx types restricted_view's result so.
        self.view: nx.DiGraph = view  # type: ignore[assignment]
        starts = [s for s in dict.fromkeys(sources) if s in view]
        self.depth = {n: d for d, layer in enumerate(nx.bfs_layers(view, starts)) for n in layer} if starts else {}

    def __contains__(self, node) -> bool:
        return node in self.depth

    def __len__(self) -> int:
        return len(self.depth)

    def __iter__(self):
        return iter(self.depth)

    def path(self, node) -> list:
        """A shortest path from a source to `node` (which must have been reached)."""
        depth, predecessors = self.depth, self.view.predecessors
        path = [node]
        for level in range(depth[node] - 1, -1, -1):
            path.append(next(p for p in predecessors(path[-1]) if depth.get(p) == level))
        return path[::-1]


def reached_set(view: nx.DiGraph, sources) -> set:
    """Every node a breadth-first search from `sources` reaches (sources included)."""
    starts = [s for s in dict.fromkeys(sources) if s in view]
    return set().union(*nx.bfs_layers(view, starts)) if starts else set()


def ordered_parts(view: nx.DiGraph) -> tuple[dict, list[set]]:
    """The strongly connected parts of `view` in an order where every edge between two parts goes
    from an earlier part to a later one, and each node's part index.

    That is a topological order of networkx's condensation, without building the condensed graph
    (the largest cost of the rules that need it, bench/validator.py): in a depth-first postorder
    every node finishes after all it reaches outside its own part, so the reverse postorder meets
    each part after every part that reaches it.
    """
    parts = list(nx.strongly_connected_components(view))
    index = {n: i for i, part in enumerate(parts) for n in part}
    order: dict = {}
    for node in reversed(list(nx.dfs_postorder_nodes(view))):
        order.setdefault(index[node], parts[index[node]])
    return index, list(order.values())


#: One empty map shared by everything that has no attributes (never written to).
_NO_ATTRIBUTES: dict = {}


class _View(nx.DiGraph):
    """A DiGraph whose nodes and edges carry no attributes (they are all G's), so all of them
    share one empty attribute map: networkx's documented factory hooks, used to allocate a third
    fewer dicts per view (bench/validator.py). Views are never given attributes."""

    def node_attr_dict_factory(self):
        return _NO_ATTRIBUTES

    def edge_attr_dict_factory(self):
        return _NO_ATTRIBUTES


def pair_view(nodes, pairs) -> nx.DiGraph:
    """A DiGraph over these nodes with these (u, v) edges and no attributes."""
    view = _View()
    view.add_nodes_from(nodes)
    view.add_edges_from(pairs)
    return view


class DesignGraph:
    """A design as one graph of its components and connections, plus the views and derived sets the
    rules share.

    G has every component (groups and notes left out: they are drawing aids) and one edge per pair
    of connected components, in document order; what they are is read through role(), label(),
    props() and edge_ids(). Graphs carry no attributes: the components' figures and the document's
    edges live beside them (a MultiDiGraph with attributes held the same at twice the cost to
    build, bench/validator.py).
    Groups and notes are left out: they are drawing aids, not parts of the system. Views are
    DiGraphs of one or more edge kinds without attributes; they share the node order of G, which
    is the document's.
    """

    def __init__(self, document: dict):
        kinds = get_catalog().kinds
        self.problem = dict(document.get("problem") or {})
        #: The document's features and signals (designer/format.py), in its order.
        self.features: list[dict] = list(document.get("features") or ())
        self.signals: list[dict] = list(document.get("signals") or ())
        #: Per component: label, kind, role and props (catalog defaults filled in), in document order.
        self.components: dict[str, dict] = {
            node["id"]: {
                "label": node.get("label") or kind.label,
                "kind": node["kind"],
                # A custom component plays the catalog role it names (document.py allows `role` on no other kind).
                "role": node.get("role") or kind.role,
                "props": {**kind.defaults, **(node.get("props") or {})},
            }
            for node in document.get("nodes", [])
            if not (kind := kinds[node["kind"]]).is_annotation
        }
        components = self.components
        self._edges: dict[str, list[tuple]] = {kind: [] for kind in EDGE_KINDS}
        self._between: dict[tuple, list] = {}
        for e in document.get("edges", []):
            u, v = e["source"], e["target"]
            if u not in components or v not in components:
                continue  # an edge to a note or group, drawing aids too
            props = e.get("props") or _NO_ATTRIBUTES
            self._between.setdefault((u, v), []).append((e["id"], e["kind"], props))
            self._edges[e["kind"]].append((u, v, props))
        self.G = pair_view(components, self._between)

    def close(self) -> None:
        """Empty the graph and every view built from it.

        A networkx graph refers to itself through the views it caches (G.nodes, G.adj, G.edges …),
        so a dropped graph waits for the cyclic garbage collector, and every collection until then
        walks all of its dicts (bench/validator.py measured validation 2-3× slower from that
        alone). Emptied graphs keep only those small cycles; their contents go at once.
        """
        for value in [self.G, *self.__dict__.values()]:
            if isinstance(value, nx.Graph):
                value.clear()
        self.__dict__.clear()

    # -- nodes ---------------------------------------------------------------------------------

    def role(self, node) -> str:
        return self.components[node]["role"]

    def label(self, node) -> str:
        return self.components[node]["label"]

    def props(self, node) -> dict:
        return self.components[node]["props"]

    @cached_property
    def _by_role(self) -> dict[str, list]:
        by_role: dict[str, list] = {}
        for node, attrs in self.components.items():
            role = attrs["role"]
            by_role.setdefault(role, []).append(node)
        return by_role

    def with_role(self, roles) -> list:
        """Nodes whose role is one of `roles`, in document order (a new list each call)."""
        if isinstance(roles, str):
            return list(self._by_role.get(roles, ()))
        found = [n for role in set(roles) for n in self._by_role.get(role, ())]
        return sorted(found, key=self.order.__getitem__)

    def with_prop(self, prop: str) -> list:
        """Nodes where the boolean prop is true, in document order."""
        return [n for n, attrs in self.components.items() if attrs["props"].get(prop) is True]

    def generation_ms(self, node) -> float | None:
        """Time a generation model takes for a whole response: time_to_first_token_ms plus its
        output tokens (output_tokens, else problem.tokens_per_request) at stream_tokens_per_s;
        None without those figures."""
        props = self.props(node)
        first = props.get("time_to_first_token_ms")
        tokens = props.get("output_tokens") or self.problem.get("tokens_per_request")
        speed = props.get("stream_tokens_per_s")
        if first is None or not tokens or not speed:
            return None
        return first + tokens * 1000 / speed

    def latency_ms(self, node) -> float:
        """A component's p99 latency: latency_ms, or for a generation model its generation_ms()."""
        generation = self.generation_ms(node)
        return generation if generation is not None else self.props(node).get("latency_ms", 0)

    def names(self, nodes, limit: int = 12) -> str:
        """Labels joined as a path: "Gateway → App → Ranker"; long paths keep their two ends."""
        labels = [self.label(n) for n in nodes]
        if len(labels) > limit:
            labels = [*labels[:6], f"… {len(labels) - limit + 1} more", *labels[-(limit - 7) :]]
        return " → ".join(labels)

    @cached_property
    def order(self) -> dict:
        """Position of each node in the document, for stable output."""
        return {n: i for i, n in enumerate(self.G)}

    @staticmethod
    def role_name(role: str) -> str:
        return role.replace("_", " ")

    def edge_ids(self, path: list, kinds=EDGE_KINDS, fallback: bool = True) -> list[str]:
        """Document ids of the edges of these kinds along a node path (without fallback ones if asked)."""
        return [
            edge_id
            for u, v in itertools.pairwise(path)
            for edge_id, kind, props in self._between.get((u, v), ())
            if kind in kinds and (fallback or not props.get("fallback"))
        ]

    # -- views per edge kind -------------------------------------------------------------------

    def _pairs(self, kind: str, keep=None) -> list[tuple]:
        return [(u, v) for u, v, props in self._edges[kind] if keep is None or keep(u, v, props)]

    @cached_property
    def request(self) -> nx.DiGraph:
        """Synchronous calls, caller → callee (fallback calls included)."""
        return pair_view(self.G, self._pairs("request"))

    @cached_property
    def request_primary(self) -> nx.DiGraph:
        """Synchronous calls without the fallback-only ones: what latency and load add up over."""
        return pair_view(self.G, self._pairs("request", lambda u, v, props: not props.get("fallback")))

    @cached_property
    def data(self) -> nx.DiGraph:
        return pair_view(self.G, self._pairs("data"))

    @cached_property
    def telemetry(self) -> nx.DiGraph:
        return pair_view(self.G, self._pairs("telemetry"))

    @cached_property
    def deploy(self) -> nx.DiGraph:
        return pair_view(self.G, self._pairs("deploy"))

    @cached_property
    def control(self) -> nx.DiGraph:
        """Schedules and triggers: they start jobs and carry no data, so no other view holds them."""
        return pair_view(self.G, self._pairs("control"))

    @cached_property
    def log(self) -> nx.DiGraph:
        """Data and telemetry together: everything a component emits that others can read."""
        return pair_view(self.G, self._pairs("data") + self._pairs("telemetry"))

    @cached_property
    def artifact(self) -> nx.DiGraph:
        """How models travel: deploy edges, data edges leaving a trainer (trainer → trainer), and
        both ways along the request edges that join trainers into one training job (a pipeline
        and the parameter servers it calls)."""
        trainers = set(self.with_role(TRAINING_ROLES))
        job = [(u, v) for u, v in self._pairs("request") if u in trainers and v in trainers]
        return pair_view(
            self.G,
            self._pairs("deploy")
            + self._pairs("data", lambda u, v, props: u in trainers)
            + job
            + [(v, u) for u, v in job],
        )

    @cached_property
    def influence(self) -> nx.DiGraph:
        """Where a component's output ends up as data: every edge, request edges reversed (replies flow back).

        Observability and scheduling components pass on alerts and triggers, not the data itself,
        so no reply, data or telemetry flows out of them here. Every artifact edge is in it: a
        model's path to serving is one of the ways its training data reaches the world.
        """
        control = set(self.with_role(CONTROL_ROLES))
        replies = [(v, u) for u, v in self._pairs("request") if v not in control]
        flows = [(u, v) for kind in ("data", "telemetry") for u, v in self._pairs(kind) if u not in control]
        return pair_view(self.G, replies + flows + list(self.artifact.edges))

    # -- derived sets --------------------------------------------------------------------------

    @cached_property
    def entries(self) -> list:
        """Where requests enter: client and gateway roles; without them, the top callers."""
        found = self.with_role(ENTRY_ROLES)
        if found:
            return found
        request = self.request
        return [
            n
            for n in self.G
            if request.out_degree(n) and not request.in_degree(n) and self.role(n) not in OFFLINE_ONLY_ROLES
        ]

    @cached_property
    def top_entries(self) -> list:
        """Entries that no other component calls: each is assumed to see the peak load."""
        primary = self.request_primary
        top = [n for n in self.entries if not primary.in_degree(n)]
        return top or self.entries

    @cached_property
    def request_dag(self) -> tuple[dict, list]:
        """(callees, order) over what the entries reach by primary (non-fallback) calls: the callees
        of each component without the calls inside a loop, and a topological order of those calls.

        Latency and load are sums along call chains, which only make sense on a DAG; the loops
        themselves are the request-cycle rule's. Shared by latency and load (nothing else carries
        user requests).
        """
        primary = self.request_primary
        reached = reached_set(primary, self.entries)
        index, parts = ordered_parts(primary)
        order = [n for part in parts for n in part if n in reached]
        callees = {n: [c for c in primary.successors(n) if index[c] != index[n]] for n in order}
        return callees, order

    @cached_property
    def _load(self) -> tuple[dict, dict]:
        load: dict = {}
        busiest: dict = {}
        peak = self.problem.get("peak_qps")
        if not peak or not self.top_entries:
            return load, busiest
        callees, order = self.request_dag
        load = dict.fromkeys(order, 0)
        for entry in self.top_entries:
            load[entry] = peak
        position = self.order
        for node in order:
            qps = load[node]
            if not qps:
                continue
            for callee in callees[node]:
                load[callee] += qps
                best = busiest.get(callee)
                # The witness is the caller sending the most; among equals the first in the document.
                if best is None or qps > load[best] or (qps == load[best] and position[node] < position[best]):
                    busiest[callee] = node
        return load, busiest

    @property
    def peak_load(self) -> dict:
        """Peak QPS reaching each component the entries call: problem.peak_qps enters at every top
        entry and each callee receives the QPS of each of its callers, added up, along primary
        (non-fallback) request edges. Empty when no peak QPS is set."""
        return self._load[0]

    def load_path(self, node) -> list:
        """The calls that bring `node` most of its load, from an entry: each step the caller sending
        the most (the first in the document among equals)."""
        busiest = self._load[1]
        path = [node]
        while path[-1] in busiest and len(path) <= len(busiest) + 1:
            path.append(busiest[path[-1]])
        return path[::-1]

    @cached_property
    def request_roots(self) -> list:
        """The entries requests start from: those nobody calls, then any those cannot reach."""
        request = self.request
        roots = [n for n in self.entries if not request.in_degree(n)]
        covered = reached_set(request, roots)
        return roots + [n for n in self.entries if n not in covered]

    @cached_property
    def online(self) -> Reached:
        """Components reachable by request edges from an entry, each with a shortest call path."""
        return Reached(self.request, self.request_roots)

    @cached_property
    def dominators(self) -> dict:
        """Immediate dominator of every online component on the request graph: the last component
        every request to it must pass through (None for the entries requests start from).

        Fallback edges count, since they are a way around a failure. Requests start at several
        entries, so one virtual caller of all of them is the start of the dominator tree.
        """
        if not self.online:
            return {}
        start = object()
        online = self.online.depth
        rooted = pair_view(online, self.request.edges(online))
        rooted.add_edges_from((start, root) for root in self.request_roots)
        return {n: (None if d is start else d) for n, d in nx.immediate_dominators(rooted, start).items()}

    def dominator_chain(self, node) -> list:
        """The components every request to `node` passes through, from its entry to `node`."""
        idom = self.dominators
        chain = [node]
        while (node := idom[node]) is not None:
            chain.append(node)
        return chain[::-1]

    def covering_callers(self, node) -> list:
        """The components whose coverage counts for `node`: its direct callers, and the components
        every request to it passes through (its dominators on the request graph), nearest first.

        A caller that every request passes through sees every request and every answer, so its
        logs, drift checks and fallback cover what it calls.
        """
        callers = list(self.request.predecessors(node))
        if node in self.online:
            callers += [d for d in reversed(self.dominator_chain(node)[:-1]) if d not in callers]
        return callers

    @cached_property
    def trained(self) -> Reached:
        """Components a trainer's models reach along the artifact view, with a path from a trainer."""
        return Reached(self.artifact, self.with_role(TRAINING_ROLES))

    @cached_property
    def _freshness(self) -> tuple:
        """(flows, sources, staleness, distance) behind data_age() and freshest_path()."""
        control = set(self.with_role(CONTROL_ROLES))
        indexers = set(self.with_role("embedding_indexer"))
        # What carries data: data edges (not triggers from schedulers and alerts) and index builds.
        flows = pair_view(
            self.G,
            [
                *((u, v) for u, v in self._pairs("data") if u not in control),
                *((u, v) for u, v in self._pairs("deploy") if u in indexers),
            ],
        )
        # Where data originates: raw sources (clients, sensors, event logs and streams) and what
        # nothing feeds. A database that a job fills holds a copy, as fresh as what fills it.
        sources = {
            n
            for n in flows
            if n not in control
            and (
                (self.role(n) in RAW_SOURCE_ROLES and not (self.role(n) == "database" and flows.in_degree(n)))
                or (flows.out_degree(n) and not flows.in_degree(n))
            )
        }
        cost = {n: self.staleness(n) for n in flows}
        # Every component on a path adds its staleness: Dijkstra weighs edges, so an edge weighs what
        # its source adds, and data_age() adds the last component's own.
        dist = nx.multi_source_dijkstra_path_length(flows, sources, weight=lambda u, v, _: cost[u]) if sources else {}
        return flows, sources, cost, dist

    def data_age(self, node) -> float | None:
        """How old the freshest data reaching `node` is, in seconds: the staleness_s of every
        component on the freshest path from where data originates, its own included; None when no
        data reaches it. Control edges carry none; index builds do."""
        _, _, cost, dist = self._freshness
        return dist[node] + cost[node] if node in dist else None

    def staleness(self, node) -> float:
        """What `node` itself adds to the age of the data passing through it (staleness_s)."""
        return self.props(node).get("staleness_s", 0)

    def freshest_path(self, node) -> list:
        """A freshest path into `node` (which data must reach), read back from the distances: a step
        back from v to u is on one when dist[u] + cost[u] == dist[v]. A breadth-first search back along
        those steps finds the one with fewest hops (the first predecessor in document order among
        equals). Only the paths of findings are built this way, not one per component."""
        flows, sources, cost, dist = self._freshness
        back = {node: None}
        queue = [node]
        for here in queue:
            if here in sources:
                path = [here]
                while back[path[-1]] is not None:
                    path.append(back[path[-1]])
                return path
            for before in flows.predecessors(here):
                if before not in back and before in dist and dist[before] + cost[before] == dist[here]:
                    back[before] = here
                    queue.append(before)
        return [node]

    def trainers_of(self, node) -> list:
        """The trainers whose models reach `node` along the artifact view, in document order."""
        found = self._trainers_of.get(node)
        if found is None:
            upstream = nx.ancestors(self.artifact, node)
            found = self._trainers_of[node] = [t for t in self._trainers if t in upstream]
        return found

    @cached_property
    def _trainers_of(self) -> dict:
        return {}

    @cached_property
    def _trainers(self) -> list:
        return self.with_role(TRAINING_ROLES)

    @cached_property
    def reaches_training(self) -> set:
        """Components with a data or telemetry path into a trainer."""
        return reached_set(self.log.reverse(copy=False), self.with_role(TRAINING_ROLES))

    def logs_served_features(self, node) -> bool:
        """Whether `node` or one of its covering callers logs what it serves (telemetry edge with
        logs_features) somewhere that flows into training."""
        loggers = self._feature_loggers
        return node in loggers or any(caller in loggers for caller in self.covering_callers(node))

    @cached_property
    def _feature_loggers(self) -> set:
        """Components with a logs_features telemetry edge into something that flows into training."""
        reaches = self.reaches_training
        return {u for u, v, props in self._edges["telemetry"] if props.get("logs_features") and v in reaches}

    @cached_property
    def fallback_callers(self) -> set:
        """Components with at least one fallback request edge: they have an answer when a call fails."""
        return {u for u, v, props in self._edges["request"] if props.get("fallback")}

    def degrades_gracefully(self, caller, callee) -> bool:
        """Whether `caller` still answers when its call to `callee` fails: it has a fallback edge,
        a component every request to it passes through has one, or `callee` is one of two or more
        retrieval sources it calls in parallel while tolerating a failed branch."""
        fallbacks = self.fallback_callers
        if caller in fallbacks or (caller in self.online and not fallbacks.isdisjoint(self.dominator_chain(caller))):
            return True
        props = self.props(caller)
        if not (props.get("parallel") and props.get("tolerates_partial")) or self.role(callee) not in RETRIEVAL_ROLES:
            return False
        sources = [c for c in self.request_primary.successors(caller) if self.role(c) in RETRIEVAL_ROLES]
        return len(sources) >= 2

    def guards_of(self, node, direction: str) -> list:
        """Components that check what goes into (direction "input") or comes out of ("output")
        `node` on every request: guardrail components, or any component with a `guards` prop,
        whose `guards` covers that direction, on the way to it (its dominators), called by a
        component every request to it passes through (its covering callers), or called by it."""
        if node not in self.online:
            return []
        request = self.request
        around = [*self.dominator_chain(node)[:-1], *self.covering_callers(node), node]
        candidates = dict.fromkeys(around[:-1])
        for caller in around:
            candidates.update(dict.fromkeys(request.successors(caller)))
        return [
            n
            for n in candidates
            if n != node
            and (self.role(n) == "guardrail" or "guards" in self.props(n))
            and self.props(n).get("guards", "input_output") in (direction, "input_output")
        ]

    @cached_property
    def privacy_filters(self) -> set:
        """Components that remove or mask personal data: privacy_filter ones and any with filters_pii."""
        return set(self.with_role("privacy_filter")) | set(self.with_prop("filters_pii"))

    @cached_property
    def serving(self) -> list:
        return self.with_role(SERVING_ROLES)

    def ungated_deploys(self, gate_role: str) -> list[tuple]:
        """(serving node, witness path) for each serving component a trainer's artifact reaches
        along deploy/data edges without passing a component of `gate_role`."""
        ungated = Reached(
            nx.restricted_view(self.artifact, self.with_role(gate_role), []), self.with_role(TRAINING_ROLES)
        )
        return [(node, ungated.path(node)) for node in self.serving if node in ungated]
