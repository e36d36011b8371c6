"""Interview-mode API: templates, rubric coverage, history and replay, interview sessions, the problem bank,
comparison with a reference and practice attempts. Views stay thin."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from designer import limits
from designer.api.heavy import BODY, heavy
from designer.api.serializers import DesignSerializer, DocumentField, FindingSerializer
from designer.api.throttles import throttles
from designer.clock import clock
from designer.document import validate_document
from designer.models import Design
from designer.sharing.http import ABILITY_REFUSALS, DesignAPIView

from . import selectors, services
from .bank import FACT_FIELDS, TOPICS, bank, fact_get, problem_card, problem_get, problem_summary
from .cases import case_get, case_list
from .compare import KINDS, compare
from .framework import DEFAULT_DURATION_MIN, STEP_IDS, STEPS, time_boxes
from .models import NOTES_MAX_CHARS, SCORE_MAX, SCORE_MIN


class FromTemplateSerializer(serializers.Serializer):
    template = serializers.CharField(max_length=64)
    title = serializers.CharField(max_length=limits.LABEL_CHARS, required=False)

    def validate_template(self, value):
        case = case_get(value)
        if case is None:
            raise serializers.ValidationError(
                f'no template "{value}"; known: {", ".join(c["id"] for c in case_list())}'
            )
        return case


class StartSerializer(serializers.Serializer):
    duration_min = serializers.FloatField(min_value=5, max_value=240, required=False)
    step_minutes = serializers.ListField(
        child=serializers.FloatField(min_value=0.5, max_value=240),
        min_length=len(STEPS),
        max_length=len(STEPS),
        required=False,
        help_text="minutes per step, in framework order; their sum is the duration",
    )
    candidate = serializers.CharField(
        max_length=150, required=False, allow_blank=True, help_text="username of the candidate's account"
    )
    interviewer = serializers.CharField(
        max_length=150,
        required=False,
        allow_blank=True,
        help_text="username of the interviewer's account (default: the newest live "
        "interviewer link, else you; someone else leading makes you the candidate)",
    )
    interviewer_link = serializers.IntegerField(
        required=False, allow_null=True, help_text="id of a live share link of this design marked interviewer"
    )
    problem = serializers.CharField(
        max_length=64, required=False, help_text="a problem id of the bank: the interviewer gets its facts and hints"
    )

    def validate_problem(self, value):
        return _problem_or_error(value)

    @staticmethod
    def _account(value):
        if not value:
            return None
        user = get_user_model().objects.filter(username=value).first()
        if user is None:
            raise serializers.ValidationError(f'no account named "{value}"')
        return user

    def validate_candidate(self, value):
        return self._account(value)

    def validate_interviewer(self, value):
        return self._account(value)

    def validate_interviewer_link(self, value):
        if value is None:
            return None
        link = selectors.interviewer_link_get(self.context["design"], value)
        if link is None:
            raise serializers.ValidationError(f"no live share link {value} marked interviewer on this design")
        return link

    def validate(self, data):
        if "step_minutes" in data and "duration_min" in data:
            raise serializers.ValidationError({"duration_min": "give duration_min or step_minutes, not both"})
        if data.get("interviewer") and data.get("interviewer_link"):
            raise serializers.ValidationError({"interviewer_link": "give interviewer or interviewer_link, not both"})
        return data

    def boxes(self) -> list[int]:
        if "step_minutes" in self.validated_data:
            return [round(m * 60) for m in self.validated_data["step_minutes"]]
        return time_boxes(self.validated_data.get("duration_min", DEFAULT_DURATION_MIN))


class ReviewSerializer(serializers.Serializer):
    notes = serializers.CharField(max_length=NOTES_MAX_CHARS, required=False, allow_blank=True, trim_whitespace=False)
    scores = serializers.DictField(
        child=serializers.IntegerField(min_value=SCORE_MIN, max_value=SCORE_MAX, allow_null=True),
        required=False,
        help_text=f"step id → score {SCORE_MIN}–{SCORE_MAX} (null clears)",
    )

    def validate_scores(self, value):
        unknown = [step for step in value if step not in STEP_IDS]
        if unknown:
            raise serializers.ValidationError(f'unknown step "{unknown[0][:40]}"; steps are {", ".join(STEP_IDS)}')
        return value


# Response shapes (so /api/schema/ describes every field).


class StepOutSerializer(serializers.Serializer):
    id = serializers.ChoiceField(choices=STEP_IDS)
    number = serializers.IntegerField()
    title = serializers.CharField()
    minutes = serializers.FloatField()
    prompts = serializers.ListField(child=serializers.CharField())
    box_s = serializers.IntegerField(help_text="the step's time box, seconds")


class TimerSerializer(serializers.Serializer):
    running = serializers.BooleanField()
    now = serializers.DateTimeField()
    elapsed_s = serializers.FloatField()
    remaining_s = serializers.FloatField(help_text="negative when the interview runs over")
    step_elapsed_s = serializers.FloatField()
    step_remaining_s = serializers.FloatField()
    over_time = serializers.BooleanField()
    step_over_time = serializers.BooleanField()


class StepLogSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=STEP_IDS)
    started_at = serializers.DateTimeField()


class ReviewOutSerializer(serializers.Serializer):
    notes = serializers.CharField(allow_blank=True)
    scores = serializers.DictField(child=serializers.IntegerField(min_value=SCORE_MIN, max_value=SCORE_MAX))


class ProblemSourceSerializer(serializers.Serializer):
    title = serializers.CharField()
    chapter = serializers.IntegerField(allow_null=True)


class QuestionSerializer(serializers.Serializer):
    id = serializers.CharField()
    topic = serializers.ChoiceField(choices=TOPICS)
    question = serializers.CharField()


class ProblemCardSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    task = serializers.CharField()
    source = ProblemSourceSerializer(allow_null=True)  # type: ignore[assignment]  # a field named source
    prompt = serializers.CharField(help_text="the problem as an interviewer says it")
    questions = QuestionSerializer(many=True, help_text="what the candidate may ask (answers come when asked)")


class RevealedFactSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["fact"])
    id = serializers.CharField()
    topic = serializers.ChoiceField(choices=TOPICS)
    question = serializers.CharField()
    answer = serializers.CharField()
    field = serializers.ChoiceField(choices=FACT_FIELDS, allow_null=True, help_text="the problem field it sets")
    value = serializers.JSONField(allow_null=True, help_text="the value it sets: a number or a list of metric names")
    at = serializers.DateTimeField()


class RevealedHintSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["hint"])
    step = serializers.ChoiceField(choices=STEP_IDS)
    level = serializers.IntegerField(min_value=1, max_value=services.HINT_LEVELS, help_text="1 a nudge, 2 a pointer")
    text = serializers.CharField()
    at = serializers.DateTimeField()


def revealed_field(**kwargs) -> PolymorphicProxySerializer:
    """A revealed fact or hint, told apart by `kind` (the schema's oneOf)."""
    return PolymorphicProxySerializer(
        component_name="Revealed",
        serializers={"fact": RevealedFactSerializer, "hint": RevealedHintSerializer},
        resource_type_field_name="kind",
        **kwargs,
    )


class InterviewOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    design = serializers.IntegerField()
    interviewer = serializers.CharField(help_text="the interviewer's username, or the interviewer link's label")
    interviewer_link = serializers.IntegerField(allow_null=True)
    candidate = serializers.CharField(allow_null=True)
    you_are = serializers.ChoiceField(choices=["interviewer", "candidate", "owner", "guest"])
    duration_s = serializers.IntegerField()
    steps = StepOutSerializer(many=True)
    current_step = serializers.IntegerField(help_text="index into steps")
    step_log = StepLogSerializer(many=True)
    started_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField(allow_null=True)
    timer = TimerSerializer()
    shared = serializers.BooleanField()
    shared_at = serializers.DateTimeField(allow_null=True)
    problem = ProblemCardSerializer(allow_null=True, help_text="the bank problem's card, or null")
    revealed = revealed_field(many=True, help_text="facts and hints the interviewer revealed, in order")
    review = ReviewOutSerializer(
        required=False, help_text="only for the interviewer, and once shared for the candidate and owner"
    )


class InterviewEnvelopeSerializer(serializers.Serializer):
    interview = InterviewOutSerializer(allow_null=True)


class RubricItemSerializer(serializers.Serializer):
    label = serializers.CharField()  # type: ignore[assignment]  # a field named like Field.label
    met = serializers.BooleanField()
    score = serializers.FloatField()
    why = serializers.CharField()


class RubricStepSerializer(serializers.Serializer):
    id = serializers.ChoiceField(choices=STEP_IDS)
    number = serializers.IntegerField()
    title = serializers.CharField()
    score = serializers.FloatField()
    items = RubricItemSerializer(many=True)


class WeakestStepSerializer(serializers.Serializer):
    id = serializers.ChoiceField(choices=STEP_IDS)
    number = serializers.IntegerField()
    title = serializers.CharField()
    score = serializers.FloatField()


class RubricOutSerializer(serializers.Serializer):
    steps = RubricStepSerializer(many=True)
    mean = serializers.FloatField()
    weakest = WeakestStepSerializer(allow_null=True)


class RubricResponseSerializer(serializers.Serializer):
    rubric = RubricOutSerializer()
    findings = FindingSerializer(many=True)


class DesignRubricResponseSerializer(RubricResponseSerializer):
    version = serializers.IntegerField()


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    at = serializers.DateTimeField()
    author = serializers.CharField(allow_blank=True)
    ops = serializers.IntegerField(help_text="operations in the batch")


class SeverityCountsSerializer(serializers.Serializer):
    error = serializers.IntegerField()
    warning = serializers.IntegerField()
    info = serializers.IntegerField()


class StateSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    at = serializers.DateTimeField()
    findings = SeverityCountsSerializer()
    rubric_mean = serializers.FloatField()


class MarkerSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    at = serializers.DateTimeField()
    rule = serializers.CharField()
    change = serializers.ChoiceField(choices=["appeared", "cleared"])
    severity = serializers.ChoiceField(choices=["error", "warning", "info"])
    label = serializers.CharField()  # type: ignore[assignment]  # a field named like Field.label


class HistorySerializer(serializers.Serializer):
    version = serializers.IntegerField()
    versions = VersionSerializer(many=True)
    validated = serializers.ListField(child=serializers.IntegerField(), help_text="the versions with a state")
    limit = serializers.IntegerField(help_text="at most this many versions are validated")
    states = StateSerializer(many=True)
    markers = MarkerSerializer(many=True)


class HistoryVersionSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    at = serializers.DateTimeField()
    document = serializers.JSONField(help_text="the mlsd-design/1 document at that version")
    findings = FindingSerializer(many=True)
    rubric = RubricOutSerializer()


class TemplateSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    task = serializers.CharField()


class ScoreRangeSerializer(serializers.Serializer):
    min = serializers.IntegerField()
    max = serializers.IntegerField()


class FrameworkSerializer(serializers.Serializer):
    duration_s = serializers.IntegerField()
    steps = StepOutSerializer(many=True)
    scores = ScoreRangeSerializer()


class TemplateListView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=TemplateSerializer(many=True))
    def get(self, request):
        """The case-study templates: id, title, summary, task."""
        return Response(case_list())


