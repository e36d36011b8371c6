"""Interview-mode pages: new from template, the report (HTML, Markdown, diagram) and the replay shell."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from designer.sharing.views import live_link_or_page, no_referrer

from . import selectors, services
from .api import findings_and_rubric
from .cases import case_get
from .framework import STEP_IDS, STEPS
from .models import NOTES_MAX_CHARS, SCORE_MAX, SCORE_MIN
from .report import minutes, problem_facts, report_markdown, step_times

#: The diagram is our own export (never user SVG), served as an image so nothing in it can run.
DIAGRAM_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    "X-Content-Type-Options": "nosniff",
}


@login_required
@require_POST
def design_new_from_template(request):
    """The gallery's "Use this template": create a copy and open it in the editor."""
    case = case_get(request.POST.get("template", ""))
    if case is None:
        messages.error(request, "That template does not exist.")
        return redirect("design-new")
    design = services.design_create_from_case(owner=request.user, case=case)
    return redirect("design-editor", design_id=design.pk)


def _report_context(design, role: str, viewer) -> dict:
    """What the report shows `viewer` (an account or a share link) whose part in the design is `role`."""
    session = selectors.interview_latest(design)
    view = selectors.interview_as_dict(session, viewer, timezone.now()) if session else None
    findings, coverage = findings_and_rubric(design.document)
    return {
        "design": design,
        "role": role,
        "session": session,
        "interview": view,
        "findings": findings,
        "coverage": coverage,
        "document": design.document,
    }


def _account_links(design, role: str) -> dict:
    return {
        "report": reverse("interview-report", args=[design.pk]),
        "markdown": reverse("interview-report-md", args=[design.pk]),
        "diagram": reverse("interview-report-diagram", args=[design.pk]),
        "replay": reverse("interview-replay", args=[design.pk]),
        "share": reverse("interview-report-share", args=[design.pk]),
        "editor": reverse("design-editor", args=[design.pk]) if role == "owner" else None,
    }


def _link_links(token: str) -> dict:
    # The share link's pages: the token in every path is the credential (no account, no cookie).
    return {
        "report": reverse("link-report", args=[token]),
        "markdown": reverse("link-report-md", args=[token]),
        "diagram": reverse("link-report-diagram", args=[token]),
        "replay": reverse("link-replay", args=[token]),
        "share": None,
        "editor": reverse("share-page", args=[token]),
    }


def link_page(view):
    """A page for the share link that led one of the design's interviews: the token becomes
    (link, design, role), or the page saying the link is unknown, revoked or expired; the
    response never sends a Referer (the token is in the path)."""

    @require_GET
    @wraps(view)
    def page(request, token: str):
        link, unavailable = live_link_or_page(request, token)
        if unavailable:
            return unavailable
        design, role = selectors.design_for_link(link)
        return no_referrer(view(request, token, link, design, role))

    return page


def _render_report(request, context: dict, links: dict, is_interviewer: bool):
    problem = context["document"].get("problem") or {}
    view = context["interview"]
    review = (view or {}).get("review")
    scores = review["scores"] if review else {}
    context.update(
        {
            "links": links,
            "is_interviewer": is_interviewer,
            "facts": problem_facts(problem),
            "statement": problem.get("statement", ""),
            "times": [
                {**t, "box": minutes(t["box_s"]), "spent": minutes(t["spent_s"]), "score": scores.get(t["id"])}
                for t in step_times(view)
            ]
            if view
            else [],
            "review": review,
            "score_rows": [
                {"id": s.id, "number": s.number, "title": s.title, "score": scores.get(s.id)} for s in STEPS
            ],
            "score_choices": list(range(SCORE_MIN, SCORE_MAX + 1)),
            "diagram": _exporter() is not None,
        }
    )
    return render(request, "interview/report.html", context)


