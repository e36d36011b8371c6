"""Interview sessions: timing, the interviewer's private notes and per-step scores, and sharing."""

from django.conf import settings
from django.db import models

from designer.models import Design
from designer.sharing.models import ShareLink

#: Per-step scores run 1–4 (docs/interview.md): 1 no signal, 2 weak, 3 solid, 4 strong.
SCORE_MIN, SCORE_MAX = 1, 4
NOTES_MAX_CHARS = 10000


class InterviewSession(models.Model):
    """One timed interview on a design.

    Exactly one of `interviewer` (an account: the owner by default) and `interviewer_link` (a
    share link marked interviewer, whose holders lead it) is set; notes and scores stay private
    to the interviewer until `shared_at` is set.
    """

    design = models.ForeignKey(Design, on_delete=models.CASCADE, related_name="interviews")
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="interviews_led"
    )
    interviewer_link = models.ForeignKey(
        ShareLink, null=True, blank=True, on_delete=models.CASCADE, related_name="interviews_led"
    )
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="interviews_taken"
    )
    duration_s = models.PositiveIntegerField()
    step_seconds = models.JSONField(help_text="time box per step, seconds, in framework order")
    current_step = models.PositiveSmallIntegerField(default=0, help_text="index into the 7 steps")
    step_log = models.JSONField(default=list, help_text='[{"step": index, "started_at": iso}], in order')
    started_at = models.DateTimeField()
    step_started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True, default="", max_length=NOTES_MAX_CHARS)
    scores = models.JSONField(default=dict, help_text="step id → score 1–4")
    shared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["design", "-started_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(interviewer__isnull=False, interviewer_link__isnull=True)
                | models.Q(interviewer__isnull=True, interviewer_link__isnull=False),
                name="interview_one_interviewer",
            )
        ]

    def __str__(self) -> str:
        return f"interview #{self.pk} on design {self.design_id}"
