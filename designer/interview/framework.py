"""The 7-step ML system design framework (Aminian & Xu, ch. 1): steps, prompts and default time boxes."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_DURATION_MIN = 45


@dataclass(frozen=True)
class Step:
    id: str
    number: int
    title: str
    minutes: int
    prompts: tuple[str, ...]

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "number": self.number,
            "title": self.title,
            "minutes": self.minutes,
            "prompts": list(self.prompts),
        }


#: Default minutes add up to DEFAULT_DURATION_MIN; other durations scale them (see time_boxes).
STEPS = (
    Step(
        "clarify",
        1,
        "Clarify requirements",
        5,
        (
            "What is the business objective, and what does the product feature do for the user?",
            "How much data is there, where does it come from, and is it labelled?",
            "What are the constraints: latency SLO, peak QPS, how fresh features must be, on-device or in the data centre?",
        ),
    ),
    Step(
        "frame",
        2,
        "Frame as an ML task",
        5,
        (
            "What is the ML objective that serves the business objective?",
            "What are the model's input and output?",
            "Which ML category fits: classification, regression, ranking, generation?",
        ),
    ),
    Step(
        "data",
        3,
        "Data preparation",
        7,
        (
            "Which data sources and stores do you use, and how does data move (batch, streaming)?",
            "Where do labels come from: natural labels, human labelling?",
            "Which features do you engineer, and how do you validate data before training?",
            "What about privacy and bias?",
        ),
    ),
    Step(
        "model",
        4,
        "Model development",
        8,
        (
            "Which baseline, and which model would you try next? What are the trade-offs?",
            "How is the training set built: sampling, splits, class imbalance, loss?",
            "How do you keep training and serving features the same?",
        ),
    ),
    Step(
        "evaluation",
        5,
        "Evaluation",
        6,
        (
            "Which offline metrics fit the task, and which online metrics fit the product?",
            "What gate must a new model pass before release?",
            "How do you run online experiments (A/B, canary, shadow)?",
        ),
    ),
    Step(
        "serving",
        6,
        "Deployment and serving",
        8,
        (
            "Batch or online prediction? Walk through the request path and its latency budget.",
            "How does it scale to peak QPS, and what happens when a dependency fails?",
            "How does a new model version reach traffic and roll back?",
        ),
    ),
    Step(
        "monitoring",
        7,
        "Monitoring and infrastructure",
        6,
        (
            "Which operational and ML metrics do you watch?",
            "How do you detect data and prediction drift, and who gets alerted?",
            "When and how is the model retrained? Do its outputs shape its own training data?",
        ),
    ),
)

STEP_IDS = tuple(step.id for step in STEPS)


def time_boxes(duration_min: float) -> list[int]:
    """Seconds per step for an interview of `duration_min`, proportional to the default boxes.

    Rounded to whole seconds; the last step takes the remainder so the boxes add up exactly.
    """
    total = round(duration_min * 60)
    boxes = [round(total * step.minutes / DEFAULT_DURATION_MIN) for step in STEPS[:-1]]
    return [*boxes, total - sum(boxes)]
