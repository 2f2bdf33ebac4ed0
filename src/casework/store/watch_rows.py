"""What the watcher keeps of each source (`watch_sources`: validators and back-off) and the items it
has taken in (`watch_items`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Row, delete, insert, select, update

from casework.store import schema as t
from casework.store.in_lists import chunks


def source_row(conn: Connection, source: str) -> Row[Any] | None:
    """SOURCE's row (etag, last_modified, failures, next_try, last_error), if it was ever checked."""
    return conn.execute(select(t.watch_sources).where(t.watch_sources.c.source == source)).first()


def save_source_row(conn: Connection, source: str, values: dict[str, Any]) -> None:
    """SOURCE's row holds VALUES (written, or rewritten)."""
    w = t.watch_sources.c
    if conn.execute(select(w.source).where(w.source == source)).first() is None:
        conn.execute(insert(t.watch_sources).values(source=source, **values))
    else:
        conn.execute(update(t.watch_sources).where(w.source == source).values(**values))


def items_seen(conn: Connection, source: str, items: list[str]) -> set[str]:
    """Those of ITEMS that SOURCE has taken in before."""
    w = t.watch_items.c
    out: set[str] = set()
    for chunk in chunks(items):
        query = select(w.item).where(w.source == source, w.item.in_(chunk))
        out.update(str(x) for x in conn.execute(query).scalars())
    return out


def add_item_rows(conn: Connection, source: str, items: list[str], at: str) -> None:
    if items:
        conn.execute(insert(t.watch_items), [{"source": source, "item": i, "seen_at": at} for i in items])


def drop_source_rows(conn: Connection, source: str) -> None:
    """Everything kept of SOURCE: its items and its state."""
    conn.execute(delete(t.watch_items).where(t.watch_items.c.source == source))
    conn.execute(delete(t.watch_sources).where(t.watch_sources.c.source == source))
