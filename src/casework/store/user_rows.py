"""The `users` table: named users and the hash of each one's token."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import Connection, insert, select, update

from casework.store import schema as t


class UserRow(NamedTuple):
    name: str
    role: str
    created_at: str


def user_was_removed(conn: Connection, name: str) -> bool | None:
    """Whether NAME was removed (True), is active (False), or was never added (None)."""
    u = t.users.c
    row = conn.execute(select(u.removed_at).where(u.name == name)).first()
    return None if row is None else row.removed_at is not None


def add_user_row(conn: Connection, name: str, role: str, token_hash: str, created_at: str) -> None:
    conn.execute(insert(t.users).values(name=name, role=role, token_hash=token_hash, created_at=created_at))


def restore_user_row(conn: Connection, name: str, role: str, token_hash: str, created_at: str) -> None:
    """A removed user given back, with a new role and token."""
    u = t.users.c
    conn.execute(
        update(t.users)
        .where(u.name == name)
        .values(role=role, token_hash=token_hash, created_at=created_at, removed_at=None)
    )


def mark_user_removed(conn: Connection, name: str, at: str) -> bool:
    """Whether there was an active user NAME to remove."""
    u = t.users.c
    done = conn.execute(
        update(t.users).where(u.name == name, u.removed_at.is_(None)).values(removed_at=at)
    ).rowcount
    return bool(done)


def active_users(conn: Connection) -> list[UserRow]:
    u = t.users.c
    rows = conn.execute(select(u.name, u.role, u.created_at).where(u.removed_at.is_(None)).order_by(u.name))
    return [UserRow(r.name, r.role, r.created_at) for r in rows]


def active_user_with_token(conn: Connection, token_hash: str) -> UserRow | None:
    u = t.users.c
    row = conn.execute(
        select(u.name, u.role, u.created_at).where(u.token_hash == token_hash, u.removed_at.is_(None))
    ).first()
    return UserRow(row.name, row.role, row.created_at) if row is not None else None


def any_active_user(conn: Connection) -> bool:
    u = t.users.c
    return conn.execute(select(u.name).where(u.removed_at.is_(None)).limit(1)).first() is not None
