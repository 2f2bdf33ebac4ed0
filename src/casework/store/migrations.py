"""Versioned migrations: each upgrades a store by one schema version, in place, in one transaction.

A new store is created at the current version directly. `casework db upgrade`
runs the steps from a store's version to the current one; other commands refuse
an older store with a message saying so, and every command refuses a newer one.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import Connection, inspect, select, text

from casework.store import schema as t
from casework.store.search import index_document, setup_search


def _v2_across_documents(conn: Connection) -> None:
    """v2: who is who across reports (person and entity links, judgements)."""
    t.metadata.create_all(conn, tables=[t.person_links, t.judgements, t.entity_links])


def _v3_search(conn: Connection) -> None:
    """v3: full-text search; on SQLite the index is filled from the stored documents."""
    setup_search(conn)
    if conn.dialect.name == "sqlite":
        conn.execute(text("DELETE FROM documents_fts"))  # filled afresh: safe to run twice
        d, e = t.documents.c, t.entities.c
        names: dict[str, list[str]] = {}
        for doc_id, name in conn.execute(select(e.document_id, e.name)):
            names.setdefault(doc_id, []).append(name)
        for doc_id, title, body in conn.execute(select(d.id, d.title, d.text)).all():
            index_document(conn, doc_id, title, body, names.get(doc_id, []))


def _v4_case_summaries(conn: Connection) -> None:
    """v4: one row per case for fast listing (filled by the next `casework resolve`)."""
    t.metadata.create_all(conn, tables=[t.case_summaries])


def _v5_copies_index(conn: Connection) -> None:
    """v5: an index on near_duplicate_of, so a report page finds its copies without a scan."""
    conn.execute(
        text("CREATE INDEX IF NOT EXISTS ix_documents_near_duplicate_of ON documents (near_duplicate_of)")
    )


# the tables whose rows are facts a component made
FACT_TABLES = ("entities", "timexes", "events", "claims", "accounts", "findings")


def _v6_components(conn: Connection) -> None:
    """v6: each fact names the component that made it (facts stored before stay null: not recorded)."""
    for table in FACT_TABLES:
        if "component" not in {c["name"] for c in inspect(conn).get_columns(table)}:  # safe to run twice
            conn.execute(text(f"ALTER TABLE {table} ADD COLUMN component VARCHAR(64)"))


def _v7_review(conn: Connection) -> None:
    """v7: analysts' review decisions (confirm, reject, correct, notes, fields), named users, and the
    review queue (filled by the next `casework resolve`)."""
    t.metadata.create_all(conn, tables=[t.review_decisions, t.review_queue, t.users])


def _v8_watch_and_alerts(conn: Connection) -> None:
    """v8: incremental updates (pending reports, person blocks), the case change log, alert rules and
    deliveries, and what `casework watch` remembers of its sources."""
    from casework.store.people import person_mentions
    from casework.store.person_blocks import fill_blocks

    t.metadata.create_all(
        conn,
        tables=[
            t.pending_documents, t.person_blocks, t.person_firsts, t.case_snapshots, t.case_changes, t.alert_rules,
            t.alerts, t.delivery_cursors, t.watch_sources, t.watch_items,
        ],
    )  # fmt: skip
    fill_blocks(conn, person_mentions(conn))
    # the cases there now are the starting point, not news: snapshots from the case list, their
    # findings marked unknown (so the first rebuild of a case announces none of its old findings)
    rows = [
        {
            "case_id": r.case_id, "status": r.status, "since": r.since,
            "nationality": json.dumps([n for n in (r.nationality or "").split(", ") if n]),
            "held_in": "[]", "findings": "null", "mentions": "[]", "detained_on": None,
            "detained_evidence": None, "home_acted": False,
        }
        for r in conn.execute(select(t.case_summaries))
    ]  # fmt: skip
    if rows:
        conn.execute(t.case_snapshots.delete())
        conn.execute(t.case_snapshots.insert(), rows)


def _v9_claims_about(conn: Connection) -> None:
    """v9: whom a claim's words are about (claims stored before stay null: the case side then
    knows only the people they name, as before)."""
    if "about" not in {c["name"] for c in inspect(conn).get_columns("claims")}:  # safe to run twice
        conn.execute(text("ALTER TABLE claims ADD COLUMN about TEXT"))


# version reached -> the step that reaches it from the version before
MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    2: _v2_across_documents,
    3: _v3_search,
    4: _v4_case_summaries,
    5: _v5_copies_index,
    6: _v6_components,
    7: _v7_review,
    8: _v8_watch_and_alerts,
    9: _v9_claims_about,
}
