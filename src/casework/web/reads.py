"""What the pages read from the store beyond cases and documents: copies of a report and its cases."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, or_, select

from casework.store import schema as t


@dataclass
class DocumentInfo:
    """The stored row's metadata, shown beside the text."""

    site: str | None
    url: str | None
    path: str | None
    kind: str
    format: str
    status: str
    ingested_at: str
    captured: str | None
    near_duplicate_of: str | None
    similarity: float | None


def document_info(conn: Connection, doc_id: str) -> DocumentInfo | None:
    d = t.documents.c
    row = conn.execute(
        select(d.site, d.url, d.path, d.kind, d.format, d.status, d.ingested_at, d.captured,
               d.near_duplicate_of, d.similarity).where(d.id == doc_id)
    ).first()  # fmt: skip
    return DocumentInfo(**row._mapping) if row else None


def near_duplicates(conn: Connection, doc_id: str, root: str | None) -> list[str]:
    """The other reports of this one's near-duplicate group (all point at its first copy)."""
    d = t.documents.c
    first = root or doc_id
    rows = conn.execute(
        select(d.id).where(or_(d.id == first, d.near_duplicate_of == first)).order_by(d.ingested_at)
    ).scalars()
    return [r for r in rows if r != doc_id]


def cases_of_document(conn: Connection, doc_id: str) -> list[tuple[str, str]]:
    """(case id, name) of every case this report is a source of."""
    pl, cs = t.person_links.c, t.case_summaries.c
    rows = conn.execute(
        select(cs.case_id, cs.name)
        .join(t.person_links, pl.person_id == cs.case_id)
        .where(pl.document_id == doc_id)
        .distinct()
        .order_by(cs.name)
    ).all()
    return [(r[0], r[1]) for r in rows]


def mention_labels(conn: Connection, person_id: str) -> list[tuple[str, str, str]]:
    """(DOCUMENT:ENTITY, the name as that report writes it, the report's title) for each mention of
    a person: what the split form lists."""
    pl, e, d = t.person_links.c, t.entities.c, t.documents.c
    rows = conn.execute(
        select(pl.document_id, pl.entity_id, e.name, d.title)
        .join(t.entities, (e.document_id == pl.document_id) & (e.id == pl.entity_id))
        .join(t.documents, d.id == pl.document_id)
        .where(pl.person_id == person_id)
        .order_by(pl.document_id, pl.entity_id)
    ).all()
    return [(f"{r[0]}:{r[1]}", r[2], r[3] or r[0]) for r in rows]
