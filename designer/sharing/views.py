"""The share page /s/<token>/: ask the guest's display name, then open the editor in the link's role."""

from django import forms
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from designer.models import Design

from . import selectors

NAME_MAX_CHARS = 50


class DisplayNameForm(forms.Form):
    name = forms.CharField(label="Your name", max_length=NAME_MAX_CHARS, strip=True)


def no_referrer(response):
    """Every page under /s/<token>/ carries the token in its path: never let it leak to other
    sites through the Referer header."""
    response["Referrer-Policy"] = "no-referrer"
    return response


def live_link_or_page(request, token: str):
    """(the live link, None), or (None, the page saying the link is unknown (404), revoked or expired (410))."""
    link = selectors.share_link_by_token(token)
    status = selectors.link_status(link)
    if status != "ok":
        return None, no_referrer(
            render(request, "sharing/unavailable.html", {"status": status}, status=404 if status == "unknown" else 410)
        )
    return link, None


def guest_editor_config(*, token: str, design: Design, role: str, name: str, csrf_token: str) -> dict:
    """What templates/designs/editor.html json_scripts for a guest: every URL carries the token in its path."""
    return {
        "designId": design.pk,
        "title": design.title,
        "role": role,
        "user": name,
        "csrfToken": csrf_token,
        "shareToken": token,
        "wsUrl": f"/ws/s/{token}/",
        "urls": {
            "design": f"/api/s/{token}/design/",
            "ops": f"/api/s/{token}/ops/",
            "comments": f"/api/s/{token}/comments/",
            "findings": f"/api/s/{token}/findings/",
            "validate": "/api/validate/",
            "catalog": "/api/catalog/",
            "rules": "/rules/",
            "designs": "/",  # a guest has no design list; the editor's back link goes home
        },
    }


# Exempt from CSRF: under `Referrer-Policy: no-referrer` browsers send `Origin: null` with the
# name form, which Django's origin check refuses. The path token is the credential, and the POST
# only stores a display name in the visitor's own session, so a forged post can do no harm.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def share_page(request, token: str):
    link, unavailable = live_link_or_page(request, token)
    if unavailable:
        return unavailable
    form = DisplayNameForm(request.POST or None, initial={"name": request.session.get("share_name", "")})
    if request.method == "POST" and form.is_valid():
        request.session["share_name"] = form.cleaned_data["name"]
        return no_referrer(redirect(request.path))
    name = request.session.get("share_name")
    if not name or request.method == "POST":
        return no_referrer(render(request, "sharing/name.html", {"form": form, "role": link.role}))
    design = link.design
    config = guest_editor_config(token=token, design=design, role=link.role, name=name, csrf_token=get_token(request))
    return no_referrer(render(request, "designs/editor.html", {"design": design, "editor_config": config}))
