"""Access resolved once: a session or a share token becomes one Access (design, role, interview part, name).

Every HTTP endpoint, page and websocket room asks this module, never the models directly:
`access_resolve` reads the route's kwargs (`token`, `design_id` or `session_id`) and the
request's user and session. What each role may do is the table in roles.py; the writes that must
win races (a link revoked mid-request) re-check inside their transaction (services.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from designer.models import Design

from .models import ShareLink
from .roles import can
from .tokens import token_hash, token_well_formed

if TYPE_CHECKING:
    from django.contrib.auth.models import User

#: What a guest is called before they choose a name (the share page asks for one).
UNNAMED_GUEST = "Anonymous"
#: Marks every guest's name; account names (Django usernames: letters, digits and @.+-_) never
#: contain a space or parentheses, so a guest's name can never equal an account's.
GUEST_MARK = " (guest)"
#: The session key holding a guest browser's own id (set by the share page): its ops' client_op_ids
#: are de-duplicated apart from everyone else's.
GUEST_ID_KEY = "share_guest_id"


class AccessRefused(Exception):
    """No access: `status` is "login" (no account), "unknown" (no such design or link, or not
    yours), "revoked" or "expired" (the share link)."""

    def __init__(self, status: str):
        self.status = status
        super().__init__(status)


@dataclass(frozen=True)
class Access:
    """Who acts on which design: an account or a share link's guest, and what they are to it.

    `role` is the design role (owner, edit, comment, view) or None for an account that only
    takes part in the design's interviews; `interviewer` / `candidate` say whether they led or
    took one of them. `token` is the share token of the route (it builds the guest's URLs).
    `author_key` names who writes, for de-duplicating their batches' client_op_ids: the account
    (`user:<id>`), or the link and the guest browser's own id (`guest:<link id>:<guest id>`), so a
    collaborator who sends another's client_op_id can never have their batch taken for that one.
    """

    design_id: int
    role: str | None
    name: str
    user: User | None = None
    link_id: int | None = None
    expires_at: datetime | None = None
    interviewer: bool = False
    candidate: bool = False
    token: str | None = field(default=None, repr=False)
    author_key: str = field(default="", repr=False)

    @property
    def guest(self) -> bool:
        return self.link_id is not None

    @property
    def owner(self) -> bool:
        return self.role == "owner"

    @property
    def url_kwargs(self) -> dict:
        """The kwargs that reverse this access's routes: the token for a guest, else the design id."""
        return {"token": self.token} if self.guest else {"design_id": self.design_id}

    def can(self, ability: str) -> bool:
        """read, comment, edit (the role table), own (the owner), or report: the report, replay and
        history of the design's interviews (the owner and those who led or took one)."""
        if ability == "own":
            return self.owner
        if ability == "report":
            return self.owner or self.interviewer or self.candidate
        if ability == "interview":
            return self.can("read") or self.can("report")
        return self.role is not None and can(self.role, ability)

    def leads(self, session) -> bool:
        """True when this access leads `session` (its account, or the share link it came through)."""
        if self.guest:
            return session.interviewer_link_id == self.link_id
        return session.interviewer_id is not None and session.interviewer_id == getattr(self.user, "pk", None)

    def takes(self, session) -> bool:
        """True when this access is `session`'s candidate (candidates are accounts)."""
        return (
            not self.guest
            and session.candidate_id is not None
            and session.candidate_id == getattr(self.user, "pk", None)
        )


def link_status(link: ShareLink | None, now: datetime | None = None) -> str:
    """ "ok", "revoked", "expired" or "unknown" (no such link)."""
    if link is None:
        return "unknown"
    if link.revoked_at is not None:
        return "revoked"
    if link.expires_at is not None and link.expires_at <= (now or timezone.now()):
        return "expired"
    return "ok"


def share_link_by_token(token: str) -> ShareLink | None:
    if not token_well_formed(token):
        return None
    return ShareLink.objects.select_related("design").filter(token_hash=token_hash(token)).first()


def guest_name(chosen: str | None) -> str:
    """A guest's display name as everyone sees it: what they chose (or "Anonymous"), marked as a guest."""
    name = (chosen or "").strip()
    if name.endswith(GUEST_MARK.strip()):
        name = name[: -len(GUEST_MARK.strip())].strip()
    return f"{name or UNNAMED_GUEST}{GUEST_MARK}"


def access_for_link(token: str, chosen_name: str | None, guest_id: str | None = None) -> Access:
    """The Access of a live share link's guest, or AccessRefused(unknown / revoked / expired).

    `guest_id` is the browser's own id from its session (GUEST_ID_KEY); clients that never loaded the
    share page have none and share one namespace of client_op_ids per link."""
    link = share_link_by_token(token)
    status = link_status(link)
    if status != "ok" or link is None:
        raise AccessRefused(status)
    led = link.interviews_led.exists()
    return Access(
        design_id=link.design_id,
        role=link.role,
        name=guest_name(chosen_name),
        link_id=link.pk,
        expires_at=link.expires_at,
        interviewer=led,
        token=token,
        author_key=f"guest:{link.pk}:{guest_id or ''}",
    )


def access_for_account(user, design_id: int) -> Access:
    """The Access of an account to a design: its owner, or someone who led or took one of its
    interviews (they read its report, rubric and history); anyone else learns nothing (unknown)."""
    if not getattr(user, "is_authenticated", False):
        raise AccessRefused("login")
    design = Design.objects.filter(pk=design_id).only("owner_id").first()
    if design is None:
        raise AccessRefused("unknown")
    parts = set(
        design.interviews.filter(Q(interviewer=user) | Q(candidate=user)).values_list("interviewer_id", "candidate_id")
    )
    interviewer = any(interviewer_id == user.pk for interviewer_id, _ in parts)
    candidate = any(candidate_id == user.pk for _, candidate_id in parts)
    if design.owner_id != user.pk and not (interviewer or candidate):
        raise AccessRefused("unknown")
    return Access(
        design_id=design_id,
        role="owner" if design.owner_id == user.pk else None,
        name=user.get_username(),
        user=user,
        interviewer=interviewer,
        candidate=candidate,
        author_key=f"user:{user.pk}",
    )


def design_id_of_interview(session_id: int) -> int:
    """The design an interview session belongs to (AccessRefused("unknown") when there is none)."""
    design_id = Design.objects.filter(interviews__pk=session_id).values_list("pk", flat=True).first()
    if design_id is None:
        raise AccessRefused("unknown")
    return design_id


def access_resolve(*, user, session, kwargs: dict) -> Access | None:
    """The Access a route's kwargs and the request's user and session give, or None when the route
    names no design. `token` routes trust only the token (a cookie never lifts a link's role);
    `design_id` and `session_id` routes trust only the account."""
    if "token" in kwargs:
        if session is None:
            return access_for_link(kwargs["token"], None)
        return access_for_link(kwargs["token"], session.get("share_name"), session.get(GUEST_ID_KEY))
    if "design_id" in kwargs:
        return access_for_account(user, kwargs["design_id"])
    if "session_id" in kwargs:
        if not getattr(user, "is_authenticated", False):
            raise AccessRefused("login")
        return access_for_account(user, design_id_of_interview(kwargs["session_id"]))
    return None
