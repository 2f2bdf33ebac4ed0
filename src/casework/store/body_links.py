"""Organisations and places linked across reports (`entity_links`): the bodies a few reports name,
the names their global ids stand for, and renaming one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, insert, select, update

from casework.store import schema as t
from casework.store.in_lists import chunks


def bodies_in_documents(conn: Connection, doc_ids: list[str]) -> list[tuple[str, str, str, str]]:
    """(report id, entity id, kind, name) of each organisation and place of these reports."""
    e = t.entities.c
    out: list[tuple[str, str, str, str]] = []
    for chunk in chunks(doc_ids):
        query = select(e.document_id, e.id, e.kind, e.name).where(
            e.kind.in_(("organization", "place")), e.document_id.in_(chunk)
        )
        out.extend((d, ent, kind, name) for d, ent, kind, name in conn.execute(query))
    return out


def linked_body_names(conn: Connection, global_ids: list[str]) -> list[tuple[str, str, str]]:
    """(global id, the name a report gives, the name the link shows) of each link to these bodies."""
    e, el = t.entities.c, t.entity_links.c
    out: list[tuple[str, str, str]] = []
    for chunk in chunks(global_ids):
        query = (
            select(el.global_id, e.name, el.name)
            .join(t.entities, and_(e.document_id == el.document_id, e.id == el.entity_id))
            .where(el.global_id.in_(chunk))
        )
        out.extend((gid, name, shown) for gid, name, shown in conn.execute(query))
    return out


def rename_body(conn: Connection, global_id: str, name: str) -> set[str]:
    """Every link to GLOBAL_ID shows NAME; returns the reports that name the body."""
    el = t.entity_links.c
    conn.execute(update(t.entity_links).where(el.global_id == global_id).values(name=name))
    return {str(d) for d in conn.execute(select(el.document_id).where(el.global_id == global_id)).scalars()}


def add_body_links(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(t.entity_links), rows)
