"""Rows of the `judgements` table as they are kept: who is the same as whom, by the user or the
resolver, with the time each was made (what the decision log keeps to undo a merge or split)."""

from __future__ import annotations

from typing import Any, NamedTuple

from sqlalchemy import Connection, delete, insert, select

from casework.resolve.people import Decision
from casework.store import schema as t
from casework.store.in_lists import chunks


class JudgementRow(NamedTuple):
    left: str
    right: str
    decision: Decision  # same, different or unsure, as the table holds it
    score: float
    created_at: str


def user_judgement_list(conn: Connection) -> list[JudgementRow]:
    """Every judgement the user made, as stored, in the order the store gives them."""
    j = t.judgements.c
    query = select(j.left_key, j.right_key, j.decision, j.score, j.created_at).where(j.source == "user")
    return [
        JudgementRow(r.left_key, r.right_key, r.decision, float(r.score), r.created_at)
        for r in conn.execute(query)
    ]


def user_judgement_rows(conn: Connection) -> set[JudgementRow]:
    """Every judgement the user made, as a set: a merge's log is the difference of two."""
    return set(user_judgement_list(conn))


def drop_user_judgement(conn: Connection, left: str, right: str) -> None:
    j = t.judgements.c
    conn.execute(delete(t.judgements).where(j.source == "user", j.left_key == left, j.right_key == right))


def put_user_judgement(conn: Connection, row: JudgementRow) -> None:
    """ROW as the user's judgement on its pair, replacing the one there was."""
    drop_user_judgement(conn, row.left, row.right)
    conn.execute(
        insert(t.judgements).values(
            left_key=row.left,
            right_key=row.right,
            source="user",
            decision=row.decision,
            score=row.score,
            features="{}",
            created_at=row.created_at,
        )
    )


def user_judgement_pairs(conn: Connection, keys: list[str]) -> list[tuple[str, str]]:
    """(left, right) of the user's judgements with either side among KEYS (mention keys)."""
    j = t.judgements.c
    out: list[tuple[str, str]] = []
    for chunk in chunks(keys):
        query = select(j.left_key, j.right_key).where(
            j.source == "user", j.left_key.in_(chunk) | j.right_key.in_(chunk)
        )
        out.extend((left, right) for left, right in conn.execute(query))
    return out


def drop_auto_judgements_from(conn: Connection, keys: list[str]) -> None:
    """The resolver's judgements whose left side is among KEYS."""
    j = t.judgements.c
    for chunk in chunks(keys):
        conn.execute(delete(t.judgements).where(j.source == "auto", j.left_key.in_(chunk)))


def add_judgement_rows(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(t.judgements), rows)
