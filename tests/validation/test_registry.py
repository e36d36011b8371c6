"""Rule modules are checked when discovered, so a half-written rule fails loudly."""

import types

import pytest

from designer.validation.registry import RuleDefinitionError, _check_module
from designer.validation.rules import missing_monitoring


def _copy(**changes):
    module = types.ModuleType("designer.validation.rules.missing_monitoring")
    module.__dict__.update(
        {k: getattr(missing_monitoring, k) for k in ("id", "severity", "step", "goal", "summary", "docs", "check")}
    )
    module.__dict__.update(changes)
    return module


def test_complete_rule_passes():
    _check_module(_copy())


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"id": "missing_monitoring"}, "`id` must be the kebab-case form of the module name"),
        ({"severity": "fatal"}, "`severity` must be one of error, warning, info"),
        ({"step": "deployment"}, "`step` must be one of clarify, frame, data, model, evaluation, serving, monitoring"),
        ({"goal": ""}, "`goal` must be one line"),
        ({"summary": "two\nlines"}, "`summary` must be one line"),
        ({"docs": {"what": "x"}}, "`docs` must have exactly what, why, sources, example, fix"),
    ],
)
def test_incomplete_rule_is_refused(changes, message):
    with pytest.raises(RuleDefinitionError, match=message):
        _check_module(_copy(**changes))