class DesignFromTemplateView(APIView):
    @extend_schema(request=FromTemplateSerializer, responses={201: DesignSerializer})
    def post(self, request):
        body = FromTemplateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        design = services.design_create_from_case(
            owner=request.user, case=body.validated_data["template"], title=body.validated_data.get("title")
        )
        return Response(DesignSerializer(design).data, status=status.HTTP_201_CREATED)


class FrameworkView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=FrameworkSerializer)
    def get(self, request):
        """The 7 steps with prompts and default time boxes (seconds) for a 45-minute interview."""
        boxes = time_boxes(DEFAULT_DURATION_MIN)
        return Response(
            {
                "duration_s": sum(boxes),
                "steps": [{**s.as_dict(), "box_s": b} for s, b in zip(STEPS, boxes)],
                "scores": {"min": SCORE_MIN, "max": SCORE_MAX},
            }
        )


class RubricView(APIView):
    """Stateless: a document in, its findings and rubric coverage out."""

    permission_classes = [AllowAny]
    throttle_classes = throttles("validate")

    @extend_schema(request=OpenApiTypes.OBJECT, responses=RubricResponseSerializer)
    def post(self, request):
        findings, coverage = heavy(request, selectors.design_findings_of_body, BODY)
        return Response({"rubric": coverage, "findings": findings})


