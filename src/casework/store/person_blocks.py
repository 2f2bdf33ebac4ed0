"""Each stored person mention's blocking key, indexed: how an incremental update finds, among all the
people in the store, the few a new report's mentions may be (the same key the resolver blocks on)."""

from __future__ import annotations

import json

from sqlalchemy import Connection, delete, insert

from casework.resolve.people import PersonMention, block_key
from casework.store import schema as t
from casework.store.in_lists import chunks


def form(m: PersonMention) -> str:
    """What the resolver treats as one form of a name: a mention of the same form joins its person."""
    return json.dumps([m.name, m.nationality, m.occupation], ensure_ascii=False)


def save_blocks(conn: Connection, mentions: list[PersonMention]) -> None:
    """The blocks of these mentions, replacing any their documents had (safe to run twice)."""
    b = t.person_blocks.c
    docs = sorted({m.key.partition(":")[0] for m in mentions})
    for chunk in chunks(docs):
        conn.execute(delete(t.person_blocks).where(b.document_id.in_(chunk)))
    rows = []
    for m in mentions:
        doc_id, _, ent_id = m.key.partition(":")
        rows.append({"document_id": doc_id, "entity_id": ent_id, "block": block_key(m), "form": form(m)})
    if rows:
        conn.execute(insert(t.person_blocks), rows)


def fill_blocks(conn: Connection, mentions: list[PersonMention]) -> None:
    """Every stored person mention's block: after a full resolution, and in the v6 migration."""
    conn.execute(delete(t.person_blocks))
    save_blocks(conn, mentions)
