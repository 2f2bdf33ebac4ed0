"""The change log (`case_changes`): what moved in each case, logged once per case and key."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Row, insert, select

from casework.store import schema as t


def change_logged(conn: Connection, case_id: str, key: str) -> bool:
    c = t.case_changes.c
    return conn.execute(select(c.id).where(c.case_id == case_id, c.key == key)).first() is not None


def add_change_row(conn: Connection, values: dict[str, Any]) -> int:
    """Log one change; returns its id."""
    key = conn.execute(insert(t.case_changes).values(**values)).inserted_primary_key
    assert key is not None  # an insert of one row always has it
    return int(key[0])


def change_rows_with_ids(conn: Connection, ids: list[int]) -> list[Row[Any, Any, Any, Any]]:
    """(id, kind, key, detail) of the changes IDS names, by id."""
    c = t.case_changes.c
    rows = conn.execute(select(c.id, c.kind, c.key, c.detail).where(c.id.in_(ids))).all()
    return sorted(rows, key=lambda r: r.id)


def change_rows_between(conn: Connection, start: str, end: str) -> list[Row[Any, Any, Any, Any, Any]]:
    """(case_id, kind, summary, detail, at) of the changes logged from START to END, in the order logged."""
    c = t.case_changes.c
    query = (
        select(c.case_id, c.kind, c.summary, c.detail, c.at).where(c.at >= start, c.at <= end).order_by(c.id)
    )
    return list(conn.execute(query).all())
