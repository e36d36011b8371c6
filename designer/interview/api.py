"""Interview-mode API: templates, rubric coverage, history and replay, interview sessions. Views stay thin."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from designer import limits
from designer.api.errors import problems_response
from designer.api.serializers import DesignSerializer
from designer.document import check_document
from designer.sharing.api import Gone, GuestView
from designer.sharing.services import LinkClosed
from designer.validation.engine import validate_design

from . import selectors, services
from .cases import case_get, case_list
from .framework import DEFAULT_DURATION_MIN, STEP_IDS, STEPS, time_boxes
from .models import NOTES_MAX_CHARS, SCORE_MAX, SCORE_MIN
from .replay import document_at, timeline, validated_versions_for
from .rubric import rubric


def findings_and_rubric(document: dict) -> tuple[list[dict], dict]:
    findings = [f.as_dict() for f in validate_design(document)]
    return findings, rubric(document, findings)


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


class TemplateListView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={200: dict})
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

    @extend_schema(responses={200: dict})
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

    @extend_schema(request=dict, responses={200: dict, 400: OpenApiResponse(description="invalid document")})
    def post(self, request):
        problems = check_document(request.data)
        if problems:
            return problems_response(problems)
        findings, coverage = findings_and_rubric(request.data)
        return Response({"rubric": coverage, "findings": findings})


class DesignRubricView(APIView):
    @extend_schema(responses={200: dict})
    def get(self, request, design_id: int):
        design, _ = selectors.design_for_participant(request.user, design_id)
        findings, coverage = findings_and_rubric(design.document)
        return Response({"version": design.version, "rubric": coverage, "findings": findings})


def _history(design) -> dict:
    entries = selectors.history_entries(design)
    result = timeline(
        [(v, at, ops) for v, at, ops, _ in entries],
        validate=lambda doc: [f.as_dict() for f in validate_design(doc)],
        score=lambda doc, findings: rubric(doc, findings)["mean"],
        limit=validated_versions_for(len(design.document.get("nodes", []))),
    )
    return {
        "version": design.version,
        "versions": [
            {"version": v, "at": at.isoformat(), "author": author, "ops": len(ops)} for v, at, ops, author in entries
        ],
        **result,
    }


def _history_version(design, version: int) -> dict:
    entries = selectors.history_entries(design)
    document = document_at([(v, ops) for v, _, ops, _ in entries], version)
    if document is None:
        raise NotFound(f"version {version} is not in this design's history (1–{design.version})")
    findings, coverage = findings_and_rubric(document)
    at = next(at for v, at, _, _ in entries if v == version)
    return {"version": version, "at": at.isoformat(), "document": document, "findings": findings, "rubric": coverage}


class DesignHistoryView(APIView):
    @extend_schema(responses={200: dict})
    def get(self, request, design_id: int):
        """Every version with its time and author, and finding markers over sampled versions."""
        design, _ = selectors.design_for_participant(request.user, design_id)
        return Response(_history(design))


class DesignHistoryVersionView(APIView):
    @extend_schema(operation_id="api_designs_history_version_retrieve", responses={200: dict})
    def get(self, request, design_id: int, version: int):
        """The document exactly as it was at `version`, with its findings and rubric coverage."""
        design, _ = selectors.design_for_participant(request.user, design_id)
        return Response(_history_version(design, version))


class DesignInterviewView(APIView):
    @extend_schema(responses={200: dict})
    def get(self, request, design_id: int):
        """The design's latest interview as this user may see it (null when there is none)."""
        design, _ = selectors.design_for_participant(request.user, design_id)
        session = selectors.interview_latest(design)
        return Response(
            {"interview": selectors.interview_as_dict(session, request.user, timezone.now()) if session else None}
        )

    @extend_schema(request=StartSerializer, responses={201: dict})
    def post(self, request, design_id: int):
        """Start an interview (the owner); a running one ends.

        The named account or link leads; naming neither lets the newest live interviewer link
        lead, else the owner. When someone else leads, the owner is the candidate.
        """
        design, role = selectors.design_for_participant(request.user, design_id)
        if role != "owner":
            raise PermissionDenied("Only the design's owner can start an interview.")
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
        session = services.interview_start(
            design=design, interviewer=interviewer, interviewer_link=link, boxes=body.boxes(), candidate=candidate
        )
        return Response(
            {"interview": selectors.interview_as_dict(session, request.user, timezone.now())},
            status=status.HTTP_201_CREATED,
        )


class InterviewDetailView(APIView):
    @extend_schema(responses={200: dict})
    def get(self, request, session_id: int):
        session = selectors.interview_get_for_user(request.user, session_id)
        return Response({"interview": selectors.interview_as_dict(session, request.user, timezone.now())})


class InterviewNextView(APIView):
    @extend_schema(request=None, responses={200: dict})
    def post(self, request, session_id: int):
        """Next step (interviewer or candidate); after step 7 the interview ends."""
        session = selectors.interview_get_for_user(request.user, session_id)
        if request.user.pk not in (session.interviewer_id, session.candidate_id):
            raise PermissionDenied("Only the interviewer or the candidate moves the interview on.")
        session = services.interview_next_step(session=session)
        return Response({"interview": selectors.interview_as_dict(session, request.user, timezone.now())})