@login_required
def report(request, design_id: int):
    """The report; the interviewer also gets the form for notes and scores and the share switch."""
    design, role = selectors.design_for_participant(request.user, design_id)
    context = _report_context(design, role, request.user)
    session = context["session"]
    is_interviewer = session is not None and selectors.is_interviewer(session, request.user)
    if request.method == "POST":
        if not is_interviewer:
            raise Http404("No such report form.")
        scores, problems = {}, []
        for step in STEP_IDS:
            raw = request.POST.get(f"score_{step}", "")
            if raw == "":
                scores[step] = None
            elif raw.isdigit() and SCORE_MIN <= int(raw) <= SCORE_MAX:
                scores[step] = int(raw)
            else:
                problems.append(f"score_{step}: a score is {SCORE_MIN}–{SCORE_MAX}")
        notes = request.POST.get("notes", "")
        if len(notes) > NOTES_MAX_CHARS:
            problems.append(f"notes: at most {NOTES_MAX_CHARS} characters")
        if problems:
            messages.error(request, "; ".join(problems))
        else:
            services.interview_review(session=session, notes=notes, scores=scores)
            messages.success(request, "Notes and scores saved.")
        return redirect("interview-report", design_id=design_id)
    return _render_report(request, context, _account_links(design, role), is_interviewer)


@link_page
def link_report(request, token: str, link, design, role: str):
    """The report for the share link that led an interview on the design (read-only: it writes
    its notes and scores in the editor's Interview tab)."""
    return _render_report(request, _report_context(design, role, link), _link_links(token), False)


@login_required
@require_POST
def report_share(request, design_id: int):
    design, _ = selectors.design_for_participant(request.user, design_id)
    session = selectors.interview_latest(design)
    if session is None or not selectors.is_interviewer(session, request.user):
        raise Http404("No interview of yours on this design.")
    shared = request.POST.get("shared") == "1"
    services.interview_share(session=session, shared=shared)
    messages.success(request, "The report is shared with the candidate." if shared else "The report is private again.")
    return redirect("interview-report", design_id=design_id)


def _markdown_response(context: dict, diagram_url: str | None) -> HttpResponse:
    design = context["design"]
    text = report_markdown(
        title=design.title,
        version=design.version,
        document=context["document"],
        findings=context["findings"],
        coverage=context["coverage"],
        session=context["interview"],
        diagram_url=diagram_url,
    )
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="design-{design.pk}-report.md"'
    return response


@login_required
def report_markdown_download(request, design_id: int):
    design, role = selectors.design_for_participant(request.user, design_id)
    diagram = request.build_absolute_uri(reverse("interview-report-diagram", args=[design.pk])) if _exporter() else None
    return _markdown_response(_report_context(design, role, request.user), diagram)


@link_page
def link_report_markdown_download(request, token: str, link, design, role: str):
    # No diagram link in the file: its address would carry the token, which must not travel with a download.
    return _markdown_response(_report_context(design, role, link), None)


def _exporter():
    try:
        from designer.export.svg import export_svg
    except ImportError:
        return None
    return export_svg


def _diagram_response(design) -> HttpResponse:
    """The design drawn as placed, by our SVG export, for the report's <img>."""
    export_svg = _exporter()
    if export_svg is None:
        raise Http404("Diagram export is not installed.")
    from designer.export.render import ExportError

    try:
        svg = export_svg(design.document, layout="drawn")
    except ExportError as exc:
        return HttpResponse(exc.message, status=exc.status, content_type="text/plain; charset=utf-8")
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    for header, value in DIAGRAM_HEADERS.items():
        response[header] = value
    return response


@login_required
def report_diagram(request, design_id: int):
    design, _ = selectors.design_for_participant(request.user, design_id)
    return _diagram_response(design)


@link_page
def link_report_diagram(request, token: str, link, design, role: str):
    return _diagram_response(design)


def _render_replay(request, design, role: str, history_url: str, links: dict):
    config = {"designId": design.pk, "history": history_url, "version": design.version}
    return render(
        request, "interview/replay.html", {"design": design, "role": role, "replay_config": config, "links": links}
    )


@login_required
def replay(request, design_id: int):
    design, role = selectors.design_for_participant(request.user, design_id)
    return _render_replay(
        request, design, role, reverse("api-design-history", args=[design.pk]), _account_links(design, role)
    )


@link_page
def link_replay(request, token: str, link, design, role: str):
    return _render_replay(request, design, role, reverse("api-guest-history", args=[token]), _link_links(token))
