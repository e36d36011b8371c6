"""Interview-mode pages: new from template, the report (HTML, Markdown, diagram), the replay shell, and
practice (start, its report as HTML, Markdown and PDF, My practice)."""

from __future__ import annotations

import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from designer.api.throttles import throttled
from designer.clock import clock
from designer.features import FEATURE_COLUMNS, feature_rows, signal_lines
from designer.models import Design
from designer.sharing.access import AccessRefused, access_for_account
from designer.sharing.http import design_page
from designer.sharing.services import NotAllowed

from . import selectors, services
from .api import ReviewSerializer
from .bank import bank, problem_get, problem_summary
from .cases import case_get
from .framework import DEFAULT_DURATION_MIN, STEP_IDS, STEPS, time_boxes
from .models import SCORE_MAX, SCORE_MIN
from .progress import practice_progress, when
from .report import (
    blocks_markdown,
    features_blocks,
    minutes,
    practice_blocks,
    practice_steps,
    problem_facts,
    report_markdown,
    revealed_text,
    step_times,
)

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


def _report_context(access) -> dict:
    """What the report shows this access (an account or a share link)."""
    design = get_object_or_404(Design, pk=access.design_id)
    session = selectors.interview_latest(design.pk)
    view = selectors.interview_as_dict(session, access, clock.now()) if session else None
    findings, coverage = selectors.design_findings(design.document)
    return {
        "design": design,
        "session": session,
        "interview": view,
        "findings": findings,
        "coverage": coverage,
        "document": design.document,
    }


def _links(access) -> dict:
    """The report's own links, in the shape of the access (a share link's carry its token)."""
    kw = access.url_kwargs
    return {
        "report": reverse("interview-report", kwargs=kw),
        "markdown": reverse("interview-report-md", kwargs=kw),
        "diagram": reverse("interview-report-diagram", kwargs=kw),
        "replay": reverse("interview-replay", kwargs=kw),
        "share": None if access.guest else reverse("interview-report-share", kwargs=kw),
        "editor": reverse("design-editor", kwargs=kw) if access.owner or access.guest else None,
    }


def _review_from_form(post) -> tuple[dict | None, list[str]]:
    """The report form's notes and score_<step> fields, checked by the API's ReviewSerializer."""
    body = ReviewSerializer(
        data={
            "notes": post.get("notes", ""),
            "scores": {step: (post.get(f"score_{step}") or None) for step in STEP_IDS},
        }
    )
    if body.is_valid():
        return body.validated_data, []
    problems = []
    for field, errors in body.errors.items():
        if isinstance(errors, dict):
            problems += [f"score_{step}: {' '.join(map(str, e))}" for step, e in errors.items()]
        else:
            problems.append(f"{field}: {' '.join(map(str, errors))}")
    return None, problems


@require_http_methods(["GET", "POST"])
@design_page("report")
def report(request, access):
    """The report, for the owner and whoever led or took an interview (an account, or a share link);
    an interviewer account also gets the form for notes and scores and the share switch (a link
    writes them in the editor's Interview tab)."""
    context = _report_context(access)
    session = context["session"]
    is_interviewer = session is not None and access.leads(session) and not access.guest
    if request.method == "POST":
        if not is_interviewer:
            raise Http404("No such report form.")
        review, problems = _review_from_form(request.POST)
        if review is None:
            messages.error(request, "; ".join(problems))
        else:
            services.interview_review(session=session, access=access, notes=review["notes"], scores=review["scores"])
            messages.success(request, "Notes and scores saved.")
        return redirect("interview-report", **access.url_kwargs)
    problem = context["document"].get("problem") or {}
    view = context["interview"]
    review = (view or {}).get("review")
    scores = review["scores"] if review else {}
    context.update(
        {
            "links": _links(access),
            "is_interviewer": is_interviewer,
            "facts": problem_facts(problem),
            "statement": problem.get("statement", ""),
            "feature_columns": FEATURE_COLUMNS,
            "feature_rows": feature_rows(context["document"]),
            "signal_lines": signal_lines(context["document"]),
            "times": [
                {**t, "box": minutes(t["box_s"]), "spent": minutes(t["spent_s"]), "score": scores.get(t["id"])}
                for t in step_times(view)
            ]
            if view
            else [],
            "review": review,
            "revealed": [revealed_text(r) for r in view["revealed"]] if view else [],
            "score_rows": [
                {"id": s.id, "number": s.number, "title": s.title, "score": scores.get(s.id)} for s in STEPS
            ],
            "score_choices": list(range(SCORE_MIN, SCORE_MAX + 1)),
            "diagram": _exporter() is not None,
        }
    )
    return render(request, "interview/report.html", context)