def _design(access) -> Design:
    return get_object_or_404(Design, pk=access.design_id)


class DesignRubricView(DesignAPIView):
    abilities = {"GET": "interview"}
    throttle_classes = throttles("validate")

    @extend_schema(responses=DesignRubricResponseSerializer)
    def get(self, request, **route):
        """The saved design's findings and rubric coverage."""
        design = _design(self.access)
        findings, coverage = heavy(request, selectors.design_findings, design.document)
        return Response({"version": design.version, "rubric": coverage, "findings": findings})


class HistoryErrors(APIView):
    """A mixin for the history views: a log too large to replay is answered 422 with why."""

    error_statuses = {422: "the history is too large to replay"}

    def handle_exception(self, exc):
        if isinstance(exc, selectors.HistoryTooLarge):
            return Response({"detail": str(exc)}, status=status.HTTP_422_UNPROCESSABLE_ENTITY)
        return super().handle_exception(exc)


class DesignHistoryView(HistoryErrors, DesignAPIView):
    """The replay's history: for the owner, and for those (accounts or links) who led or took an interview."""

    abilities = {"GET": "report"}
    throttle_classes = throttles("validate")

    @extend_schema(responses=HistorySerializer)
    def get(self, request, **route):
        """Every version with its time and author, and finding markers over sampled versions."""
        design = _design(self.access)
        return Response(heavy(request, lambda: selectors.design_history(design)))


