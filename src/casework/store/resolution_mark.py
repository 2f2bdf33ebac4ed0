"""Whether the cases cover every stored document: a mark that a document write removes and a finished
resolution puts back.

A batch killed after its last document's commit but before resolution used to leave the store with
documents and no cases until someone ran `resolve` by hand; the missing mark says so to the next run.
Removing a row never conflicts with another writer, so marking costs a document transaction nothing.
"""

from __future__ import annotations

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy.exc import IntegrityError

from casework.store import schema as t
from casework.store.database import Store

_KEY = "cases_cover_all_documents"


def mark_cases_stale(conn: Connection) -> None:
    """In the transaction that writes a document: the cases no longer cover it."""
    conn.execute(delete(t.casework_meta).where(t.casework_meta.c.key == _KEY))


def cases_are_current(store: Store) -> bool:
    with store.read() as conn:
        return (
            conn.execute(select(t.casework_meta.c.value).where(t.casework_meta.c.key == _KEY)).first()
            is not None
        )


def mark_cases_current(store: Store) -> None:
    """After a whole resolution and case list rewrite."""
    try:
        with store.write() as conn:
            conn.execute(delete(t.casework_meta).where(t.casework_meta.c.key == _KEY))
            conn.execute(insert(t.casework_meta).values(key=_KEY, value="1"))
    except IntegrityError:
        pass  # another process marked it at the same moment
