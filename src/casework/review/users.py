"""Named users: reviewers decide, admins also manage users; reading needs no one.

A token is shown once, when the user is added, and only its SHA-256 is stored: the token is 32 random
bytes, so a fast hash is enough (there is nothing to guess from), and a stolen store gives no token.
"""

from __future__ import annotations

import getpass
import hashlib
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection

from casework.errors import BadRequest, NotFound
from casework.store.database import Store
from casework.store.user_rows import (
    active_user_with_token,
    active_users,
    add_user_row,
    any_active_user,
    mark_user_removed,
    restore_user_row,
    user_was_removed,
)

ROLES = ("reviewer", "admin")
_NAME = re.compile(r"^[\w.@-]{1,64}$")


@dataclass
class User:
    name: str
    role: str
    created_at: str

    def can(self, role: str) -> bool:
        """Whether this user holds ROLE: an admin may do what a reviewer does."""
        return self.role == "admin" or self.role == role


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def local_reviewer() -> str:
    """Who the command line decides as when no user is named: the login, marked as local."""
    try:
        return f"local:{getpass.getuser()}"
    except (KeyError, OSError):  # no login name in a container
        return "local"


def add_user(store: Store, name: str, role: str) -> str:
    """Add NAME with ROLE; returns the token (shown once, never stored)."""
    if not _NAME.match(name):
        raise BadRequest(f"{name[:80]!r} is not a user name: letters, digits, . @ - _, at most 64")
    if role not in ROLES:
        raise BadRequest(f"{role!r} is not a role: one of {', '.join(ROLES)}")
    from casework.review.decide import now

    token = secrets.token_urlsafe(32)
    with store.write() as conn:
        removed = user_was_removed(conn, name)
        if removed is False:
            raise BadRequest(f"user {name!r} exists already (remove it first to give a new token)")
        if removed:
            restore_user_row(conn, name, role, token_hash(token), now())
        else:
            add_user_row(conn, name, role, token_hash(token), now())
    return token


def remove_user(store: Store, name: str) -> None:
    from casework.review.decide import now

    with store.write() as conn:
        done = mark_user_removed(conn, name, now())
    if not done:
        raise NotFound(f"no user {name!r}")


def list_users(conn: Connection) -> list[User]:
    return [User(*r) for r in active_users(conn)]


def user_of_token(conn: Connection, token: str | None) -> User | None:
    """The active user TOKEN belongs to, else None (compared by hash: the store holds no token)."""
    if not token:
        return None
    row = active_user_with_token(conn, token_hash(token))
    return User(*row) if row is not None else None


def named_user(conn: Connection, name: str) -> User:
    """The active user NAME (the command line's `--as`)."""
    found = next((x for x in list_users(conn) if x.name == name), None)
    if found is None:
        raise NotFound(f"no user {name!r} (`casework user add {name} --role reviewer` adds one)")
    return found


def has_users(conn: Connection) -> bool:
    return any_active_user(conn)
