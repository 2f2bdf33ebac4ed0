"""Bring the cases up to date with the reports stored since the last update, touching only what they
change; the result equals a full rebuild (`update_cases`), which a test checks on both back ends.

1. The new reports' person mentions get their blocking keys (person_blocks). Only the mentions
   sharing a key with them, and those a user's merge or split ties to these, can change person:
   that set of blocks is resolved again as a whole (resolve_people is block-local, so this is the
   full resolution restricted to it).
2. Organisations and places of the new reports join their global ids; an id whose fullest name
   changes renames it in every report that names it.
3. The reports touched (new ones, those whose mentions changed person or name, those naming a
   renamed body) name every case that can differ: those cases alone are rebuilt, their summaries
   rewritten, and what changed in them logged (changes.py), all in one transaction, so a kill
   leaves the pending reports pending and nothing half done.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, and_, delete, func, insert, select, text, tuple_, update

from casework.cases import build_cases, summary_row, update_cases
from casework.changes import record_changes
from casework.resolve.organizations import global_id, org_key, place_key
from casework.resolve.people import PersonMention, block_key, person_id, resolve_people
from casework.review.weigh import save_case_queue
from casework.store import schema as t
from casework.store.database import Store
from casework.store.people import fullest, person_mentions, user_judgements
from casework.store.person_blocks import form, save_blocks
from casework.store.resolution_mark import (
    cases_are_current,
    full_rebuild_unfinished,
    mark_cases_current,
    pending_documents,
)

CHUNK = 500  # ids per IN (...): well under every back end's limit on bound parameters


def _chunks(items: list[str]) -> list[list[str]]:
    return [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]


@dataclass
class Update:
    documents: int = 0  # reports brought in
    mentions: int = 0  # person mentions resolved again (their blocks whole)
    same_form: int = 0  # new mentions joined to the person of an earlier mention of the same form
    cases: int = 0  # cases rebuilt
    changes: list[int] = field(default_factory=list)  # ids of the changes logged
    full: bool = False  # a full rebuild was needed instead


def _mentions_in_blocks(conn: Connection, new: list[PersonMention]) -> list[PersonMention]:
    """The new mentions, the stored ones in their blocks, and those a user judgement ties to them."""
    b, j = t.person_blocks.c, t.judgements.c
    blocks = {block_key(m) for m in new}
    found: dict[str, PersonMention] = {m.key: m for m in new}
    todo = set(blocks)
    while todo:
        for chunk in _chunks(sorted(todo)):
            pairs = select(b.document_id, b.entity_id).where(b.block.in_(chunk))
            for m in person_mentions(conn, tuple_(t.entities.c.document_id, t.entities.c.id).in_(pairs)):
                found.setdefault(m.key, m)
        todo = set()
        keys = sorted(found)
        linked: set[str] = set()
        for chunk in _chunks(keys):
            for left, right in conn.execute(
                select(j.left_key, j.right_key).where(
                    j.source == "user", j.left_key.in_(chunk) | j.right_key.in_(chunk)
                )
            ):
                linked |= {left, right} - found.keys()
        for key in sorted(linked):
            doc_id, _, ent_id = key.partition(":")
            row = conn.execute(select(b.block).where(b.document_id == doc_id, b.entity_id == ent_id)).first()
            if row is not None and row.block not in blocks:
                blocks.add(row.block)
                todo.add(row.block)
    return list(found.values())


def _first_mention(conn: Connection, pid: str) -> str | None:
    """The key of the person's first mention (the one its id is a hash of), remembered: found once
    by two aggregates over the person's links, however many reports name them."""
    f, pl = t.person_firsts.c, t.person_links.c
    known = conn.execute(select(f.first_key).where(f.person_id == pid)).scalar()
    if known is not None:
        return str(known)
    doc = conn.execute(select(func.min(pl.document_id)).where(pl.person_id == pid)).scalar_one()
    ent = conn.execute(
        select(func.min(pl.entity_id)).where(pl.person_id == pid, pl.document_id == doc)
    ).scalar_one()
    first = f"{doc}:{ent}"
    if person_id([first]) != pid:  # the database orders keys otherwise than Python: do not guess
        return None
    conn.execute(insert(t.person_firsts).values(person_id=pid, first_key=first))
    return first