class DesignHistoryVersionView(HistoryErrors, DesignAPIView):
    abilities = {"GET": "report"}
    throttle_classes = throttles("validate")

    @extend_schema(responses=HistoryVersionSerializer)
    def get(self, request, version: int, **route):
        """The document exactly as it was at `version`, with its findings and rubric coverage."""
        design = _design(self.access)
        return Response(heavy(request, lambda: selectors.design_history_version(design, version)))


class RestoreResultSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="the new version, holding the restored document")
    restored = serializers.IntegerField(help_text="the version whose document was put back")
    previous = serializers.IntegerField(help_text="the version before the restore: restoring it undoes this one")


class DesignHistoryRestoreView(HistoryErrors, DesignAPIView):
    """Restore a version: those who see the history and may edit (the owner; an edit link that led an interview)."""

    abilities = {"POST": "edit"}
    throttle_classes = throttles("validate")

    @extend_schema(request=None, responses=RestoreResultSerializer)
    def post(self, request, version: int, **route):
        """A new version whose document is the one of `version`; collaborators' editors follow live."""
        if not self.access.can("report"):
            raise PermissionDenied(ABILITY_REFUSALS["report"])
        design = _design(self.access)
        result = heavy(request, lambda: services.design_restore(access=self.access, design=design, version=version))
        return Response({"version": result.version, "restored": version, "previous": result.version - 1})


class InterviewView(DesignAPIView):
    """The design's latest interview (or, at /api/interviews/<id>/, that one) as this access may see it."""

    abilities = {"GET": "interview", "POST": "own"}
    refusals = {"own": "Only the design's owner can start an interview."}

    @extend_schema(responses=InterviewEnvelopeSerializer)
    def get(self, request, session_id: int | None = None, **route):
        """The interview (null when the design has none yet)."""
        session = selectors.interview_for(self.access, session_id)
        view = selectors.interview_as_dict(session, self.access, clock.now()) if session else None
        return Response({"interview": view})

    @extend_schema(request=StartSerializer, responses={201: InterviewEnvelopeSerializer})
    def post(self, request, **route):
        """Start an interview (the owner); a running one ends.

        The named account or link leads; naming neither lets the newest live interviewer link
        lead, else the owner. When someone else leads, the owner is the candidate.
        """
        design = _design(self.access)
        body = StartSerializer(data=request.data, context={"design": design})
        body.is_valid(raise_exception=True)
        interviewer, link, candidate = selectors.interview_parties(
            design,
            request.user,
            interviewer=body.validated_data.get("interviewer"),
            interviewer_link=body.validated_data.get("interviewer_link"),
            candidate=body.validated_data.get("candidate"),
        )
        if candidate is not None and interviewer is not None and candidate.pk == interviewer.pk:
            return Response(
                {"candidate": ["the candidate cannot be the interviewer"]}, status=status.HTTP_400_BAD_REQUEST
            )
        problem = body.validated_data.get("problem")
        practice = selectors.practice_for_design(design.pk)
        if problem is None and practice is not None:
            # An interview on a practice design is on the practice's problem unless told otherwise.
            problem = problem_get(practice.problem_id)
        session = services.interview_start(
            design=design,
            interviewer=interviewer,
            interviewer_link=link,
            boxes=body.boxes(),
            candidate=candidate,
            problem_id=problem.id if problem else "",
        )
        return Response(
            {"interview": selectors.interview_as_dict(session, self.access, clock.now())},
            status=status.HTTP_201_CREATED,
        )


class InterviewDetailView(InterviewView):
    """/api/interviews/<id>/: one interview by id (interviews are started on the design)."""

    http_method_names = ["get", "head", "options"]


class InterviewActionView(DesignAPIView):
    """Base of the writes on an interview: the one the route names, or the design's latest. Who may
    write is checked by the service inside its transaction."""

    abilities = {"POST": "interview", "PATCH": "interview", "DELETE": "interview"}

    def session(self, session_id):
        session = selectors.interview_for(self.access, session_id)
        if session is None:
            raise NotFound("There is no interview on this design.")
        return session

    def respond(self, session):
        return Response({"interview": selectors.interview_as_dict(session, self.access, clock.now())})


class InterviewNextView(InterviewActionView):
    @extend_schema(request=None, responses=InterviewEnvelopeSerializer)
    def post(self, request, session_id: int | None = None, **route):
        """Next step (the interviewer or the candidate); after step 7 the interview ends."""
        session = self.session(session_id)
        return self.respond(services.interview_next_step(session=session, access=self.access))


