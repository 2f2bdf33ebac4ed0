"""Who each stored mention is linked to (`person_links`), read by mention, by person and by report,
and the rows an incremental update finds people by (`person_blocks`, `person_firsts`)."""

from __future__ import annotations

from typing import Any, NamedTuple

from sqlalchemy import Connection, and_, delete, func, insert, select, tuple_

from casework.resolve.people import PersonMention
from casework.store import schema as t
from casework.store.in_lists import chunks, read_in_chunks
from casework.store.people import person_mentions


def person_at_mention(conn: Connection, doc_id: str, span: tuple[int, int]) -> str | None:
    """The person linked to the mention at SPAN of report DOC_ID (the exact mention first, else one
    that overlaps it)."""
    m, pl = t.mentions.c, t.person_links.c
    rows = list(
        conn.execute(
            select(m.entity_id, m.start, m.end).where(
                m.document_id == doc_id, m.start < span[1], m.end > span[0]
            )
        )
    )
    rows.sort(key=lambda r: (r.start, r.end) != span)  # the exact mention first
    for ent_id, _s, _e in rows:
        pid = conn.execute(
            select(pl.person_id).where(pl.document_id == doc_id, pl.entity_id == ent_id)
        ).scalar()
        if pid is not None:
            return str(pid)
    return None


def entities_of_person_in(conn: Connection, person_id: str, doc_id: str) -> set[str]:
    """The entity ids of report DOC_ID linked to PERSON_ID."""
    pl = t.person_links.c
    query = select(pl.entity_id).where(pl.person_id == person_id, pl.document_id == doc_id)
    return set(conn.execute(query).scalars())


def first_mention_span(conn: Connection, person_id: str) -> tuple[str, tuple[int, int]] | None:
    """(report id, span) of the person's first mention in their first report (by ids), if any."""
    pl, m = t.person_links.c, t.mentions.c
    for doc_id, ent_id in conn.execute(
        select(pl.document_id, pl.entity_id)
        .where(pl.person_id == person_id)
        .order_by(pl.document_id, pl.entity_id)
    ):
        row = conn.execute(
            select(m.start, m.end)
            .where(m.document_id == doc_id, m.entity_id == ent_id)
            .order_by(m.start)
            .limit(1)
        ).first()
        if row is not None:
            return str(doc_id), (int(row.start), int(row.end))
    return None


def people_linked_in(conn: Connection, doc_id: str) -> list[tuple[str, str]]:
    """(entity id, person id) of each person mention of report DOC_ID."""
    pl = t.person_links.c
    return [
        (e, p) for e, p in conn.execute(select(pl.entity_id, pl.person_id).where(pl.document_id == doc_id))
    ]


def people_in_documents(conn: Connection, doc_ids: list[str]) -> set[str]:
    """The person ids any of these reports mentions."""
    pl = t.person_links.c
    out: set[str] = set()
    for chunk in chunks(doc_ids):
        out.update(
            str(p) for p in conn.execute(select(pl.person_id).where(pl.document_id.in_(chunk))).scalars()
        )
    return out


def links_in_documents(conn: Connection, doc_ids: list[str]) -> list[tuple[str, str, str, str]]:
    """(report id, entity id, person id, person's name) of each person link of these reports."""
    pl = t.person_links.c
    out: list[tuple[str, str, str, str]] = []
    for chunk in chunks(doc_ids):
        query = select(pl.document_id, pl.entity_id, pl.person_id, pl.name).where(pl.document_id.in_(chunk))
        out.extend((d, e, p, n) for d, e, p, n in conn.execute(query))
    return out


def drop_links_of_people(conn: Connection, person_ids: list[str]) -> None:
    pl = t.person_links.c
    for chunk in chunks(person_ids):
        conn.execute(delete(t.person_links).where(pl.person_id.in_(chunk)))


def add_person_links(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(t.person_links), rows)


def person_mentions_in_documents(conn: Connection, doc_ids: list[str]) -> list[PersonMention]:
    e = t.entities.c
    return read_in_chunks(doc_ids, lambda chunk: person_mentions(conn, e.document_id.in_(chunk)))


def person_mentions_in_blocks(conn: Connection, blocks: list[str]) -> list[PersonMention]:
    """The stored person mentions whose blocking key is one of BLOCKS (a mention once per block chunk
    it is found in: the caller keeps the first)."""
    b, e = t.person_blocks.c, t.entities.c
    out: list[PersonMention] = []
    for chunk in chunks(blocks):
        pairs = select(b.document_id, b.entity_id).where(b.block.in_(chunk))
        out.extend(person_mentions(conn, tuple_(e.document_id, e.id).in_(pairs)))
    return out


def block_of(conn: Connection, key: str) -> str | None:
    """The blocking key stored for the mention KEY (DOCUMENT:ENTITY)."""
    b = t.person_blocks.c
    doc_id, _, ent_id = key.partition(":")
    row = conn.execute(select(b.block).where(b.document_id == doc_id, b.entity_id == ent_id)).first()
    return str(row.block) if row is not None else None


class FormHolder(NamedTuple):
    person_id: str
    name: str
    ingested_at: str
    document_id: str


def holder_of_form(conn: Connection, block: str, form: str) -> FormHolder | None:
    """One linked mention of FORM in BLOCK (its person and name, and its report's id and time)."""
    b, pl, d = t.person_blocks.c, t.person_links.c, t.documents.c
    row = conn.execute(
        select(pl.person_id, pl.name, d.ingested_at, b.document_id)
        .select_from(t.person_blocks)
        .join(t.person_links, and_(pl.document_id == b.document_id, pl.entity_id == b.entity_id))
        .join(t.documents, d.id == b.document_id)
        .where(b.block == block, b.form == form)
        .limit(1)
    ).first()
    if row is None:
        return None
    return FormHolder(str(row.person_id), str(row.name), row.ingested_at, row.document_id)


def remembered_first(conn: Connection, person_id: str) -> str | None:
    """The key of the person's first mention, if one was remembered."""
    f = t.person_firsts.c
    known = conn.execute(select(f.first_key).where(f.person_id == person_id)).scalar()
    return str(known) if known is not None else None


def lowest_linked_key(conn: Connection, person_id: str) -> str:
    """DOCUMENT:ENTITY of the person's link lowest by the database's order: two aggregates."""
    pl = t.person_links.c
    doc = conn.execute(select(func.min(pl.document_id)).where(pl.person_id == person_id)).scalar_one()
    ent = conn.execute(
        select(func.min(pl.entity_id)).where(pl.person_id == person_id, pl.document_id == doc)
    ).scalar_one()
    return f"{doc}:{ent}"


def remember_first(conn: Connection, person_id: str, key: str) -> None:
    conn.execute(insert(t.person_firsts).values(person_id=person_id, first_key=key))