def _known_form(conn: Connection, m: PersonMention) -> tuple[str, str] | None:
    """(person id, name) when a stored mention of the same form as M (name, nationality, occupation)
    came before it and M's key is not below that person's first: the resolver would join M to that
    person and change nothing else (M is no form's first, so it is compared with no one, and the
    person's id and fullest name stay), so its block need not be resolved again."""
    b, pl, d = t.person_blocks.c, t.person_links.c, t.documents.c
    row = conn.execute(
        select(pl.person_id, pl.name, d.ingested_at, b.document_id)
        .select_from(t.person_blocks)
        .join(t.person_links, and_(pl.document_id == b.document_id, pl.entity_id == b.entity_id))
        .join(t.documents, d.id == b.document_id)
        .where(b.block == block_key(m), b.form == form(m))
        .limit(1)
    ).first()
    if row is None or f"{row.ingested_at}:{row.document_id}" >= m.order:
        return None
    first = _first_mention(conn, str(row.person_id))
    if first is None or m.key < first:
        return None  # M would be the person's first mention: a new id, every link rewritten
    return str(row.person_id), str(row.name)


def _resolve_people(conn: Connection, new_docs: list[str]) -> tuple[set[str], set[str], int, int]:
    """Resolve the blocks the new reports reach; returns (reports touched, person ids gone, mentions
    resolved again, mentions joined by their form)."""
    e, pl, j = t.entities.c, t.person_links.c, t.judgements.c
    found: list[PersonMention] = []
    for chunk in _chunks(new_docs):
        found.extend(person_mentions(conn, e.document_id.in_(chunk)))
    save_blocks(conn, found)
    known: dict[str, tuple[str, str]] = {}
    new: list[PersonMention] = []
    for m in sorted(found, key=lambda m: (m.order, m.key)):
        hit = _known_form(conn, m)
        if hit is None:
            new.append(m)
        else:
            known[m.key] = hit
    if known:
        rows = []
        for key, (pid, name) in known.items():
            doc_id, _, ent_id = key.partition(":")
            rows.append({"document_id": doc_id, "entity_id": ent_id, "person_id": pid, "name": name})
        conn.execute(insert(t.person_links), rows)
    if not new:
        return set(new_docs), set(), 0, len(known)
    mentions = _mentions_in_blocks(conn, new)
    keys = {m.key for m in mentions}
    user = [x for x in user_judgements(conn) if x.left in keys and x.right in keys]
    resolution = resolve_people(mentions, user)
    names = {m.key: m.name for m in mentions}
    forms: dict[str, list[str]] = {}
    for key, pid in resolution.person_of.items():
        forms.setdefault(pid, []).append(names[key])
    best = {pid: fullest(f) for pid, f in forms.items()}
    before: dict[str, tuple[str, str]] = {}
    for chunk in _chunks(sorted({k.partition(":")[0] for k in keys})):
        for d, ent, pid, name in conn.execute(
            select(pl.document_id, pl.entity_id, pl.person_id, pl.name).where(pl.document_id.in_(chunk))
        ):
            if f"{d}:{ent}" in keys:
                before[f"{d}:{ent}"] = (pid, name)
    touched = set(new_docs)
    for key, pid in resolution.person_of.items():
        if before.get(key) != (pid, best[pid]):
            touched.add(key.partition(":")[0])
    # the people these mentions made before that they make no more: their cases are gone
    old_people = {pid for pid, _ in before.values()} - set(resolution.person_of.values())
    # the links of these mentions, and the automatic judgements between them, are replaced whole
    for chunk in _chunks(sorted({pid for pid, _ in before.values()})):
        conn.execute(delete(t.person_links).where(pl.person_id.in_(chunk)))
    for chunk in _chunks(sorted(keys)):
        conn.execute(delete(t.judgements).where(j.source == "auto", j.left_key.in_(chunk)))
    # in the order a full rebuild writes them (report by report as stored, entity by entity), so a
    # reader that lists a person's mentions without ORDER BY sees them as it did
    seq: dict[str, int] = {}
    for chunk in _chunks(sorted({k.partition(":")[0] for k in keys})):
        for d, ent, n in conn.execute(select(e.document_id, e.id, e.seq).where(e.document_id.in_(chunk))):
            seq[f"{d}:{ent}"] = n
    order = {m.key: (m.order, seq.get(m.key, 0)) for m in mentions}
    links = []
    for key, pid in sorted(resolution.person_of.items(), key=lambda kv: order[kv[0]]):
        doc_id, _, ent_id = key.partition(":")
        links.append({"document_id": doc_id, "entity_id": ent_id, "person_id": pid, "name": best[pid]})
    if links:
        conn.execute(insert(t.person_links), links)
    stamp = _now()
    auto = {
        (x.left, x.right): {
            "left_key": x.left,
            "right_key": x.right,
            "source": "auto",
            "decision": x.decision,
            "score": x.score,
            "features": _json(x.features),
            "created_at": stamp,
        }
        for x in resolution.judgements
        if x.source == "auto"
    }
    if auto:
        conn.execute(insert(t.judgements), list(auto.values()))
    return touched, old_people, len(mentions), len(known)


