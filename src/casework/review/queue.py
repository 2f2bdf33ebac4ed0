"""The review queue: the facts of open cases no one has reviewed yet, most consequential first.

A fact weighs more when the case stands on it: it opens the case (a detention-type event) or sets its
status; when only one source states it; when another source disputes it (a finding names its sentence).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from casework.cases import load_case
from casework.model import Case, Evidence
from casework.ontology import case_types, status_of_types
from casework.review.refs import finding_ref
from casework.store import schema as t

CLOSED = ("released", "deported", "dead")  # a case no longer open: no one is held
CASES = 100  # how many open cases one queue reads: each is built in full to weigh its facts (~30 ms each)


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


def review_queue(
    conn: Connection, *, case: str | None = None, limit: int | None = None, cases: int | None = CASES
) -> list[QueueItem]:
    """Unreviewed facts of open cases (or of CASE, a case id), most consequential first. Of a large
    store, the CASES open cases whose status is newest are read (None: every one)."""
    if case is not None:
        one = load_case(conn, case)
        built = [one] if one is not None else []
    else:
        c = t.case_summaries.c
        query = (
            select(c.case_id).where(c.status.not_in(CLOSED)).order_by(c.since.desc().nulls_last(), c.case_id)
        )
        ids = list(conn.execute(query.limit(cases) if cases else query).scalars())
        built = [x for x in (load_case(conn, i) for i in ids) if x is not None and x.status not in CLOSED]
    items = [item for c in built for item in case_queue(c)]
    items.sort(key=lambda i: (-i.score, i.case_name, i.evidence.document_id, i.evidence.span[0]))
    return items[:limit] if limit else items
