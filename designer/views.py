"""Server-rendered pages: home, sign-up, My designs and the editor shell."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import UserCreationForm
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_POST

from . import limits, selectors, services
from .forms import RenameForm


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the static icon."""
    return redirect(static("favicon.svg"), permanent=True)


def home(request):
    if request.user.is_authenticated:
        return redirect("design-list")
    return render(request, "home.html")


def signup(request):
    if request.user.is_authenticated:
        return redirect("design-list")
    form = UserCreationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user)
        messages.success(request, f"Welcome, {user.get_username()}! Start your first design.")
        return redirect("design-list")
    return render(request, "registration/signup.html", {"form": form})


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


@login_required
def design_editor(request, design_id: int):
    design = selectors.design_get_for_user(request.user, design_id)
    config = {
        "designId": design.pk,
        "title": design.title,
        "role": "owner",
        "user": request.user.get_username(),
        "csrfToken": get_token(request),
        "wsUrl": f"/ws/designs/{design.pk}/",
        "urls": {
            "design": f"/api/designs/{design.pk}/",
            "comments": f"/api/designs/{design.pk}/comments/",
            "shareLinks": f"/api/designs/{design.pk}/share-links/",
            "ops": f"/api/designs/{design.pk}/ops/",
            "findings": f"/api/designs/{design.pk}/findings/",
            "validate": "/api/validate/",
            "catalog": "/api/catalog/",
            "rules": "/rules/",
            "designs": "/designs/",
        },
    }
    return render(request, "designs/editor.html", {"design": design, "editor_config": config})