@require_POST
@design_page("report")
def report_share(request, access):
    """The report's share switch (an interviewer account; a link shares from the editor)."""
    session = selectors.interview_latest(access.design_id)
    if session is None:
        raise Http404("No interview of yours on this design.")
    shared = request.POST.get("shared") == "1"
    try:
        services.interview_share(session=session, access=access, shared=shared)
    except NotAllowed:
        raise Http404("No interview of yours on this design.") from None
    messages.success(request, "The report is shared with the candidate." if shared else "The report is private again.")
    return redirect("interview-report", **access.url_kwargs)


@require_GET
@design_page("report")
def report_markdown_download(request, access):
    context = _report_context(access)
    design = context["design"]
    # A share link's file has no diagram link: its address would carry the token, which must not
    # travel with a download.
    diagram = (
        request.build_absolute_uri(reverse("interview-report-diagram", kwargs=access.url_kwargs))
        if _exporter() and not access.guest
        else None
    )
    text = report_markdown(
        title=design.title,
        version=design.version,
        document=context["document"],
        findings=context["findings"],
        coverage=context["coverage"],
        session=context["interview"],
        diagram_url=diagram,
    )
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="design-{design.pk}-report.md"'
    return response


def _diagram(export_svg, document: dict) -> HttpResponse:
    """A document drawn as placed, as an image response (or the export's refusal as text)."""
    from designer.export.render import ExportError

    try:
        svg = export_svg(document, layout="drawn")
    except ExportError as exc:
        return HttpResponse(exc.message, status=exc.status, content_type="text/plain; charset=utf-8")
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    for header, value in DIAGRAM_HEADERS.items():
        response[header] = value
    return response


def _exporter():
    try:
        from designer.export.svg import export_svg
    except ImportError:
        return None
    return export_svg


@require_GET
@design_page("report")
def report_diagram(request, access):
    """The design drawn as placed, by our SVG export, for the report's <img>."""
    export_svg = _exporter()
    if export_svg is None:
        raise Http404("Diagram export is not installed.")

    design = get_object_or_404(Design, pk=access.design_id)
    return _diagram(export_svg, design.document)


@require_GET
@design_page("report")
def replay(request, access):
    """The replay shell: replay.js reads the history over the API."""
    design = get_object_or_404(Design, pk=access.design_id)
    config = {
        "designId": design.pk,
        "history": reverse("api-design-history", kwargs=access.url_kwargs),
        "version": design.version,
        # Restoring writes a version: for those who may also edit (replay.js posts to history/<v>/restore/).
        "canRestore": access.can("edit"),
        "csrfToken": get_token(request),
    }
    return render(
        request,
        "interview/replay.html",
        {"design": design, "replay_config": config, "links": _links(access)},
    )


# --- Practice: the problem bank, starting an attempt, its report, and My practice ---------------


def _own_practice(request, design_id: int):
    """The account's practice on this design: 404 for anyone but the design's owner (the practice
    pages are the candidate's alone), and for a design that is not a practice."""
    try:
        access = access_for_account(request.user, design_id)
    except AccessRefused:
        raise Http404("No such practice.") from None
    attempt = selectors.practice_for_design(access.design_id) if access.owner else None
    if attempt is None:
        raise Http404("No such practice.")
    return attempt


@login_required
@require_POST
def practice_start(request):
    """ "Practise" on a problem: a blank design linked to a new attempt, opened in the editor."""
    problem = problem_get(request.POST.get("problem", ""))
    if problem is None:
        messages.error(request, "That problem is not in the bank.")
        return redirect("practice-home")
    attempt = services.practice_start(user=request.user, problem=problem, boxes=time_boxes(DEFAULT_DURATION_MIN))
    return redirect("design-editor", design_id=attempt.design_id)