class InterviewEndView(InterviewActionView):
    @extend_schema(request=None, responses=InterviewEnvelopeSerializer)
    def post(self, request, session_id: int | None = None, **route):
        """End the interview now, at whatever step it is (the interviewer)."""
        session = self.session(session_id)
        return self.respond(services.interview_end(session=session, access=self.access))


class InterviewReviewView(InterviewActionView):
    @extend_schema(request=ReviewSerializer, responses=InterviewEnvelopeSerializer)
    def patch(self, request, session_id: int | None = None, **route):
        """The interviewer's private notes and per-step scores (1–4)."""
        session = self.session(session_id)
        body = ReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self.respond(
            services.interview_review(
                session=session,
                access=self.access,
                notes=body.validated_data.get("notes"),
                scores=body.validated_data.get("scores"),
            )
        )


class InterviewShareView(InterviewActionView):
    @extend_schema(request=None, responses=InterviewEnvelopeSerializer)
    def post(self, request, session_id: int | None = None, **route):
        """Share the notes and scores with the candidate and the owner (DELETE hides them again)."""
        session = self.session(session_id)
        return self.respond(services.interview_share(session=session, access=self.access, shared=True))

    @extend_schema(request=None, responses=InterviewEnvelopeSerializer)
    def delete(self, request, session_id: int | None = None, **route):
        session = self.session(session_id)
        return self.respond(services.interview_share(session=session, access=self.access, shared=False))


# --- The problem bank, comparison and practice (issue 13) ---------------------------------------


class ProblemSummarySerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    task = serializers.CharField()
    source = ProblemSourceSerializer(allow_null=True)  # type: ignore[assignment]  # a field named source
    questions = serializers.IntegerField(help_text="how many facts the candidate can ask for")


class FactSerializer(serializers.Serializer):
    id = serializers.CharField()
    topic = serializers.ChoiceField(choices=TOPICS)
    question = serializers.CharField()
    answer = serializers.CharField()
    field = serializers.ChoiceField(choices=FACT_FIELDS, allow_null=True, help_text="the problem field it sets")
    value = serializers.JSONField(allow_null=True, help_text="the value it sets: a number or a list of metric names")


class AskedFactSerializer(FactSerializer):
    at = serializers.DateTimeField()


class HintUsedSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=STEP_IDS)
    level = serializers.IntegerField(min_value=1, max_value=services.HINT_LEVELS)
    text = serializers.CharField()
    at = serializers.DateTimeField()


class SidesSerializer(serializers.Serializer):
    nodes = serializers.ListField(child=serializers.CharField())
    edges = serializers.ListField(child=serializers.CharField())


class ComparisonItemSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="stable: <kind>:<the reference's id, or c:<the candidate's id>>")
    kind = serializers.ChoiceField(choices=KINDS)
    step = serializers.ChoiceField(choices=STEP_IDS)
    message = serializers.CharField()
    reference = SidesSerializer(help_text="the reference's node and edge ids it is about")
    candidate = SidesSerializer(help_text="the candidate's node and edge ids it is about")


class NeighboursSerializer(serializers.Serializer):
    agree = serializers.IntegerField()
    of = serializers.IntegerField()


class PairSerializer(serializers.Serializer):
    id = serializers.CharField()
    reference = serializers.CharField(help_text="the reference's node id")
    candidate = serializers.CharField(help_text="the candidate's node id")
    reference_label = serializers.CharField()
    candidate_label = serializers.CharField()
    role = serializers.CharField()
    candidate_role = serializers.CharField()
    step = serializers.ChoiceField(choices=STEP_IDS)
    score = serializers.FloatField()
    label_score = serializers.FloatField()
    neighbours = NeighboursSerializer()
    why = serializers.CharField()


class CoverageStepSerializer(serializers.Serializer):
    id = serializers.ChoiceField(choices=STEP_IDS)
    number = serializers.IntegerField()
    title = serializers.CharField()
    coverage = serializers.FloatField(allow_null=True, help_text="null when the reference has nothing in this step")
    covered = serializers.FloatField()
    total = serializers.IntegerField()
    items = serializers.ListField(child=serializers.CharField(), help_text="ids of this step's items")


class ProblemRefSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()


class ComparisonSerializer(serializers.Serializer):
    problem = ProblemRefSerializer()
    coverage = serializers.FloatField(help_text="the mean of the steps' coverage")
    steps = CoverageStepSerializer(many=True)
    pairs = PairSerializer(many=True)
    items = ComparisonItemSerializer(many=True)


