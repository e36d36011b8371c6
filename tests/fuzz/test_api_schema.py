"""Schemathesis against /api/schema/ with a signed-in session: no operation answers 5xx to any input.

The totals (cases run, responses >= 500) are printed at the end of the test run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from designer.interview.cases import case_get
from designer.services import design_create
from designer.sharing.services import share_link_create
from tests.browser import BrowserClient

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
CASES_PER_OPERATION = 40
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
    report = tmp_path / "report.json"
    result = subprocess.run(
        [
            str(SCHEMATHESIS),
            "run",
            f"{live_asgi.url}/api/schema/",
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
    totals = json.loads(report.read_text())
    fuzz_totals.update(totals)
    assert result.returncode == 0, result.stdout[-6000:]
