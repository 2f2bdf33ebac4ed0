"""What the last update left of each case (`case_snapshots`), to tell what moved in it since."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Row, delete, insert, select

from casework.store import schema as t
from casework.store.in_lists import chunks


def snapshot_rows(conn: Connection, case_ids: set[str] | None) -> list[Row[Any]]:
    """The snapshots of CASE_IDS (of every case when None)."""
    s = t.case_snapshots.c
    query = select(t.case_snapshots)
    if case_ids is None:
        return list(conn.execute(query))
    listed = sorted(case_ids)
    out: list[Row[Any]] = []
    for chunk in chunks(listed):
        out.extend(conn.execute(query.where(s.case_id.in_(chunk))))
    return out


def replace_snapshot_rows(conn: Connection, case_ids: set[str] | None, rows: list[dict[str, Any]]) -> None:
    """The snapshots of CASE_IDS (all when None) go; ROWS come in."""
    s = t.case_snapshots.c
    if case_ids is None:
        conn.execute(delete(t.case_snapshots))
    else:
        listed = sorted(case_ids)
        for chunk in chunks(listed):
            conn.execute(delete(t.case_snapshots).where(s.case_id.in_(chunk)))
    if rows:
        conn.execute(insert(t.case_snapshots), rows)


def unnotified_snapshot_rows(conn: Connection, detained_by: str) -> list[Row[Any]]:
    """Snapshots of listed cases detained on or before DETAINED_BY whose home state has not acted,
    each with the case's name (`name`)."""
    s, cs = t.case_snapshots.c, t.case_summaries.c
    query = (
        select(t.case_snapshots, cs.name)
        .join(t.case_summaries, cs.case_id == s.case_id)
        .where(s.home_acted.is_(False), s.detained_on.is_not(None), s.detained_on <= detained_by)
    )
    return list(conn.execute(query).all())
