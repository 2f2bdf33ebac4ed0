"""Small look-ups on the rows of stored reports: the subjects of a report's events, the order its
entities were stored in."""

from __future__ import annotations

import json

from sqlalchemy import Connection, select

from casework.store import schema as t
from casework.store.in_lists import chunks


def event_subject_ids(conn: Connection, doc_id: str) -> set[str]:
    """The entity ids that are the subject of any event of report DOC_ID."""
    ev = t.events.c
    return {
        e
        for (raw,) in conn.execute(select(ev.subject).where(ev.document_id == doc_id))
        for e in json.loads(raw)
    }


def entity_seq(conn: Connection, doc_ids: list[str]) -> dict[str, int]:
    """Mention key (DOCUMENT:ENTITY) -> the place the entity was stored at in its report."""
    e = t.entities.c
    out: dict[str, int] = {}
    for chunk in chunks(doc_ids):
        query = select(e.document_id, e.id, e.seq).where(e.document_id.in_(chunk))
        for d, ent, n in conn.execute(query):
            out[f"{d}:{ent}"] = n
    return out
