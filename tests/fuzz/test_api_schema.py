"""Schemathesis against /api/schema/ with a signed-in session: no operation answers 5xx to any input.

The totals (cases run, responses >= 500) are printed at the end of the test run.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from designer.interview.cases import case_get
from designer.services import design_create
from designer.sharing.services import share_link_create
from tests.browser import BrowserClient

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
CASES_PER_OPERATION = 30
SEED = 20261201
CSRF = "f" * 32


@pytest.fixture
def generous_limits(settings):
    """The fuzzer sends thousands of requests from one address: throttles would answer most of them 429."""
    rates = dict.fromkeys(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "100000/minute")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    settings.HEAVY_QUEUE_S = 60


def test_no_operation_answers_5xx(live_asgi, generous_limits, django_user_model, password, tmp_path, fuzz_totals):
    ada = django_user_model.objects.create_user(username="ada", password=password)
    design = design_create(owner=ada, document=case_get("video-recommendation").document)
    share_link_create(design=design, role="edit", interviewer=True)
    browser = BrowserClient()
    browser.force_login(ada)
    report, schema = tmp_path / "report.json", tmp_path / "schema.json"
    # Generating the schema takes a few seconds on a loaded machine, more than schemathesis waits.
    with urllib.request.urlopen(f"{live_asgi.url}/api/schema/?format=json", timeout=300) as response:
        schema.write_bytes(response.read())
    result = subprocess.run(
        [
            str(SCHEMATHESIS),
            "run",
            str(schema),
            "--url",
            live_asgi.url,
            "--checks",
            "not_a_server_error",
            "--phases",
            "examples,coverage,fuzzing",
            "--max-examples",
            str(CASES_PER_OPERATION),
            "--seed",
            str(SEED),
            "--workers",
            "1",
            "--request-timeout",
            "60",
            "--header",
            f"Cookie: sessionid={browser.cookies['sessionid'].value}; csrftoken={CSRF}",
            "--header",
            f"X-CSRFToken: {CSRF}",
            "--report",
            "json",
            "--report-json-path",
            str(report),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    cases = json.loads(report.read_text())["test_cases"]
    fuzz_totals.update(cases=cases["generated"], server_errors=cases["with_failures"], errored=cases["errored"])
    assert result.returncode == 0, result.stdout[-6000:]
    assert cases["generated"] >= 2000 and cases["with_failures"] == 0 and cases["errored"] == 0
