"""The case list (`case_summaries`) rows of some cases: which of them have one, and rewriting theirs."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, insert, select

from casework.store import schema as t
from casework.store.in_lists import chunks


def listed_case_ids(conn: Connection, ids: list[str]) -> set[str]:
    """Those of IDS that are cases in the list now."""
    cs = t.case_summaries.c
    return set(conn.execute(select(cs.case_id).where(cs.case_id.in_(ids))).scalars()) if ids else set()


def replace_case_list_rows(conn: Connection, case_ids: list[str], rows: list[dict[str, Any]]) -> None:
    """The rows of CASE_IDS go; ROWS (cases among them or new) come in."""
    cs = t.case_summaries.c
    for chunk in chunks(case_ids):
        conn.execute(delete(t.case_summaries).where(cs.case_id.in_(chunk)))
    if rows:
        conn.execute(insert(t.case_summaries), rows)
