"""The case-study templates: six complete designs a user can start from (data in case_studies/*.json)."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DIRECTORY = Path(__file__).with_name("case_studies")


@dataclass(frozen=True)
class Case:
    id: str
    file: str
    summary: str

    @property
    def document(self) -> dict:
        """A fresh copy of the template document (callers may change it)."""
        return copy.deepcopy(_load(self.file))

    def as_dict(self) -> dict:
        doc = _load(self.file)
        return {"id": self.id, "title": doc["title"], "summary": self.summary, "task": doc["problem"]["task"]}


CASES = (
    Case(
        "video-recommendation",
        "video_recommendation.json",
        "Candidate generation over a billion videos with a two-tower model and an ANN index, then a watch-time ranker and a re-ranker with exploration slots.",
    ),
    Case(
        "ad-click-prediction",
        "ad_click_prediction.json",
        "Ad retrieval by targeting and embeddings, a DCN pCTR ranker with fresh engagement features, an auction with exploration, and an online joiner feeding hourly continual training.",
    ),
    Case(
        "payment-fraud",
        "payment_fraud.json",
        "A GBDT risk model inside payment authorisation with 1-second velocity features, a decision engine with action limits and a holdout, analyst review and delayed chargeback labels.",
    ),
    Case(
        "harmful-content",
        "harmful_content.json",
        "Asynchronous multimodal multi-task classification of new posts, enforcement with a holdout, human review and user reports as labels.",
    ),
    Case(
        "search-autocomplete",
        "search_autocomplete.json",
        "Prefix retrieval from a weekly-built completion index refreshed by a 5-minute trending stream, a learned re-ranker with personal features and a safety filter.",
    ),
    Case(
        "street-view-blurring",
        "street_view_blurring.json",
        "Batch object detection (two-stage detector, NMS, blur) over raw imagery in an access-controlled lake; the online path serves pre-blurred images. A note sketches the on-vehicle variant.",
    ),
)


@cache
def _load(file: str) -> dict:
    return json.loads((DIRECTORY / file).read_text(encoding="utf-8"))


def case_list() -> list[dict]:
    """id, title, summary and task of every template, in gallery order."""
    return [case.as_dict() for case in CASES]


def case_get(case_id: str) -> Case | None:
    return next((case for case in CASES if case.id == case_id), None)
