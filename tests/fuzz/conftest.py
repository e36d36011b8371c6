"""The fuzz run's totals, printed at the end of the test run where CI's log (and a note) can quote them."""

import pytest

_TOTALS: dict = {}


@pytest.fixture
def fuzz_totals() -> dict:
    return _TOTALS


def pytest_terminal_summary(terminalreporter):
    if _TOTALS:
        terminalreporter.write_line(f"schemathesis: {summary_line(_TOTALS)}")


def summary_line(totals: dict) -> str:
    return (
        f"{totals['cases']} cases, {totals['server_errors']} with a response >= 500, "
        f"{totals['errored']} errored (could not be sent)"
    )