def _ended_practice(request, design_id: int) -> tuple[dict, dict, dict | None]:
    """(the practice as data, the reference's write-up, the design as it ended — None when its
    history is too long to replay) of an ended practice of the account's."""
    attempt = _own_practice(request, design_id)
    practice = selectors.practice_as_dict(attempt, clock.now())
    if practice["result"] is None:
        raise Http404("This practice has not ended yet: end it in the editor to get its report.")
    try:
        document = selectors.practice_ended_document(attempt)
    except selectors.HistoryTooLarge:
        document = None
    return practice, selectors.practice_problem(attempt).spec.writeup.model_dump(), document


@login_required
@require_GET
def practice_report(request, design_id: int):
    """The report of an ended practice: scores, comparison by step, findings, time, hints and facts."""
    attempt = _own_practice(request, design_id)
    if attempt.ended_at is None:
        practice = selectors.practice_as_dict(attempt, clock.now())
        return render(request, "interview/practice_report.html", {"practice": practice, "ended": False})
    practice, writeup, document = _ended_practice(request, design_id)
    kw = {"design_id": design_id}
    return render(
        request,
        "interview/practice_report.html",
        {
            "ended": True,
            "started_when": when(practice["started_at"]),
            "ended_when": when(practice["ended_at"]),
            "practice": practice,
            "result": practice["result"],
            "rows": practice_steps(practice),
            "writeup": writeup,
            "features": features_blocks(document),
            "diagrams": _exporter() is not None,
            "links": {
                "markdown": reverse("practice-report-md", kwargs=kw),
                "pdf": reverse("practice-report-pdf", kwargs=kw),
                "editor": reverse("design-editor", kwargs=kw),
                "mine": reverse("practice-home"),
                "diagram": reverse("practice-report-diagram", kwargs={**kw, "side": "design"}),
                "reference": reverse("practice-report-diagram", kwargs={**kw, "side": "reference"}),
            },
        },
    )


@login_required
@require_GET
def practice_report_diagram(request, design_id: int, side: str):
    """The ended practice's design ("design", as it ended) or the problem's reference ("reference")
    drawn by our SVG export, for the report's <img> (the reference is the candidate's to see once
    the practice has ended)."""
    export_svg = _exporter()
    if export_svg is None or side not in ("design", "reference"):
        raise Http404("No such diagram.")

    attempt = _own_practice(request, design_id)
    if attempt.ended_at is None:
        raise Http404("The practice has not ended yet.")
    if side == "reference":
        document = selectors.practice_problem(attempt).reference
    else:
        try:
            document = selectors.practice_ended_document(attempt)
        except selectors.HistoryTooLarge as exc:
            return HttpResponse(str(exc), status=422, content_type="text/plain; charset=utf-8")
    return _diagram(export_svg, document)


@login_required
@require_GET
def practice_report_markdown(request, design_id: int):
    practice, writeup, document = _ended_practice(request, design_id)
    response = HttpResponse(
        blocks_markdown(practice_blocks(practice, writeup, document)), content_type="text/markdown; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="practice-{design_id}-report.md"'
    return response


@login_required
@require_GET
def practice_report_pdf(request, design_id: int):
    from designer.export.pdf import blocks_pdf
    from designer.export.render import ExportError

    practice, writeup, document = _ended_practice(request, design_id)
    # Rendering runs librsvg: counted against the export rate, like any other export.
    if wait := throttled("export", request):
        seconds = max(1, math.ceil(wait))
        response = HttpResponse(
            f"Too many exports; try again in {seconds} s.", status=429, content_type="text/plain; charset=utf-8"
        )
        response["Retry-After"] = str(seconds)
        return response
    try:
        pdf = blocks_pdf(practice_blocks(practice, writeup, document))
    except ExportError as exc:
        return HttpResponse(exc.message, status=exc.status, content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="practice-{design_id}-report.pdf"'
    return response


@login_required
@require_GET
def practice_home(request):
    """My practice: the bank to start from, and per problem the attempts with their scores over time
    (an inline SVG chart) and the weakest step across attempts."""
    attempts = selectors.practice_list(request.user)
    return render(
        request,
        "interview/practice.html",
        {"problems": [problem_summary(p) for p in bank()], "progress": practice_progress(attempts)},
    )
