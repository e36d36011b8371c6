"""The interview case studies are model answers: the reviewer must find no error in any of them."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from designer.document import validate_document
from designer.validation.engine import validate_design

CASE_STUDIES = sorted((Path(settings.BASE_DIR) / "designer" / "interview" / "case_studies").glob("*.json"))


def test_case_studies_are_present():
    assert len(CASE_STUDIES) >= 6


@pytest.mark.parametrize("path", CASE_STUDIES, ids=lambda p: p.stem)
def test_case_study_raises_no_error(path):
    document = validate_document(json.loads(path.read_text(encoding="utf-8")))
    assert [(f.rule, f.nodes) for f in validate_design(document) if f.severity == "error"] == []
