"""Organisations and places linked across reports (`entity_links`): the bodies a few reports name,
the names their global ids stand for, and renaming one."""

from __future__ import annotations

from sqlalchemy import Connection, and_, select, update

from casework.resolve.organizations import BodyMention
from casework.store import schema as t
from casework.store.in_lists import chunks, read_in_chunks
from casework.store.people import body_mentions


def bodies_in_documents(conn: Connection, doc_ids: list[str]) -> list[BodyMention]:
    """Each organisation and place mention of these reports."""
    e = t.entities.c
    return read_in_chunks(doc_ids, lambda chunk: body_mentions(conn, e.document_id.in_(chunk)))


def linked_bodies(conn: Connection, global_ids: list[str]) -> list[tuple[str, BodyMention, str]]:
    """(global id, the mention as its report names it, the name the link shows) of each link to
    these bodies."""
    e, el = t.entities.c, t.entity_links.c
    out: list[tuple[str, BodyMention, str]] = []
    for chunk in chunks(global_ids):
        query = (
            select(el.global_id, el.document_id, el.entity_id, el.kind, e.name, el.name)
            .join(t.entities, and_(e.document_id == el.document_id, e.id == el.entity_id))
            .where(el.global_id.in_(chunk))
        )
        out.extend(
            (gid, BodyMention(d, ent, kind, name), shown)
            for gid, d, ent, kind, name, shown in conn.execute(query)
        )
    return out


def rename_body(conn: Connection, global_id: str, name: str) -> set[str]:
    """Every link to GLOBAL_ID shows NAME; returns the reports that name the body."""
    el = t.entity_links.c
    conn.execute(update(t.entity_links).where(el.global_id == global_id).values(name=name))
    return {str(d) for d in conn.execute(select(el.document_id).where(el.global_id == global_id)).scalars()}
