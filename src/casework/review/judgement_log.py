"""Merge and split in the decision log: the user judgements each one wrote and removed, so an undo
puts back exactly the judgements that stood before it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from casework.store.judgement_rows import (
    JudgementRow,
    drop_user_judgement,
    put_user_judgement,
    user_judgement_rows,
)

Row = JudgementRow  # left, right, decision, score, created_at

__all__ = ["Row", "judgement_change", "restore_judgements", "user_judgement_rows"]


def judgement_change(before: set[Row], after: set[Row]) -> dict[str, Any]:
    return {"added": sorted(after - before), "removed": sorted(before - after)}


def restore_judgements(conn: Connection, payload: dict[str, Any]) -> None:
    for left, right, *_ in payload.get("added", []):
        drop_user_judgement(conn, left, right)
    for left, right, decision, score, created_at in payload.get("removed", []):
        put_user_judgement(conn, JudgementRow(left, right, decision, score, created_at))
