"""A case's history: every decision on its facts, on the case itself, and every merge or split that
touched its person, oldest first; undone ones stay listed, marked."""

from __future__ import annotations

from sqlalchemy import Connection

from casework.model import Case
from casework.review.overlay import ReviewOverlay
from casework.review.record import Decision, all_decisions
from casework.store.documents import load_document
from casework.store.people import mentions_of_person


def case_history(conn: Connection, case: Case) -> list[Decision]:
    keys = set(mentions_of_person(conn, case.id))
    ids = set(case.review.decisions)
    out = []
    for d in all_decisions(conn):
        if (
            d.id in ids
            or d.case_id == case.id
            or (d.action in ("merge", "split") and keys & set(d.payload.get("mentions", [])))
        ):
            out.append(d)
    return out


def unattached(conn: Connection) -> list[Decision]:
    """Decisions whose fact no longer stands on their evidence (or whose value no longer fits the report):
    kept, not applied, and listed here so a reviewer can decide again."""
    from casework.case_files import load_cases

    overlay = ReviewOverlay.load(conn)
    for doc_id in overlay.on_document:
        doc = load_document(conn, doc_id)
        if doc is not None:
            overlay.apply(doc)
    if overlay.on_findings:
        load_cases(conn, review=overlay)  # findings exist only on built cases
    out = []
    for d in overlay.decisions:
        if not d.active or d.fact == "document":
            continue
        if d.id not in overlay.attached or d.id in overlay.failed:
            out.append(d)
    return out


def document_notes(conn: Connection, doc_id: str) -> list[Decision]:
    """The notes and tags reviewers put on a report (`casework note doc:ID ...`, `tag doc:ID ...`)."""
    return [d for d in all_decisions(conn) if d.fact == "document" and d.document_id == doc_id and d.active]
