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

from sqlalchemy import Connection, insert, select, update

from casework.errors import BadRequest, NotFound
from casework.store import schema as t
from casework.store.database import Store

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
    u = t.users.c
    with store.write() as conn:
        row = conn.execute(select(u.removed_at).where(u.name == name)).first()
        if row is not None and row.removed_at is None:
            raise BadRequest(f"user {name!r} exists already (remove it first to give a new token)")
        if row is not None:
            conn.execute(
                update(t.users)
                .where(u.name == name)
                .values(role=role, token_hash=token_hash(token), created_at=now(), removed_at=None)
            )
        else:
            conn.execute(
                insert(t.users).values(name=name, role=role, token_hash=token_hash(token), created_at=now())
            )
    return token


def remove_user(store: Store, name: str) -> None:
    from casework.review.decide import now

    u = t.users.c
    with store.write() as conn:
        done = conn.execute(
            update(t.users).where(u.name == name, u.removed_at.is_(None)).values(removed_at=now())
        ).rowcount
    if not done:
        raise NotFound(f"no user {name!r}")


def list_users(conn: Connection) -> list[User]:
    u = t.users.c
    rows = conn.execute(select(u.name, u.role, u.created_at).where(u.removed_at.is_(None)).order_by(u.name))
    return [User(r.name, r.role, r.created_at) for r in rows]


def user_of_token(conn: Connection, token: str | None) -> User | None:
    """The active user TOKEN belongs to, else None (compared by hash: the store holds no token)."""
    if not token:
        return None
    u = t.users.c
    row = conn.execute(
        select(u.name, u.role, u.created_at).where(u.token_hash == token_hash(token), u.removed_at.is_(None))
    ).first()
    return User(row.name, row.role, row.created_at) if row is not None else None


def named_user(conn: Connection, name: str) -> User:
    """The active user NAME (the command line's `--as`)."""
    found = next((x for x in list_users(conn) if x.name == name), None)
    if found is None:
        raise NotFound(f"no user {name!r} (`casework user add {name} --role reviewer` adds one)")
    return found


def has_users(conn: Connection) -> bool:
    u = t.users.c
    return conn.execute(select(u.name).where(u.removed_at.is_(None)).limit(1)).first() is not None
