"""People across documents in the store: their mentions, the resolution, and the user's judgements."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, Connection, delete, insert, select, text

from casework.resolve.organizations import global_id, org_key, place_key
from casework.resolve.people import Judgement, PersonMention, Resolution, resolve_people
from casework.store import schema as t
from casework.store.database import Store
from casework.store.person_blocks import fill_blocks


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
    j = t.judgements.c
    rows = conn.execute(select(j.left_key, j.right_key, j.decision, j.score).where(j.source == "user")).all()
    return [Judgement(left, right, decision, score, {}, "user") for left, right, decision, score in rows]


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


def fullest(names: list[str]) -> str:
    """The most complete of the names reports give one person or body; of two as full, the first in
    alphabetical order, so the choice does not hang on the order rows come back in (an incremental
    update sees them in another order than a full rebuild)."""
    return max(sorted(names), key=lambda n: (len(n.split()), len(n)))


def save_resolution(conn: Connection, resolution: Resolution, names: dict[str, str]) -> None:
    conn.execute(delete(t.person_links))
    conn.execute(delete(t.judgements).where(t.judgements.c.source == "auto"))
    forms: dict[str, list[str]] = {}
    for key, pid in resolution.person_of.items():
        forms.setdefault(pid, []).append(names[key])
    best = {pid: fullest(f) for pid, f in forms.items()}
    links = []
    for key, pid in resolution.person_of.items():
        doc_id, _, ent_id = key.partition(":")
        links.append({"document_id": doc_id, "entity_id": ent_id, "person_id": pid, "name": best[pid]})
    if links:
        conn.execute(insert(t.person_links), links)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    rows = {
        (j.left, j.right): {
            "left_key": j.left,
            "right_key": j.right,
            "source": "auto",
            "decision": j.decision,
            "score": j.score,
            "features": json.dumps(j.features),
            "created_at": now,
        }
        for j in resolution.judgements
        if j.source == "auto"
    }
    if rows:
        conn.execute(insert(t.judgements), list(rows.values()))


def link_bodies(conn: Connection) -> int:
    """Organisations and places across reports, by a key of their names; returns how many there are."""
    e = t.entities.c
    conn.execute(delete(t.entity_links))
    rows = []
    for doc_id, ent_id, kind, name in conn.execute(
        select(e.document_id, e.id, e.kind, e.name).where(e.kind.in_(("organization", "place")))
    ):
        key = org_key(name) if kind == "organization" else place_key(name)
        rows.append(
            {
                "document_id": doc_id,
                "entity_id": ent_id,
                "kind": kind,
                "global_id": global_id(kind, key),
                "name_key": key,
                "name": name,
            }
        )
    forms: dict[str, list[str]] = {}
    for r in rows:
        forms.setdefault(r["global_id"], []).append(r["name"])
    best = {gid: fullest(f) for gid, f in forms.items()}
    for r in rows:
        r["name"] = best[r["global_id"]]
    if rows:
        conn.execute(insert(t.entity_links), rows)
    return len({r["global_id"] for r in rows})


def resolve_store(store: Store) -> Resolution:
    """Resolve every mention in the store again (people, organisations, places), keeping the user's judgements."""
    with store.write() as conn:
        if not store.is_sqlite:
            # two ingest processes finishing together: one resolution at a time (SQLite's write lock does this)
            conn.execute(text("SELECT pg_advisory_xact_lock(7001)"))
        mentions = person_mentions(conn)
        resolution = resolve_people(mentions, user_judgements(conn))
        save_resolution(conn, resolution, {m.key: m.name for m in mentions})
        fill_blocks(conn, mentions)  # what an incremental update finds people by, afresh too
        link_bodies(conn)
    return resolution
