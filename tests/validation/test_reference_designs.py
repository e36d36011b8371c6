"""Reference designs drawn the way a strong candidate would: the reviewer finds nothing to say about them."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from designer.document import validate_document
from designer.validation.engine import validate_design
from tests.conftest import load_fixture

#: Correct designs in tests/fixtures (video_recs.json is a deliberately small export sample).
REFERENCE_DESIGNS = [
    "two_stage_recs.json",
    "similar_listings.json",
    "rag_assistant.json",
    "llm_chat.json",
    "on_device_perception.json",
]
CASE_STUDIES = sorted((Path(settings.BASE_DIR) / "designer" / "interview" / "case_studies").glob("*.json"))


@pytest.mark.parametrize("name", REFERENCE_DESIGNS)
def test_reference_design_raises_nothing(name):
    document = validate_document(load_fixture(name))
    assert [(f.rule, f.nodes, f.message) for f in validate_design(document)] == []


def test_case_studies_are_present():
    assert len(CASE_STUDIES) >= 6


@pytest.mark.parametrize("path", CASE_STUDIES, ids=lambda p: p.stem)
def test_case_study_raises_nothing(path):
    document = validate_document(json.loads(path.read_text(encoding="utf-8")))
    assert [(f.rule, f.nodes, f.message) for f in validate_design(document)] == []
