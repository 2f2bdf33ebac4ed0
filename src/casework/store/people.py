"""People across documents in the store: their mentions, the resolution, and the user's judgements.

Reads and writes only: the matching itself is resolve/, and flow.py runs one into the other."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, Connection, delete, insert, select, text

from casework.resolve.names import fullest as fullest  # where incremental.py finds it; it is matching
from casework.resolve.organizations import BodyLink, BodyMention
from casework.resolve.people import Judgement, PersonMention, Resolution
from casework.store import schema as t
from casework.store.in_lists import chunks
from casework.store.judgement_rows import user_judgement_list


def person_mentions(conn: Connection, *where: ColumnElement[bool]) -> list[PersonMention]:
    """Every person mention in the store, or those WHERE picks (a few documents, a few blocks)."""
    e, d = t.entities.c, t.documents.c
    query = (
        select(e.document_id, e.id, e.name, e.aliases, e.attributes, d.ingested_at)
        .join(t.documents, d.id == e.document_id)
        .where(e.kind == "person", *where)
    )
    rows = conn.execute(query).all()
    out = []
    for doc_id, ent_id, name, aliases, attributes, when in rows:
        attrs = json.loads(attributes)
        occ = attrs.get("occupation")
        out.append(
            PersonMention(
                key=f"{doc_id}:{ent_id}",
                name=name,
                aliases=tuple(json.loads(aliases)),
                nationality=attrs.get("nationality") if isinstance(attrs.get("nationality"), str) else None,
                occupation=occ
                if isinstance(occ, str)
                else (occ[0] if isinstance(occ, list) and occ else None),
                order=f"{when}:{doc_id}",
            )
        )
    return out


def user_judgements(conn: Connection) -> list[Judgement]:
    """The user's judgements as the resolver takes them, in the order the store gives them."""
    return [Judgement(r.left, r.right, r.decision, r.score, {}, "user") for r in user_judgement_list(conn)]