class InterviewEndView(APIView):
    @extend_schema(request=None, responses={200: dict})
    def post(self, request, session_id: int):
        session = _as_interviewer(request, session_id)
        session = services.interview_end(session=session)
        return Response({"interview": selectors.interview_as_dict(session, request.user, timezone.now())})


class InterviewReviewView(APIView):
    @extend_schema(request=ReviewSerializer, responses={200: dict})
    def patch(self, request, session_id: int):
        """The interviewer's private notes and per-step scores (1–4)."""
        session = _as_interviewer(request, session_id)
        body = ReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        session = services.interview_review(
            session=session, notes=body.validated_data.get("notes"), scores=body.validated_data.get("scores")
        )
        return Response({"interview": selectors.interview_as_dict(session, request.user, timezone.now())})


class InterviewShareView(APIView):
    @extend_schema(request=None, responses={200: dict})
    def post(self, request, session_id: int):
        """Share the report's notes and scores with the candidate (DELETE hides them again)."""
        session = services.interview_share(session=_as_interviewer(request, session_id), shared=True)
        return Response({"interview": selectors.interview_as_dict(session, request.user, timezone.now())})

    @extend_schema(request=None, responses={200: dict})
    def delete(self, request, session_id: int):
        session = services.interview_share(session=_as_interviewer(request, session_id), shared=False)
        return Response({"interview": selectors.interview_as_dict(session, request.user, timezone.now())})


def _as_interviewer(request, session_id: int):
    session = selectors.interview_get_for_user(request.user, session_id)
    if not selectors.is_interviewer(session, request.user):
        raise PermissionDenied("Only the interviewer can do this.")
    return session


class GuestInterviewView(GuestView):
    """A share-link guest's view of the design's latest interview; the token in the path is the credential."""

    @extend_schema(responses={200: dict})
    def get(self, request, token: str):
        """The latest interview as this link may see it: notes and scores only for its interviewer link, or once shared."""
        link, session = selectors.interview_latest_for_link(self.access(request, token).link_id)
        return Response({"interview": selectors.interview_as_dict(session, link, timezone.now()) if session else None})


class GuestInterviewerView(GuestView):
    """Base for the interviewer link's writes: the latest interview, which this link must lead."""

    def led(self, request, token: str):
        link, session = selectors.interview_latest_for_link(self.access(request, token).link_id)
        if session is None:
            raise NotFound("There is no interview on this design.")
        if not selectors.is_interviewer(session, link):
            raise PermissionDenied("Only the interviewer's link can do this.")
        return link, session

    def respond(self, write, link):
        try:
            session = write()
        except LinkClosed as exc:
            raise Gone(f"This share link is {exc.status}.") from None
        return Response({"interview": selectors.interview_as_dict(session, link, timezone.now())})


class GuestInterviewNextView(GuestInterviewerView):
    @extend_schema(request=None, responses={200: dict})
    def post(self, request, token: str):
        """Next step; after step 7 the interview ends."""
        link, session = self.led(request, token)
        return self.respond(lambda: services.interview_next_step(session=session, link_id=link.pk), link)


class GuestInterviewEndView(GuestInterviewerView):
    @extend_schema(request=None, responses={200: dict})
    def post(self, request, token: str):
        """End the interview now, at whatever step it is."""
        link, session = self.led(request, token)
        return self.respond(lambda: services.interview_end(session=session, link_id=link.pk), link)


class GuestInterviewReviewView(GuestInterviewerView):
    @extend_schema(request=ReviewSerializer, responses={200: dict})
    def patch(self, request, token: str):
        """The interviewer link's private notes and per-step scores (1–4)."""
        link, session = self.led(request, token)
        body = ReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self.respond(
            lambda: services.interview_review(
                session=session,
                notes=body.validated_data.get("notes"),
                scores=body.validated_data.get("scores"),
                link_id=link.pk,
            ),
            link,
        )


class GuestInterviewShareView(GuestInterviewerView):
    @extend_schema(request=None, responses={200: dict})
    def post(self, request, token: str):
        """Share the notes and scores with the candidate and the owner (DELETE hides them again)."""
        link, session = self.led(request, token)
        return self.respond(lambda: services.interview_share(session=session, shared=True, link_id=link.pk), link)

    @extend_schema(request=None, responses={200: dict})
    def delete(self, request, token: str):
        link, session = self.led(request, token)
        return self.respond(lambda: services.interview_share(session=session, shared=False, link_id=link.pk), link)


class GuestHistoryView(GuestView):
    """The replay's history for the share link that led one of the design's interviews."""

    def design(self, request, token: str):
        link, _ = selectors.interview_latest_for_link(self.access(request, token).link_id)
        if not selectors.link_led_an_interview(link):
            raise PermissionDenied("Only a link that led an interview on this design can see its history.")
        return link.design

    @extend_schema(responses={200: dict})
    def get(self, request, token: str):
        """Every version with its time and author, and finding markers over sampled versions."""
        return Response(_history(self.design(request, token)))


class GuestHistoryVersionView(GuestHistoryView):
    @extend_schema(operation_id="api_s_history_version_retrieve", responses={200: dict})
    def get(self, request, token: str, version: int):
        """The document exactly as it was at `version`, with its findings and rubric coverage."""
        return Response(_history_version(self.design(request, token), version))
