"""Heavy work in worker processes (designer/offload.py): the same answers as in place, a time bound with a
clear 422, a queue bound, and a worker that dies or will not stop never takes the pool down."""

from __future__ import annotations

import json
import os
import signal
import threading
import time

import pytest

from designer import offload
from designer.document import InvalidDocument, Problem
from designer.services import design_apply_ops, design_create
from tests.browser import BrowserClient as Client
from tests.documents import chain_document

pytestmark = pytest.mark.django_db

BIG = 600  # nodes: over the default HEAVY_OFFLOAD_ITEMS, so the work goes to a worker
BIG_TEXT = 32 * 1024  # characters of JSON text: HEAVY_OFFLOAD_BYTES's default


def big_design(nodes: int = BIG) -> dict:
    return chain_document(nodes, "Big")


# Jobs for the pool: module-level, so a worker process can import them.
def worker_pid(_doc: dict) -> int:
    return os.getpid()


def refuse(_doc: dict):
    raise InvalidDocument([Problem("nodes[3].kind", "unknown kind")])


def spin(_doc: dict):
    while True:
        pass


def deaf(_doc: dict):
    """Never sees the time bound's alarm (as C code that does not return to the interpreter)."""
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])
    while True:
        time.sleep(0.05)


def hold(_doc: dict, seconds: float) -> None:
    time.sleep(seconds)


def die(_doc: dict):
    os.kill(os.getpid(), signal.SIGKILL)


def niceness(_doc) -> int:
    return os.nice(0)


@pytest.fixture
def pool():
    made = offload.Pool(workers=1, queue_s=0, time_s=5, min_items=BIG, min_bytes=BIG_TEXT, niceness=7)
    yield made
    if made._executor is not None:
        made._executor.shutdown(wait=True, cancel_futures=True)


def test_large_documents_go_to_a_worker_and_small_ones_stay_here(pool):
    assert pool.run(worker_pid, big_design()) != os.getpid()
    assert pool.run(worker_pid, big_design(10)) == os.getpid()


def test_large_json_text_goes_to_a_worker_and_short_text_stays_here(pool):
    text = json.dumps(big_design(10))
    assert pool.run(worker_pid, text + " " * (BIG_TEXT - len(text))) != os.getpid()
    assert pool.run(worker_pid, text) == os.getpid()
    assert pool.run(worker_pid, text.encode() + b" " * (BIG_TEXT - len(text))) != os.getpid()


def test_workers_run_nicer_than_the_server_so_its_sockets_get_a_busy_core_first(pool):
    assert pool.run(niceness, big_design()) == os.nice(0) + 7
    assert pool.run(niceness, big_design(10)) == os.nice(0)


def test_a_workers_refusal_comes_back_as_it_was_raised(pool):
    with pytest.raises(InvalidDocument) as refused:
        pool.run(refuse, big_design())
    assert [p.as_dict() for p in refused.value.problems] == [{"path": "nodes[3].kind", "message": "unknown kind"}]


def test_a_job_past_its_time_bound_is_stopped_and_the_worker_serves_the_next(pool):
    pool.time_s = 0.2
    with pytest.raises(offload.TooSlow):
        pool.run(spin, big_design())
    pool.time_s = 5
    assert pool.run(worker_pid, big_design()) != os.getpid()


def test_a_job_that_ignores_the_time_bound_is_killed_and_the_pool_starts_again(pool):
    pool.time_s = 0.2
    with pytest.raises(offload.TooSlow):
        pool.run(deaf, big_design())
    pool.time_s = 5
    assert pool.run(worker_pid, big_design()) != os.getpid()


def test_a_dead_worker_fails_its_job_only(pool):
    with pytest.raises(offload.WorkerLost):
        pool.run(die, big_design())
    assert pool.run(worker_pid, big_design()) != os.getpid()


def test_a_job_that_cannot_get_a_worker_in_time_is_not_run(pool):
    started = threading.Event()
    pool.executor().submit(int).result()  # the worker is up

    def first():
        started.set()
        pool.run(hold, big_design(), 1.0)

    thread = threading.Thread(target=first)
    thread.start()
    started.wait()
    while pool._slots._value:  # the first job holds the one worker
        time.sleep(0.01)
    with pytest.raises(offload.Busy):
        pool.run(worker_pid, big_design())
    thread.join()


def test_validation_of_a_large_design_answers_as_in_place(settings):
    design = big_design()
    design["nodes"][5]["kind"] = "no_such_kind"
    not_json = json.dumps(big_design())[:-1].encode()
    settings.HEAVY_OFFLOAD_ITEMS = settings.HEAVY_OFFLOAD_BYTES = 10**9  # every body is read and checked here
    in_place = Client().post("/api/validate/", big_design(), content_type="application/json")
    refused_in_place = Client().post("/api/validate/", design, content_type="application/json")
    unread_in_place = Client().post("/api/validate/", not_json, content_type="application/json")
    settings.HEAVY_OFFLOAD_BYTES = BIG_TEXT  # the default: a body this large is parsed in a worker
    in_worker = Client().post("/api/validate/", big_design(), content_type="application/json")
    refused_in_worker = Client().post("/api/validate/", design, content_type="application/json")
    unread_in_worker = Client().post("/api/validate/", not_json, content_type="application/json")
    assert (in_worker.status_code, in_worker.json()) == (in_place.status_code, in_place.json())
    assert in_worker.status_code == 200
    assert (refused_in_worker.status_code, refused_in_worker.json()) == (400, refused_in_place.json())
    assert refused_in_worker.json()["problems"][0]["path"] == "nodes[5].kind"
    assert (unread_in_worker.status_code, unread_in_worker.json()) == (400, unread_in_place.json())
    assert unread_in_worker.json()["problems"][0]["path"] == "$"


def test_a_design_that_takes_too_long_is_refused_with_422_and_the_reason(settings):
    settings.HEAVY_TIME_S = 0.001
    response = Client().post("/api/validate/", big_design(), content_type="application/json")
    assert (response.status_code, response.json()) == (
        422,
        {
            "detail": "This design took longer than 0.001 s to process and was stopped; "
            "split it into smaller designs or remove what it does not need."
        },
    )


def test_a_large_batch_is_checked_again_when_the_design_changed_after_its_first_check(user):
    design = design_create(owner=user, document=big_design())

    transactions = []

    def meanwhile():
        # The guard runs first in each transaction: in the one that read the design (and left it for the
        # check), then in the one that writes. Another edit lands in between.
        transactions.append(1)
        if len(transactions) == 2:
            design_apply_ops(design_id=design.pk, ops=[{"op": "node.update", "id": "n1", "set": {"label": "Other"}}])

    result = design_apply_ops(design_id=design.pk, ops=[{"op": "title.set", "title": "Outer"}], guard=meanwhile)
    design.refresh_from_db()
    assert (result.version, design.version, design.title) == (3, 3, "Outer")
    assert (design.document["title"], design.document["nodes"][1]["label"]) == ("Outer", "Other")
    assert list(design.operations.order_by("version").values_list("version", "ops")) == [
        (1, [{"op": "document.replace", "document": big_design()}]),
        (2, [{"op": "node.update", "id": "n1", "set": {"label": "Other"}}]),
        (3, [{"op": "title.set", "title": "Outer"}]),
    ]