def _link_bodies(conn: Connection, new_docs: list[str]) -> set[str]:
    """Organisations and places of the new reports; returns the reports whose bodies were renamed."""
    e, el = t.entities.c, t.entity_links.c
    rows = []
    for chunk in _chunks(new_docs):
        for doc_id, ent_id, kind, name in conn.execute(
            select(e.document_id, e.id, e.kind, e.name).where(
                e.kind.in_(("organization", "place")), e.document_id.in_(chunk)
            )
        ):
            key = org_key(name) if kind == "organization" else place_key(name)
            gid = global_id(kind, key)
            rows.append(
                {"document_id": doc_id, "entity_id": ent_id, "kind": kind, "global_id": gid, "name_key": key,
                 "name": name}
            )  # fmt: skip
    gids = sorted({r["global_id"] for r in rows})
    forms: dict[str, list[str]] = {}
    current: dict[str, str] = {}
    for chunk in _chunks(gids):
        for gid, name, shown in conn.execute(
            select(el.global_id, e.name, el.name)
            .join(t.entities, and_(e.document_id == el.document_id, e.id == el.entity_id))
            .where(el.global_id.in_(chunk))
        ):
            forms.setdefault(gid, []).append(name)
            current[gid] = shown
    for r in rows:
        forms.setdefault(r["global_id"], []).append(r["name"])
    best = {gid: fullest(f) for gid, f in forms.items()}
    renamed = sorted(gid for gid in current if best[gid] != current[gid])
    touched: set[str] = set()
    for gid in renamed:
        conn.execute(update(t.entity_links).where(el.global_id == gid).values(name=best[gid]))
        touched.update(
            str(d) for d in conn.execute(select(el.document_id).where(el.global_id == gid)).scalars()
        )
    for r in rows:
        r["name"] = best[r["global_id"]]
    if rows:
        conn.execute(insert(t.entity_links), rows)
    return touched


def _people_in(conn: Connection, doc_ids: set[str]) -> set[str]:
    pl = t.person_links.c
    out: set[str] = set()
    for chunk in _chunks(sorted(doc_ids)):
        out.update(
            str(p) for p in conn.execute(select(pl.person_id).where(pl.document_id.in_(chunk))).scalars()
        )
    return out


def update_changed_cases(store: Store) -> Update:
    """Bring the cases up to date with the reports stored since the last update (see the module doc)."""
    with store.read() as conn:
        waiting = conn.execute(select(t.pending_documents.c.document_id).limit(1)).first() is not None
        unfinished = full_rebuild_unfinished(conn)
    if unfinished or (not waiting and not cases_are_current(store)):
        # a full rebuild a kill cut short, or a store a kill (of an older casework) left without its cases
        update_cases(store)
        return Update(full=True)
    result = Update()
    with store.write() as conn:
        if not store.is_sqlite:
            conn.execute(text("SELECT pg_advisory_xact_lock(7001)"))  # one resolution at a time
        new_docs = pending_documents(conn)
        if not new_docs:
            return result
        touched, old_people, result.mentions, result.same_form = _resolve_people(conn, new_docs)
        touched |= _link_bodies(conn, new_docs)
        people = _people_in(conn, touched)
        cases = build_cases(conn, sorted(people), touched)
        cs = t.case_summaries.c
        gone = people | old_people
        for chunk in _chunks(sorted(gone)):
            conn.execute(delete(t.case_summaries).where(cs.case_id.in_(chunk)))
        if cases:
            conn.execute(insert(t.case_summaries), [summary_row(c) for c in cases])
        by_id = {c.id: c for c in cases}
        for case_id in sorted(gone | set(by_id)):
            save_case_queue(conn, case_id, by_id.get(case_id))  # the review queue of the cases rebuilt
        result.changes = record_changes(conn, cases, rebuilt=gone)
        for chunk in _chunks(new_docs):
            conn.execute(delete(t.pending_documents).where(t.pending_documents.c.document_id.in_(chunk)))
        result.documents, result.cases = len(new_docs), len(cases)
    mark_cases_current(store)
    return result


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="seconds")


def _json(value: object) -> str:
    import json

    return json.dumps(value)
