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

from sqlalchemy import Connection

from casework.case_files import build_cases, summary_row, update_cases
from casework.changes import record_changes
from casework.resolve.organizations import link_bodies
from casework.resolve.people import PersonMention, block_key, person_id, resolve_people
from casework.review.weigh import save_case_queue
from casework.store.body_links import bodies_in_documents, linked_bodies, rename_body
from casework.store.case_rows import replace_case_summaries
from casework.store.database import Store
from casework.store.judgement_rows import add_judgement_rows, drop_auto_judgements_from, user_judgement_pairs
from casework.store.people import (
    auto_judgement_rows,
    fullest,
    lock_resolution,
    person_link_rows,
    save_body_links,
    user_judgements,
)
from casework.store.person_blocks import form, save_blocks
from casework.store.person_rows import (
    add_person_links,
    block_of,
    drop_links_of_people,
    holder_of_form,
    links_in_documents,
    lowest_linked_key,
    people_in_documents,
    person_mentions_in_blocks,
    person_mentions_in_documents,
    remember_first,
    remembered_first,
)
from casework.store.report_lookups import entity_seq
from casework.store.resolution_mark import (
    any_pending,
    cases_are_current,
    clear_pending,
    full_rebuild_unfinished,
    mark_cases_current,
    pending_documents,
)


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
    blocks = {block_key(m) for m in new}
    found: dict[str, PersonMention] = {m.key: m for m in new}
    todo = set(blocks)
    while todo:
        for m in person_mentions_in_blocks(conn, sorted(todo)):
            found.setdefault(m.key, m)
        todo = set()
        linked: set[str] = set()
        for left, right in user_judgement_pairs(conn, sorted(found)):
            linked |= {left, right} - found.keys()
        for key in sorted(linked):
            block = block_of(conn, key)
            if block is not None and block not in blocks:
                blocks.add(block)
                todo.add(block)
    return list(found.values())


def _first_mention(conn: Connection, pid: str) -> str | None:
    """The key of the person's first mention (the one its id is a hash of), remembered: found once
    by two aggregates over the person's links, however many reports name them."""
    known = remembered_first(conn, pid)
    if known is not None:
        return known
    first = lowest_linked_key(conn, pid)
    if person_id([first]) != pid:  # the database orders keys otherwise than Python: do not guess
        return None
    remember_first(conn, pid, first)
    return first


def _known_form(conn: Connection, m: PersonMention) -> tuple[str, str] | None:
    """(person id, name) when a stored mention of the same form as M (name, nationality, occupation)
    came before it and M's key is not below that person's first: the resolver would join M to that
    person and change nothing else (M is no form's first, so it is compared with no one, and the
    person's id and fullest name stay), so its block need not be resolved again."""
    row = holder_of_form(conn, block_key(m), form(m))
    if row is None or f"{row.ingested_at}:{row.document_id}" >= m.order:
        return None
    first = _first_mention(conn, row.person_id)
    if first is None or m.key < first:
        return None  # M would be the person's first mention: a new id, every link rewritten
    return row.person_id, row.name


def _resolve_people(conn: Connection, new_docs: list[str]) -> tuple[set[str], set[str], int, int]:
    """Resolve the blocks the new reports reach; returns (reports touched, person ids gone, mentions
    resolved again, mentions joined by their form)."""
    found = person_mentions_in_documents(conn, new_docs)
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
        add_person_links(conn, rows)
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
    key_docs = sorted({k.partition(":")[0] for k in keys})
    before: dict[str, tuple[str, str]] = {}
    for d, ent, pid, name in links_in_documents(conn, key_docs):
        if f"{d}:{ent}" in keys:
            before[f"{d}:{ent}"] = (pid, name)
    touched = set(new_docs)
    for key, pid in resolution.person_of.items():
        if before.get(key) != (pid, best[pid]):
            touched.add(key.partition(":")[0])
    # the people these mentions made before that they make no more: their cases are gone
    old_people = {pid for pid, _ in before.values()} - set(resolution.person_of.values())
    # the links of these mentions, and the automatic judgements between them, are replaced whole
    drop_links_of_people(conn, sorted({pid for pid, _ in before.values()}))
    drop_auto_judgements_from(conn, sorted(keys))
    # in the order a full rebuild writes them (report by report as stored, entity by entity), so a
    # reader that lists a person's mentions without ORDER BY sees them as it did
    seq = entity_seq(conn, key_docs)
    order = {m.key: (m.order, seq.get(m.key, 0)) for m in mentions}
    add_person_links(
        conn, person_link_rows(sorted(resolution.person_of.items(), key=lambda kv: order[kv[0]]), best)
    )
    add_judgement_rows(conn, auto_judgement_rows(resolution.judgements, _now()))
    return touched, old_people, len(mentions), len(known)


def _link_bodies(conn: Connection, new_docs: list[str]) -> set[str]:
    """Organisations and places of the new reports; returns the reports whose bodies were renamed."""
    new = bodies_in_documents(conn, new_docs)
    # the bodies they name, linked again with every stored mention of them (stored first, as a full
    # rebuild has them): a body's fullest name may now be a new report's
    gids = sorted({link.global_id for link in link_bodies(new)})
    stored = linked_bodies(conn, gids)
    links = link_bodies([m for _, m, _ in stored] + new)
    renamed = {
        gid: link.name
        for (gid, _, shown), link in zip(stored, links[: len(stored)], strict=True)
        if link.name != shown
    }
    touched: set[str] = set()
    for gid in sorted(renamed):
        touched |= rename_body(conn, gid, renamed[gid])
    save_body_links(conn, links[len(stored) :], replace=False)
    return touched


def update_changed_cases(store: Store) -> Update:
    """Bring the cases up to date with the reports stored since the last update (see the module doc)."""
    with store.read() as conn:
        waiting = any_pending(conn)
        unfinished = full_rebuild_unfinished(conn)
    if unfinished or (not waiting and not cases_are_current(store)):
        # a full rebuild a kill cut short, or a store a kill (of an older casework) left without its cases
        update_cases(store)
        return Update(full=True)
    result = Update()
    with store.write() as conn:
        lock_resolution(conn)  # one resolution at a time
        new_docs = pending_documents(conn)
        if not new_docs:
            return result
        touched, old_people, result.mentions, result.same_form = _resolve_people(conn, new_docs)
        touched |= _link_bodies(conn, new_docs)
        people = people_in_documents(conn, sorted(touched))
        cases = build_cases(conn, sorted(people), touched)
        gone = people | old_people
        replace_case_summaries(conn, [summary_row(c) for c in cases], of=sorted(gone))
        by_id = {c.id: c for c in cases}
        for case_id in sorted(gone | set(by_id)):
            save_case_queue(conn, case_id, by_id.get(case_id))  # the review queue of the cases rebuilt
        result.changes = record_changes(conn, cases, rebuilt=gone)
        clear_pending(conn, new_docs)
        result.documents, result.cases = len(new_docs), len(cases)
    mark_cases_current(store)
    return result


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="seconds")