def add_user_judgement(conn: Connection, left: str, right: str, decision: str) -> None:
    j = t.judgements.c
    conn.execute(
        delete(t.judgements).where(
            j.source == "user", j.left_key.in_([left, right]), j.right_key.in_([left, right])
        )
    )
    conn.execute(
        insert(t.judgements).values(
            left_key=left,
            right_key=right,
            source="user",
            decision=decision,
            score=0.0 if decision == "unsure" else 1.0,
            features="{}",
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
    )


def forget_splits(conn: Connection, left: list[str], right: list[str]) -> None:
    """A merge undoes earlier splits between the two sides."""
    j = t.judgements.c
    for a, b in ((left, right), (right, left)):
        conn.execute(
            delete(t.judgements).where(
                j.source == "user", j.decision == "different", j.left_key.in_(a), j.right_key.in_(b)
            )
        )


def person_link_rows(person_of: Iterable[tuple[str, str]], best: dict[str, str]) -> list[dict[str, str]]:
    """The person_links rows of (mention key, person id) pairs, each with its person's fullest name."""
    rows = []
    for key, pid in person_of:
        doc_id, _, ent_id = key.partition(":")
        rows.append({"document_id": doc_id, "entity_id": ent_id, "person_id": pid, "name": best[pid]})
    return rows


def auto_judgement_rows(judgements: Iterable[Judgement], stamp: str) -> list[dict[str, object]]:
    """The judgements rows of the resolver's own judgements, one per pair (the last one wins)."""
    rows = {
        (j.left, j.right): {
            "left_key": j.left,
            "right_key": j.right,
            "source": "auto",
            "decision": j.decision,
            "score": j.score,
            "features": json.dumps(j.features),
            "created_at": stamp,
        }
        for j in judgements
        if j.source == "auto"
    }
    return list(rows.values())


def save_resolution(conn: Connection, resolution: Resolution, names: dict[str, str]) -> None:
    conn.execute(delete(t.person_links))
    conn.execute(delete(t.judgements).where(t.judgements.c.source == "auto"))
    forms: dict[str, list[str]] = {}
    for key, pid in resolution.person_of.items():
        forms.setdefault(pid, []).append(names[key])
    best = {pid: fullest(f) for pid, f in forms.items()}
    links = person_link_rows(resolution.person_of.items(), best)
    if links:
        conn.execute(insert(t.person_links), links)
    rows = auto_judgement_rows(resolution.judgements, datetime.now(UTC).isoformat(timespec="seconds"))
    if rows:
        conn.execute(insert(t.judgements), rows)


def lock_resolution(conn: Connection) -> None:
    """One resolution at a time: two ingest processes finishing together wait for each other on
    PostgreSQL (SQLite's write lock does this by itself)."""
    if conn.dialect.name != "sqlite":
        conn.execute(text("SELECT pg_advisory_xact_lock(7001)"))


def body_mentions(conn: Connection, *where: ColumnElement[bool]) -> list[BodyMention]:
    """Every organisation and place mention in the store, or those WHERE picks (a few documents)."""
    e = t.entities.c
    query = select(e.document_id, e.id, e.kind, e.name).where(e.kind.in_(("organization", "place")), *where)
    return [BodyMention(d, i, k, n) for d, i, k, n in conn.execute(query)]


def save_body_links(conn: Connection, links: list[BodyLink], *, replace: bool = True) -> None:
    """LINKS stored: with REPLACE (a full resolution) instead of all the store had, without it beside
    them (an incremental update's new reports)."""
    if replace:
        conn.execute(delete(t.entity_links))
    if links:
        conn.execute(insert(t.entity_links), [asdict(link) for link in links])


def mentions_of_person(conn: Connection, person: str) -> list[str]:
    """Every mention linked to PERSON, as DOCUMENT:ENTITY."""
    links = t.person_links.c
    rows = conn.execute(select(links.document_id, links.entity_id).where(links.person_id == person)).all()
    return sorted(f"{d}:{e}" for d, e in rows)


def person_of_mention(conn: Connection, mention: str) -> str | None:
    """The person a mention (DOCUMENT:ENTITY) is linked to now."""
    links = t.person_links.c
    doc_id, _, ent_id = mention.partition(":")
    found = conn.execute(
        select(links.person_id).where(links.document_id == doc_id, links.entity_id == ent_id)
    ).scalar()
    return str(found) if found is not None else None


def entity_exists(conn: Connection, doc_id: str, ent_id: str) -> bool:
    """The report DOC_ID has an entity ENT_ID."""
    e = t.entities.c
    return conn.execute(select(e.id).where(e.document_id == doc_id, e.id == ent_id)).scalar() is not None


def person_of_each_mention(conn: Connection) -> dict[tuple[str, str], str]:
    """(document id, entity id) -> person id, for every person mention resolution linked."""
    pl = t.person_links.c
    query = select(pl.document_id, pl.entity_id, pl.person_id)
    return {(d, e): p for d, e, p in conn.execute(query)}


def mentions_by_person(
    conn: Connection, person_ids: list[str] | None = None
) -> dict[str, list[tuple[str, str]]]:
    """Person id -> their mentions as (document id, entity id), in the order the store gives them:
    every person, or only PERSON_IDS."""
    pl = t.person_links.c
    query = select(pl.document_id, pl.entity_id, pl.person_id)
    out: dict[str, list[tuple[str, str]]] = {}
    for chunk in [None] if person_ids is None else chunks(person_ids):
        for d, e, pid in conn.execute(query if chunk is None else query.where(pl.person_id.in_(chunk))):
            out.setdefault(pid, []).append((d, e))
    return out


def fullest_names(conn: Connection, doc_ids: list[str] | None = None) -> dict[tuple[str, str], str]:
    """(document id, entity id) -> the fullest name that person or body has in any report: for every
    linked mention, or those of DOC_IDS."""
    out: dict[tuple[str, str], str] = {}
    for links in (t.person_links.c, t.entity_links.c):
        query = select(links.document_id, links.entity_id, links.name)
        if doc_ids is None:
            out.update({(d, e): n for d, e, n in conn.execute(query)})
            continue
        for chunk in chunks(doc_ids):
            out.update({(d, e): n for d, e, n in conn.execute(query.where(links.document_id.in_(chunk)))})
    return out


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
