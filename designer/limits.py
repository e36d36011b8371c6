"""Every documented limit of the design format, the operations and the websocket protocol, defined once.

Everything else imports these names: the format definition (designer/format.py), the op checker,
the protocol, comments, serializers, the welcome message the editor reads its limits from, and
docs/format.md's limits table (written by `make contracts`, checked fresh by a test).
"""

from __future__ import annotations

import re

# --- the design document (docs/format.md) -------------------------------------------------------
DOCUMENT_BYTES = 5 * 1024 * 1024  #: a document as UTF-8 JSON
NODES = 5000
EDGES = 20000
LABEL_CHARS = 200  #: labels, the title, custom string props
TEXT_CHARS = 2000  #: the problem statement, a note's text
JSON_DEPTH = 20  #: levels of JSON nesting in a document
PROPS_PER_ITEM = 50  #: props on one node or edge
PROP_NAME_CHARS = 40
METRICS = 50  #: entries in problem.offline_metrics / online_metrics
METRIC_CHARS = 100
FEATURES = 500  #: entries in features
SIGNALS = 100  #: entries in signals
FEATURE_NAME_CHARS = 100  #: a feature's or a signal's name
RULES_LISTED = 200  #: entries in settings.disabled_rules / settings.severity
COORD = 1_000_000  #: |x|, |y|, width, height (canvas units)
ID_PATTERN = r"^[A-Za-z0-9_.:-]{1,64}$"  #: node, edge and client_op ids
ID_CHARS = 64
PROP_NAME_PATTERN = rf"^[a-z][a-z0-9_]{{0,{PROP_NAME_CHARS - 1}}}$"
RULE_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"

# --- checking a document (bounds on the checker's own work and answer) ---------------------------
PROBLEMS_LISTED = 100  #: problems in one answer; the rest are counted in a last line
SUGGESTIONS = 10  #: "did you mean" hints per document
SUGGESTION_CANDIDATES = 2000  #: ids compared with one unknown reference

REQUEST_BYTES = DOCUMENT_BYTES + 1024 * 1024  #: an HTTP body: a document and its envelope

# --- operations -----------------------------------------------------------------------------
OPS_PER_BATCH = 500

# --- comments, presence and the websocket (docs/protocol.md) ---------------------------------
COMMENT_CHARS = 2000
SELECTION_MAX = 200  #: ids in one presence.update
MESSAGE_BYTES = 1024 * 1024  #: one websocket frame (uvicorn --ws-max-size closes bigger ones with 1009)
MESSAGE_DEPTH = JSON_DEPTH + 3  #: message → ops → op → a document at most JSON_DEPTH deep
RATE_PER_SECOND = 50  #: messages per second per socket (REALTIME_RATE_PER_SECOND raises it)
RATE_BURST = 100  #: messages saved up per socket (REALTIME_RATE_BURST)
SYNC_MAX_BATCHES = 1000  #: further behind than this, a client gets a snapshot instead of batches

ID_RE = re.compile(ID_PATTERN)
PROP_NAME_RE = re.compile(PROP_NAME_PATTERN)
RULE_ID_RE = re.compile(RULE_ID_PATTERN)


def mib(n: int) -> str:
    """5242880 → "5 MiB"."""
    return f"{n // (1024 * 1024)} MiB"


#: The rows of docs/format.md's limits table: (what, value as written).
FORMAT_TABLE = (
    ("document size (UTF-8 JSON)", mib(DOCUMENT_BYTES)),
    ("nodes", f"{NODES:,}"),
    ("edges", f"{EDGES:,}"),
    ("label / title", f"{LABEL_CHARS:,} characters"),
    ("statement, note text", f"{TEXT_CHARS:,} characters"),
    ("JSON nesting", f"{JSON_DEPTH} levels"),
    ("props per node or edge", f"{PROPS_PER_ITEM}"),
    ("metrics per list", f"{METRICS}"),
    ("features / signals", f"{FEATURES} / {SIGNALS}"),
    ("feature or signal name", f"{FEATURE_NAME_CHARS} characters"),
    ("rules in `disabled_rules` or `severity`", f"{RULES_LISTED}"),
    ("ids", f"1–{ID_CHARS} characters of `A-Z a-z 0-9 _ . : -`"),
    ("coordinates and sizes", f"±{COORD:,}"),
    ("operations per batch (`POST /api/designs/{id}/ops/`, `op.submit`)", f"{OPS_PER_BATCH}"),
    ("comment body", f"{COMMENT_CHARS:,} characters"),
    ("problems listed in one answer", f"{PROBLEMS_LISTED}"),
)