class CompareRequestSerializer(serializers.Serializer):
    document = DocumentField(help_text="an mlsd-design/1 document")
    problem = serializers.CharField(max_length=64, help_text="a problem id of the bank")

    def validate_problem(self, value):
        return _problem_or_error(value)


class CompareWithReferenceSerializer(serializers.Serializer):
    comparison = ComparisonSerializer()
    reference = serializers.JSONField(help_text="the reference's mlsd-design/1 document")


class StepTimeSerializer(serializers.Serializer):
    id = serializers.ChoiceField(choices=STEP_IDS)
    number = serializers.IntegerField()
    title = serializers.CharField()
    box_s = serializers.IntegerField()
    spent_s = serializers.IntegerField(allow_null=True, help_text="null for a step never visited")


class PracticeResultSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="the design version the attempt ended on")
    mean = serializers.FloatField(help_text="the rubric's mean")
    rubric = RubricOutSerializer()
    comparison = ComparisonSerializer()
    findings = FindingSerializer(many=True)
    times = StepTimeSerializer(many=True)


class PracticeSerializer(serializers.Serializer):
    design = serializers.IntegerField(help_text="the practice's design (its id is the attempt's)")
    problem = ProblemCardSerializer()
    editor_url = serializers.CharField()
    report_url = serializers.CharField()
    started_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField(allow_null=True)
    duration_s = serializers.IntegerField()
    steps = StepOutSerializer(many=True)
    current_step = serializers.IntegerField(help_text="index into steps")
    step_log = StepLogSerializer(many=True)
    timer = TimerSerializer()
    asked = AskedFactSerializer(many=True)
    hints = HintUsedSerializer(many=True)
    compared_at = serializers.DateTimeField(allow_null=True, help_text="first look at the comparison before the end")
    result = PracticeResultSerializer(allow_null=True)


class PracticeEnvelopeSerializer(serializers.Serializer):
    practice = PracticeSerializer()


class AskResponseSerializer(PracticeEnvelopeSerializer):
    fact = AskedFactSerializer()


class HintResponseSerializer(PracticeEnvelopeSerializer):
    hint = HintUsedSerializer()


class PracticeSummarySerializer(serializers.Serializer):
    design = serializers.IntegerField()
    problem = ProblemRefSerializer()
    started_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField(allow_null=True)
    mean = serializers.FloatField(allow_null=True, help_text="the rubric's mean at the end")
    coverage = serializers.FloatField(allow_null=True, help_text="the comparison's coverage at the end")
    hints = serializers.IntegerField(help_text="hints used")
    asked = serializers.IntegerField(help_text="facts asked")
    report_url = serializers.CharField()


class PracticeListSerializer(serializers.Serializer):
    attempts = PracticeSummarySerializer(many=True)


class PracticeStartSerializer(serializers.Serializer):
    problem = serializers.CharField(max_length=64, help_text="a problem id of the bank")
    duration_min = serializers.FloatField(min_value=5, max_value=240, required=False)

    def validate_problem(self, value):
        return _problem_or_error(value)


class AskSerializer(serializers.Serializer):
    fact = serializers.CharField(max_length=64, help_text="a fact id of the problem (its card's questions)")


class StepChoiceSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=STEP_IDS)


class RevealSerializer(serializers.Serializer):
    fact = serializers.CharField(max_length=64, required=False, help_text="a fact id of the interview's problem")
    hint = serializers.ChoiceField(choices=STEP_IDS, required=False, help_text="the step whose hint to reveal")
    level = serializers.IntegerField(min_value=1, max_value=services.HINT_LEVELS, required=False)

    def validate(self, data):
        if ("fact" in data) == ("hint" in data):
            raise serializers.ValidationError({"fact": "give fact, or hint (a step) with level"})
        if "hint" in data and "level" not in data:
            raise serializers.ValidationError({"level": "give the hint's level (1 a nudge, 2 a pointer)"})
        return data


class HintPairSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=STEP_IDS)
    nudge = serializers.CharField()
    pointer = serializers.CharField()


class ChoiceSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=STEP_IDS)
    choice = serializers.CharField()
    tradeoff = serializers.CharField()


class WriteupSerializer(serializers.Serializer):
    summary = serializers.CharField()
    choices = ChoiceSerializer(many=True)


class ProblemPrivateSerializer(ProblemCardSerializer):
    facts = FactSerializer(many=True)
    hints = HintPairSerializer(many=True)
    writeup = WriteupSerializer()


