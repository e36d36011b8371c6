"""Who may do what: one table, read by the HTTP views and the websocket consumer alike."""

ROLES = ("owner", "edit", "comment", "view")
LINK_ROLES = ("view", "comment", "edit")

_ABILITIES = {
    "owner": frozenset({"read", "comment", "edit"}),
    "edit": frozenset({"read", "comment", "edit"}),
    "comment": frozenset({"read", "comment"}),
    "view": frozenset({"read"}),
}


def can(role: str | None, action: str) -> bool:
    """True when `role` may perform `action` (read, comment or edit)."""
    return role is not None and action in _ABILITIES.get(role, frozenset())
