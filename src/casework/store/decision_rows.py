"""The `review_decisions` table: each reviewer's decision as a row, never an edit of extracted rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, RowMapping, insert, select, update

from casework.store import schema as t
from casework.store.in_lists import chunks


def add_decision_row(conn: Connection, values: dict[str, Any]) -> int:
    """Keep one decision; returns its id."""
    key = conn.execute(insert(t.review_decisions).values(**values)).inserted_primary_key
    assert key is not None
    return int(key[0])


def decision_rows(conn: Connection, documents: list[str] | None = None) -> list[RowMapping]:
    """Every decision row (or those on DOCUMENTS), undone ones included, by id."""
    d = t.review_decisions
    query = select(d).order_by(d.c.id)
    if documents is None:
        return list(conn.execute(query).mappings())
    out: list[RowMapping] = []
    for chunk in chunks(documents):
        out += conn.execute(query.where(d.c.document_id.in_(chunk))).mappings()
    return sorted(out, key=lambda r: int(r["id"]))


def decision_row(conn: Connection, decision_id: int) -> RowMapping | None:
    d = t.review_decisions
    return conn.execute(select(d).where(d.c.id == decision_id)).mappings().first()


def mark_decision_undone(conn: Connection, decision_id: int, at: str, by: str) -> None:
    d = t.review_decisions
    conn.execute(update(d).where(d.c.id == decision_id).values(undone_at=at, undone_by=by))