class InterviewProblemSerializer(serializers.Serializer):
    you_are = serializers.ChoiceField(choices=["interviewer", "candidate", "owner", "guest"])
    problem = ProblemCardSerializer(help_text="for the interviewer, ProblemPrivate (facts, hints, write-up)")
    revealed = revealed_field(many=True)
    comparison = ComparisonSerializer(
        required=False, help_text="the interviewer only: the design against the reference"
    )
    reference = serializers.JSONField(required=False, help_text="the interviewer only: the reference document")
    version = serializers.IntegerField(required=False, help_text="the design version compared")


class RevealResponseSerializer(serializers.Serializer):
    reveal = revealed_field()
    revealed = revealed_field(many=True)


def _problem_or_error(value):
    problem = problem_get(value)
    if problem is None:
        raise serializers.ValidationError(f'no problem "{value}"; known: {", ".join(p.id for p in bank())}')
    return problem


class ProblemListView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=ProblemSummarySerializer(many=True))
    def get(self, request):
        """The practice problems, in bank order (nothing of their answers)."""
        return Response([problem_summary(p) for p in bank()])


class ProblemCardView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=ProblemCardSerializer)
    def get(self, request, problem_id: str):
        """One problem's card: the prompt and the questions, without answers, hints or reference."""
        problem = problem_get(problem_id)
        if problem is None:
            raise NotFound(f'No problem "{problem_id[:64]}".')
        return Response(problem_card(problem))


class CompareView(APIView):
    """Stateless: a document and a problem id in, the comparison with the problem's reference out."""

    permission_classes = [AllowAny]
    throttle_classes = throttles("validate")

    @extend_schema(request=CompareRequestSerializer, responses=ComparisonSerializer)
    def post(self, request):
        body = CompareRequestSerializer(data=request.data if isinstance(request.data, dict) else {})
        body.is_valid(raise_exception=True)
        problem = body.validated_data["problem"]
        document = validate_document(body.validated_data["document"])
        return Response(heavy(request, lambda: compare(document, problem)))


class PracticeListView(APIView):
    @extend_schema(responses=PracticeListSerializer)
    def get(self, request):
        """Your practice attempts, newest first, with their scores once ended."""
        return Response({"attempts": [selectors.practice_summary(a) for a in selectors.practice_list(request.user)]})

    @extend_schema(request=PracticeStartSerializer, responses={201: PracticeEnvelopeSerializer})
    def post(self, request):
        """Start practising a problem: a new blank design, linked to the attempt, at step 1."""
        body = PracticeStartSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        attempt = services.practice_start(
            user=request.user,
            problem=body.validated_data["problem"],
            boxes=time_boxes(body.validated_data.get("duration_min", DEFAULT_DURATION_MIN)),
        )
        return Response({"practice": selectors.practice_as_dict(attempt, clock.now())}, status=status.HTTP_201_CREATED)


class PracticeAPIView(DesignAPIView):
    """Base of the practice endpoints: the design's owner, on a design that is a practice."""

    abilities = {"GET": "own", "POST": "own"}
    refusals = {"own": "Only the one practising sees this practice."}
    error_statuses = {409: "the practice has ended"}

    def attempt(self):
        attempt = selectors.practice_for_design(self.access.design_id)
        if attempt is None:
            raise NotFound("This design is not a practice.")
        return attempt

    def envelope(self, attempt, **extra):
        return Response({"practice": selectors.practice_as_dict(attempt, clock.now()), **extra})

    def body(self, serializer_class) -> dict:
        """The request body checked by `serializer_class` (a 400 with every problem otherwise)."""
        body = serializer_class(data=self.request.data)
        body.is_valid(raise_exception=True)
        return body.validated_data

    def handle_exception(self, exc):
        if isinstance(exc, services.PracticeEnded):
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
        return super().handle_exception(exc)


class PracticeView(PracticeAPIView):
    @extend_schema(responses=PracticeEnvelopeSerializer)
    def get(self, request, design_id: int):
        """The practice on this design: card, timer, facts asked, hints used, and the result once ended."""
        return self.envelope(self.attempt())


class PracticeAskView(PracticeAPIView):
    @extend_schema(request=AskSerializer, responses=AskResponseSerializer)
    def post(self, request, design_id: int):
        """Ask the interviewer: reveals that fact's answer, recorded once."""
        attempt = self.attempt()
        asked = self.body(AskSerializer)["fact"]
        problem = selectors.practice_problem(attempt)
        if fact_get(problem, asked) is None:
            known = ", ".join(f.id for f in problem.spec.facts)
            return Response(
                {"fact": [f'no fact "{asked}" in this problem; known: {known}']},
                status=status.HTTP_400_BAD_REQUEST,
            )
        attempt = services.practice_ask(attempt=attempt, fact_id=asked)
        fact = next(a for a in selectors.practice_asked(attempt, problem) if a["id"] == asked)
        return self.envelope(attempt, fact=fact)


