"""Interview sessions (timing, the interviewer's private notes and scores, sharing) and solo practice attempts."""

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
    problem_id = models.CharField(max_length=64, blank=True, default="", help_text="the bank problem it is on, if any")
    revealed = models.JSONField(
        default=list, help_text='what the interviewer revealed, in order: [{"kind": "fact"|"hint", ...,"at": iso}]'
    )

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


class PracticeAttempt(models.Model):
    """One solo practice of a bank problem on a design of its own (blank when it starts).

    The timer works as an interview's does (step boxes, a step log); `asked` and `hints` record
    the facts the candidate asked for and the hints they used, in order; `result` is filled when
    the attempt ends: the rubric, the comparison with the reference, the findings and the time per
    step, at the design version it ended on.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_attempts")
    design = models.OneToOneField(Design, on_delete=models.CASCADE, related_name="practice")
    problem_id = models.CharField(max_length=64)
    duration_s = models.PositiveIntegerField()
    step_seconds = models.JSONField(help_text="time box per step, seconds, in framework order")
    current_step = models.PositiveSmallIntegerField(default=0, help_text="index into the 7 steps")
    step_log = models.JSONField(default=list, help_text='[{"step": id, "started_at": iso}], in order')
    started_at = models.DateTimeField()
    step_started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    asked = models.JSONField(default=list, help_text='[{"fact": id, "at": iso}], in the order asked')
    hints = models.JSONField(default=list, help_text='[{"step": id, "level": 1|2, "at": iso}], in order')
    compared_at = models.DateTimeField(null=True, blank=True, help_text="first look at the comparison before the end")
    result = models.JSONField(null=True, blank=True, help_text="rubric, comparison, findings, times (at the end)")

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["user", "problem_id", "-started_at"])]

    def __str__(self) -> str:
        return f"practice #{self.pk} of {self.problem_id} on design {self.design_id}"
