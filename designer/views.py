"""Server-rendered pages: home, sign-up, sign-in, My designs and the editor shell (for owners and share links)."""

import math
import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import UserCreationForm
from django.http import HttpResponseNotAllowed, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import URLResolver, reverse
from django.urls.resolvers import RegexPattern
from django.views import defaults
from django.views.decorators.http import require_http_methods, require_POST

from . import limits, selectors, services
from .api.throttles import LoginGuard, throttled
from .document import InvalidDocument
from .export.importers import IMPORT_LIMIT_BYTES, import_document
from .forms import DisplayNameForm, RenameForm
from .interview.selectors import practice_for_design
from .models import Design
from .sharing.access import GUEST_ID_KEY
from .sharing.http import design_page


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the static icon."""
    return redirect(static("favicon.svg"), permanent=True)


def home(request):
    if request.user.is_authenticated:
        return redirect("design-list")
    return render(request, "home.html")


def _refused(request, template: str, context: dict, wait: float):
    """The form page again, answered 429 with Retry-After, saying how long to wait."""
    seconds = max(1, math.ceil(wait))
    context["refusal"] = f"Too many attempts from here. Try again in {seconds} second{'s' if seconds != 1 else ''}."
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(seconds)
    return response


def signup(request):
    if request.user.is_authenticated:
        return redirect("design-list")
    form: UserCreationForm[Any] = UserCreationForm(request.POST or None)
    if request.method == "POST" and (wait := throttled("signup", request)):
        return _refused(request, "registration/signup.html", {"form": UserCreationForm()}, wait)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user)
        messages.success(request, f"Welcome, {user.get_username()}! Start your first design.")
        return redirect("design-list")
    return render(request, "registration/signup.html", {"form": form})


class LoginView(auth_views.LoginView):
    """Django's sign-in, with a growing delay after failures and a lockout window, per username and
    per IP (designer/api/throttles.py, LoginGuard)."""

    def post(self, request, *args, **kwargs):
        self.guard = LoginGuard(request, request.POST.get("username", ""))
        wait = self.guard.wait()
        if wait:
            context = self.get_context_data(form=self.form_class(request))
            return _refused(request, self.get_template_names()[0], context, wait)
        self.guard.attempt()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        self.guard.succeeded()
        return super().form_valid(form)


@login_required
def design_list(request):
    designs = selectors.design_list_for_user(request.user)
    return render(request, "designs/list.html", {"designs": designs})


@login_required
def design_new(request):
    """GET shows the choice (blank or template); POST creates a blank design and opens it."""
    if request.method == "POST":
        title = (request.POST.get("title") or "").strip()[: limits.LABEL_CHARS] or "Untitled design"
        design = services.design_create(owner=request.user, title=title)
        return redirect("design-editor", design_id=design.pk)
    return render(request, "designs/new.html")


@login_required
@require_POST
def design_import(request):
    """A file (JSON document, exported SVG or Mermaid text) becomes a new design, opened in the editor;
    an unreadable file is listed on My designs with every problem, and nothing is created."""
    if wait := throttled("export", request):
        messages.error(request, f"Too many imports; try again in {math.ceil(wait)} s.")
        return redirect("design-list")
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "Choose a file to open: a JSON document, an SVG exported here or Mermaid text.")
        return redirect("design-list")
    raw = upload.read(IMPORT_LIMIT_BYTES + 1)
    try:
        _, document = import_document(raw)
    except InvalidDocument as exc:
        problems = "; ".join(str(p) for p in exc.problems[:5])
        messages.error(request, f"“{upload.name[:80]}” could not be opened: {problems}")
        return redirect("design-list")
    design = services.design_create(owner=request.user, document=document)
    messages.success(request, f"Opened “{upload.name[:80]}” as a new design.")
    return redirect("design-editor", design_id=design.pk)


@login_required
@require_POST
def design_rename(request, design_id: int):
    design = selectors.design_get_for_user(request.user, design_id)
    form = RenameForm(request.POST)
    if form.is_valid():
        services.design_rename(design=design, title=form.cleaned_data["title"], author=request.user.get_username())
        messages.success(request, f"Renamed to “{form.cleaned_data['title']}”.")
    else:
        messages.error(request, f"A title is 1–{limits.LABEL_CHARS} characters.")
    return redirect("design-list")


@login_required
@require_POST
def design_duplicate(request, design_id: int):
    design = selectors.design_get_for_user(request.user, design_id)
    copy = services.design_duplicate(design=design, owner=request.user)
    messages.success(request, f"Created “{copy.title}”.")
    return redirect("design-list")


@login_required
@require_POST
def design_delete(request, design_id: int):
    design = selectors.design_get_for_user(request.user, design_id)
    title = design.title
    services.design_delete(design=design)
    messages.success(request, f"Deleted “{title}”.")
    return redirect("design-list")


def ws_reverse(name: str, kwargs: dict) -> str:
    """The path of a websocket route (designer/realtime/routing.py), reversed like any other URL."""
    from designer.realtime.routing import websocket_urlpatterns

    return "/" + URLResolver(RegexPattern(r"^/"), websocket_urlpatterns).reverse(name, **kwargs)


def practice_urls(design_id: int) -> dict:
    """The practice endpoints, for the owner of a design that is a practice (the editor then docks
    the problem card); none for any other design."""
    if practice_for_design(design_id) is None:
        return {}
    kw = {"design_id": design_id}
    return {
        "practice": reverse("api-practice", kwargs=kw),
        **{f"practice_{a}": reverse(f"api-practice-{a}", kwargs=kw) for a in ("ask", "hint", "step", "compare", "end")},
        "practice_report": reverse("practice-report", kwargs=kw),
    }


def editor_config(request, access, design) -> dict:
    """What templates/designs/editor.html json_scripts for the editor: every URL comes from reverse(),
    in the shape of the access (a guest's carry the token in their path)."""
    kw = access.url_kwargs
    urls = {
        "design": reverse("api-design-detail", kwargs=kw),
        "ops": reverse("api-design-ops", kwargs=kw),
        "comments": reverse("api-design-comments", kwargs=kw),
        "findings": reverse("api-design-findings", kwargs=kw),
        "export": reverse("design-export", kwargs=kw),
        "interview": reverse("api-design-interview", kwargs=kw),
        **{
            f"interview_{a}": reverse(f"api-interview-{a}", kwargs=kw)
            for a in ("next", "end", "review", "share", "problem", "reveal")
        },
        "report": reverse("interview-report", kwargs=kw),
        "replay": reverse("interview-replay", kwargs=kw),
        "framework": reverse("api-interview-framework"),
        "problems": reverse("api-problems"),
        "rubric": reverse("api-rubric"),
        "validate": reverse("api-validate"),
        "catalog": reverse("api-catalog"),
        "rulesApi": reverse("api-rules"),
        "rules": reverse("rules"),
        # A guest has no design list; the editor's back link goes home.
        "designs": reverse("design-list") if access.owner else reverse("home"),
    }
    if access.can("edit"):
        urls["layout"] = reverse("layout", kwargs={"token": access.token} if access.guest else {})
        urls["import"] = reverse("import", kwargs={"token": access.token} if access.guest else {})
    if access.owner:
        urls["shareLinks"] = reverse("api-share-links", kwargs=kw)
        urls["importDesign"] = reverse("design-import")
    if access.owner and not access.guest:
        urls.update(practice_urls(design.pk))
    config = {
        "designId": design.pk,
        "title": design.title,
        "role": access.role,
        "user": access.name,
        "csrfToken": get_token(request),
        "wsUrl": ws_reverse("ws-design", kw),
        "urls": urls,
    }
    if access.guest:
        config["shareToken"] = access.token
    return config


@require_http_methods(["GET", "POST"])
@design_page("read")
def design_editor(request, access):
    """The editor, for the owner (/designs/<id>/) and a share link's guest (/s/<token>/), who first
    chooses the name others see (kept in their session)."""
    if access.guest:
        # The browser's own id: its batches' client_op_ids are de-duplicated apart from other guests'.
        request.session.setdefault(GUEST_ID_KEY, secrets.token_urlsafe(12))
        form = DisplayNameForm(request.POST or None, initial={"name": request.session.get("share_name", "")})
        if request.method == "POST" and form.is_valid():
            request.session["share_name"] = form.cleaned_data["name"]
            return redirect(request.path)
        if request.method == "POST" or not request.session.get("share_name"):
            page = render(request, "sharing/name.html", {"form": form, "role": access.role})
            # The name form posts back here with a CSRF token; under no-referrer browsers would send
            # "Origin: null", which Django's origin check refuses. strict-origin sends the origin
            # (never the path, which holds the token) to this site and to others alike.
            page["Referrer-Policy"] = "strict-origin"
            return page
    elif request.method == "POST":
        return HttpResponseNotAllowed(["GET"])
    design = Design.objects.get(pk=access.design_id)
    return render(
        request, "designs/editor.html", {"design": design, "editor_config": editor_config(request, access, design)}
    )


def _api(request) -> bool:
    return request.path.startswith("/api/")


def error_400(request, exception=None):
    if _api(request):
        return JsonResponse({"detail": "Bad request."}, status=400)
    return defaults.bad_request(request, exception)


def error_403(request, exception=None):
    if _api(request):
        return JsonResponse({"detail": "You do not have permission to perform this action."}, status=403)
    return defaults.permission_denied(request, exception)


def error_404(request, exception=None):
    """API paths answer JSON, as DRF's views do, even for a path that matches no route."""
    if _api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def error_500(request):
    """In production (DJANGO_DEBUG=0) an API client gets JSON, never an HTML error page."""
    if _api(request):
        return JsonResponse({"detail": "A server error occurred; it has been logged."}, status=500)
    return defaults.server_error(request)
