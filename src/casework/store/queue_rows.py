"""The `review_queue` table: the unreviewed facts of open cases, weighed (review/weigh.py weighs them)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, RowMapping, delete, insert, select

from casework.store import schema as t


def replace_queue_rows(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """The whole table becomes ROWS."""
    conn.execute(delete(t.review_queue))
    if rows:
        conn.execute(insert(t.review_queue), rows)


def replace_case_queue_rows(conn: Connection, case_id: str, rows: list[dict[str, Any]]) -> None:
    """The rows of CASE_ID become ROWS."""
    conn.execute(delete(t.review_queue).where(t.review_queue.c.case_id == case_id))
    if rows:
        conn.execute(insert(t.review_queue), rows)


def queue_rows(conn: Connection, limit: int | None = None) -> list[RowMapping]:
    """The heaviest rows first (then by case name and evidence, so the order is stable)."""
    q = t.review_queue.c
    query = select(t.review_queue).order_by(q.score.desc(), q.case_name, q.document_id, q.start, q.ref)
    return list(conn.execute(query.limit(limit) if limit else query).mappings())
