"""Merge and split in the decision log: the user judgements each one wrote and removed, so an undo
puts back exactly the judgements that stood before it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, insert, select

from casework.store import schema as t

Row = tuple[str, str, str, float, str]  # left, right, decision, score, created_at


def user_judgement_rows(conn: Connection) -> set[Row]:
    j = t.judgements.c
    return {
        (r.left_key, r.right_key, r.decision, float(r.score), r.created_at)
        for r in conn.execute(
            select(j.left_key, j.right_key, j.decision, j.score, j.created_at).where(j.source == "user")
        )
    }


def judgement_change(before: set[Row], after: set[Row]) -> dict[str, Any]:
    return {"added": sorted(after - before), "removed": sorted(before - after)}


def restore_judgements(conn: Connection, payload: dict[str, Any]) -> None:
    j = t.judgements.c
    for left, right, *_ in payload.get("added", []):
        conn.execute(delete(t.judgements).where(j.source == "user", j.left_key == left, j.right_key == right))
    for left, right, decision, score, created_at in payload.get("removed", []):
        conn.execute(delete(t.judgements).where(j.source == "user", j.left_key == left, j.right_key == right))
        conn.execute(
            insert(t.judgements).values(
                left_key=left,
                right_key=right,
                source="user",
                decision=decision,
                score=score,
                features="{}",
                created_at=created_at,
            )
        )