class PracticeHintView(PracticeAPIView):
    @extend_schema(request=StepChoiceSerializer, responses=HintResponseSerializer)
    def post(self, request, design_id: int):
        """Use a hint on a step: its nudge first, then its pointer (recorded)."""
        step = self.body(StepChoiceSerializer)["step"]
        attempt, level = services.practice_hint(attempt=self.attempt(), step=step)
        hint = next(
            h
            for h in selectors.practice_hints(attempt, selectors.practice_problem(attempt))
            if h["step"] == step and h["level"] == level
        )
        return self.envelope(attempt, hint=hint)


class PracticeStepView(PracticeAPIView):
    @extend_schema(request=StepChoiceSerializer, responses=PracticeEnvelopeSerializer)
    def post(self, request, design_id: int):
        """Move the timer to a step (forwards or back)."""
        step = self.body(StepChoiceSerializer)["step"]
        return self.envelope(services.practice_step(attempt=self.attempt(), step=step))


class PracticeCompareView(PracticeAPIView):
    throttle_classes = throttles("validate")

    @extend_schema(responses=CompareWithReferenceSerializer)
    def get(self, request, design_id: int):
        """The design as it is now compared with the reference, and the reference itself (recorded: the
        report says the reference was seen before the end)."""
        attempt = self.attempt()
        problem = selectors.practice_problem(attempt)
        design = _design(self.access)
        comparison = heavy(request, lambda: compare(design.document, problem))
        services.practice_compared(attempt=attempt)
        return Response({"comparison": comparison, "reference": problem.reference})


class PracticeEndView(PracticeAPIView):
    throttle_classes = throttles("validate")

    @extend_schema(request=None, responses=PracticeEnvelopeSerializer)
    def post(self, request, design_id: int):
        """End the practice: the rubric, the comparison, the findings and the time per step are recorded."""
        attempt = self.attempt()
        if attempt.ended_at is not None:
            return self.envelope(attempt)
        problem = selectors.practice_problem(attempt)
        design = _design(self.access)
        outcome = heavy(request, lambda: selectors.practice_outcome(design.document, problem))
        return self.envelope(services.practice_end(attempt=attempt, outcome=outcome, version=design.version))


class InterviewProblemView(InterviewActionView):
    """The interview's bank problem: the interviewer gets everything and the live comparison; the
    candidate and anyone else in the interview the card and what has been revealed."""

    abilities = {"GET": "interview"}
    throttle_classes = throttles("validate")

    @extend_schema(responses=InterviewProblemSerializer)
    def get(self, request, session_id: int | None = None, **route):
        session = self.session(session_id)
        problem = problem_get(session.problem_id) if session.problem_id else None
        if problem is None:
            raise NotFound("This interview is not on a bank problem.")
        public = selectors.interview_problem_public(session)
        you_are = selectors.interview_as_dict(session, self.access, clock.now())["you_are"]
        if not self.access.leads(session):
            return Response({"you_are": you_are, **public})
        design = _design(self.access)
        comparison = heavy(request, lambda: compare(design.document, problem))
        return Response(
            {
                "you_are": you_are,
                "problem": selectors.problem_private(problem),
                "revealed": public["revealed"],
                "comparison": comparison,
                "reference": problem.reference,
                "version": design.version,
            }
        )


class InterviewRevealView(InterviewActionView):
    error_statuses = {409: "revealed already, or the interview has ended"}

    @extend_schema(request=RevealSerializer, responses=RevealResponseSerializer)
    def post(self, request, session_id: int | None = None, **route):
        """Reveal a fact or a hint to the candidate (the interviewer); the room hears it at once
        (websocket interview.revealed)."""
        session = self.session(session_id)
        problem = problem_get(session.problem_id) if session.problem_id else None
        if problem is None:
            raise NotFound("This interview is not on a bank problem.")
        body = RevealSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        fact = body.validated_data.get("fact")
        if fact is not None and fact_get(problem, fact) is None:
            known = ", ".join(f.id for f in problem.spec.facts)
            return Response({"fact": [f'no fact "{fact}" in this problem; known: {known}']}, status=400)
        hint = (body.validated_data["hint"], body.validated_data["level"]) if "hint" in body.validated_data else None
        try:
            session, shown = services.interview_reveal(session=session, access=self.access, fact=fact, hint=hint)
        except services.AlreadyRevealed as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
        return Response({"reveal": shown, "revealed": selectors.interview_problem_public(session)["revealed"]})
