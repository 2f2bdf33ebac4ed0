"""Weighing the facts to review, and the queue kept as a table (`review_queue`) so the queue page reads
the whole store's most consequential facts with one indexed query instead of building every case.

A fact weighs more when the case stands on it: it opens the case (a detention-type event) or sets its
status; when only one source states it; when another source disputes it (a finding names its sentence).
The table is rewritten with the case list (case_files.summarise_cases) and, for the cases a decision changes,
with their case-list rows (review/decide.py); only open cases are kept in it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from casework.model import Case, Evidence
from casework.ontology import case_types, status_of_types
from casework.review.refs import finding_ref
from casework.store.queue_rows import queue_rows, replace_case_queue_rows, replace_queue_rows

CLOSED = ("released", "deported", "dead")  # a case no longer open: no one is held


@dataclass
class QueueItem:
    ref: str  # what `casework confirm/reject/correct` and the web forms take
    fact: str  # event, claim or finding
    case_id: str
    case_name: str
    label: str
    evidence: Evidence
    score: int
    why: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "fact": self.fact,
            "case": self.case_id,
            "case_name": self.case_name,
            "label": self.label,
            "score": self.score,
            "why": list(self.why),
            "evidence": self.evidence.to_json(),
        }


def _disputed(case: Case) -> set[tuple[str, tuple[int, int]]]:
    return {(e.document_id, tuple(e.span)) for f in case.findings for e in f.evidence}  # type: ignore[misc]


def case_queue(case: Case) -> list[QueueItem]:
    """The unreviewed facts of one case, weighed."""
    disputed = _disputed(case)
    opens, sets = case_types(), set(status_of_types())
    out: list[QueueItem] = []
    for ev in case.timeline:
        if ev.review.state != "extracted" or not ev.ref:
            continue
        why, score = [], 1
        if ev.type in opens:
            why.append("opens the case")
            score += 4
        elif ev.type in sets:
            why.append("sets the status")
            score += 3
        if ev.support < 2:
            why.append("one source")
            score += 2
        if (ev.evidence.document_id, tuple(ev.evidence.span)) in disputed:
            why.append("disputed")
            score += 2
        label = f"{ev.type} · {ev.date or 'no date'}" + (f" · {ev.place}" if ev.place else "")
        out.append(QueueItem(ev.ref, "event", case.id, case.name, label, ev.evidence, score, why))
    for c in case.claims:
        if c.review.state != "extracted" or not c.ref:
            continue
        why, score = [], 0
        if c.support < 2:
            why.append("one source")
            score += 1
        if (c.evidence.document_id, tuple(c.evidence.span)) in disputed:
            why.append("disputed")
            score += 2
        if set(c.flags) & {"under_duress", "denied"}:
            why.append(", ".join(sorted(set(c.flags) & {"under_duress", "denied"})))
            score += 1
        out.append(QueueItem(c.ref, "claim", case.id, case.name, f"{c.speaker}: {c.content[:100]}", c.evidence,
                             score, why))  # fmt: skip
    for f in case.findings:
        if f.review.state != "extracted" or not f.evidence:
            continue
        out.append(QueueItem(finding_ref(case, f), "finding", case.id, case.name, f"{f.kind}: {f.message[:100]}",
                             f.evidence[0], 3, ["disputed"]))  # fmt: skip
    return out


def _row(item: QueueItem) -> dict[str, Any]:
    ev = item.evidence
    return {
        "case_id": item.case_id, "ref": item.ref, "fact": item.fact, "case_name": item.case_name,
        "label": item.label, "score": item.score, "why": json.dumps(item.why), "document_id": ev.document_id,
        "start": ev.span[0], "end": ev.span[1], "evidence": ev.text, "published": ev.published,
    }  # fmt: skip


def _rows(case: Case) -> list[dict[str, Any]]:
    if case.status in CLOSED:
        return []
    rows = {item.ref: _row(item) for item in case_queue(case)}  # one row per fact, should two cite one
    return list(rows.values())


def save_queue(conn: Connection, cases: list[Case]) -> None:
    """Rewrite the whole table from these cases (all the store's)."""
    replace_queue_rows(conn, [r for c in cases for r in _rows(c)])


def save_case_queue(conn: Connection, case_id: str, case: Case | None) -> None:
    """Rewrite one case's rows (none when it is no longer a case)."""
    replace_case_queue_rows(conn, case_id, _rows(case) if case is not None else [])


def read_queue(conn: Connection, limit: int | None = None) -> list[QueueItem]:
    """The most consequential unreviewed facts of all open cases, from the table."""
    out = []
    for r in queue_rows(conn, limit):
        evidence = Evidence(r["document_id"], (r["start"], r["end"]), r["evidence"], r["published"])
        out.append(QueueItem(r["ref"], r["fact"], r["case_id"], r["case_name"], r["label"], evidence, r["score"],
                             json.loads(r["why"])))  # fmt: skip
    return out
