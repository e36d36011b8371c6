"""The access layer over HTTP: the DRF permission and base view for every design endpoint, and the same for pages.

Routes that name a design come in two shapes onto one view: /…/designs/<design_id>/… for an
account (session cookie, CSRF enforced) and /…/s/<token>/… for a share link (the token in the
path is the only credential: no cookie lifts a link's role, and no CSRF token is needed because
nothing ambient authorises the request). Either way the view sees `request.auth`, one Access.
"""

from __future__ import annotations

from functools import wraps
from typing import cast

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from rest_framework import exceptions
from rest_framework.permissions import BasePermission
from rest_framework.views import APIView

from .access import Access, AccessRefused, access_resolve

#: What a share link's guest is told when their role lacks an ability; accounts without a role on
#: the design (they only took part in its interviews) get 404 for the design itself, as strangers do.
ABILITY_REFUSALS = {
    "read": "This link cannot see the design.",
    "comment": "A {role} link cannot comment.",
    "edit": "A {role} link cannot change the design.",
    "own": "Only the design's owner can do this.",
    "report": "Only a link that led an interview on this design can see its history.",
}


class DesignAbility(BasePermission):
    """The view's `abilities` (HTTP method → ability) checked on the request's Access.

    A route that names no design passes for an account when the view sets `accounts_anywhere`
    (stateless work on a posted document, such as layout).
    """

    def has_permission(self, request, view):
        access = request.auth
        if not isinstance(access, Access):
            return bool(getattr(view, "accounts_anywhere", False) and request.user.is_authenticated)
        ability = view.abilities.get("GET" if request.method == "HEAD" else request.method)
        if ability is None or access.can(ability):
            return True
        if access.role is None and ability in ("read", "comment", "edit"):
            raise exceptions.NotFound("No such design.")
        message = {**ABILITY_REFUSALS, **getattr(view, "refusals", {})}[ability]
        raise exceptions.PermissionDenied(message.format(role=access.role))


class DesignAPIView(APIView):
    """Base of every endpoint about one design: `abilities` says what each method needs."""

    permission_classes = [DesignAbility]
    abilities: dict[str, str] = {}
    refusals: dict[str, str] = {}

    @property
    def access(self) -> Access:
        return cast(Access, self.request.auth)  # DesignAbility set it


def no_referrer(response):
    """Every page under /s/<token>/ carries the token in its path: never let it leak to other
    sites through the Referer header (a page may choose a policy that also sends no path)."""
    if "Referrer-Policy" not in response:
        response["Referrer-Policy"] = "no-referrer"
    return response


def link_unavailable_page(request, status_name: str):
    """The page saying a share link is unknown (404), revoked or expired (410)."""
    return no_referrer(
        render(
            request,
            "sharing/unavailable.html",
            {"status": status_name},
            status=404 if status_name == "unknown" else 410,
        )
    )


def design_page(ability: str):
    """A page about one design, for an account (/designs/<id>/…, login required) and a share link
    (/s/<token>/…): the view is called as view(request, access, **other_kwargs). Without the ability
    the page does not exist (404); closed links get their page (410); guests' pages send no Referer."""

    def decorator(view):
        @wraps(view)
        def page(request, **kwargs):
            guest = "token" in kwargs
            try:
                access = access_resolve(user=request.user, session=request.session, kwargs=kwargs)
            except AccessRefused as exc:
                if exc.status == "login":
                    return redirect_to_login(request.get_full_path())
                if guest:
                    return link_unavailable_page(request, exc.status)
                raise Http404("No such design.") from None
            if access is None or not access.can(ability):
                raise Http404("No such page.")
            rest = {k: v for k, v in kwargs.items() if k not in ("token", "design_id")}
            response = view(request, access, **rest)
            return no_referrer(response) if guest else response

        return page

    return decorator


def design_routes(route: str, view, name: str, *, link_route: str | None = None) -> list:
    """One view at designs/<design_id>/<route> (an account) and at s/<token>/<link_route> (a share
    link; the same route by default), under one URL name: reverse(name, kwargs=access.url_kwargs)
    picks the shape that fits the access."""
    return [
        path(f"designs/<int:design_id>/{route}", view, name=name),
        path(f"s/<str:token>/{route if link_route is None else link_route}", view, name=name),
    ]
