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
from casework.store.in_lists import chunks

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


_FULL = "full_rebuild_unfinished"


def mark_full_rebuild(store: Store) -> None:
    """Before a full rebuild's first transaction: until its last one, only another full rebuild can
    put the cases right (a kill between its resolution and its case list leaves cases an
    incremental update would not know to rebuild)."""
    with store.write() as conn:
        conn.execute(delete(t.casework_meta).where(t.casework_meta.c.key == _FULL))
        conn.execute(insert(t.casework_meta).values(key=_FULL, value="1"))


def full_rebuild_finished(conn: Connection) -> None:
    """In the full rebuild's last transaction."""
    conn.execute(delete(t.casework_meta).where(t.casework_meta.c.key == _FULL))


def full_rebuild_unfinished(conn: Connection) -> bool:
    return (
        conn.execute(select(t.casework_meta.c.value).where(t.casework_meta.c.key == _FULL)).first()
        is not None
    )


def mark_pending(conn: Connection, doc_id: str) -> None:
    """In the transaction that stores a document: the next incremental update brings it in."""
    p = t.pending_documents.c
    if conn.execute(select(p.document_id).where(p.document_id == doc_id)).first() is None:
        conn.execute(insert(t.pending_documents).values(document_id=doc_id))


def any_pending(conn: Connection) -> bool:
    """Whether a stored document waits for an incremental update."""
    return conn.execute(select(t.pending_documents.c.document_id).limit(1)).first() is not None


def clear_pending(conn: Connection, doc_ids: list[str]) -> None:
    """In the transaction that brings these documents into the cases."""
    p = t.pending_documents.c
    for chunk in chunks(doc_ids):
        conn.execute(delete(t.pending_documents).where(p.document_id.in_(chunk)))


def pending_documents(conn: Connection) -> list[str]:
    return sorted(str(d) for d in conn.execute(select(t.pending_documents.c.document_id)).scalars())


def clear_all_pending(conn: Connection) -> None:
    """In the full rebuild's case list transaction: every stored report is in the cases now."""
    conn.execute(delete(t.pending_documents))
