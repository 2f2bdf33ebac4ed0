"""Four CSV tables (cases, events, claims, findings), each row with the sentence it rests on."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from casework.model import Case, Evidence, ReviewMark
from casework.review.record import CASE_FIELDS

EVIDENCE = ["document", "start", "end", "published", "evidence"]
REVIEW = ["review", "reviewers", "original"]  # how the fact stands: extracted, confirmed or corrected
COLUMNS = {
    "cases": ["case_id", "name", "spellings", "status", "since", "where", "nationality", "occupation",
              "sources", "findings", "consular_days", "status_label", "status_notes", "status_set_by",
              "tags", *CASE_FIELDS],
    "events": ["case_id", "name", "type", "date", "placed", "place", "agents", "grounds", "stated_by",
               "sources", "account_only", "subject_guessed", *EVIDENCE, *REVIEW],
    "claims": ["case_id", "name", "speaker", "flags", "content", "sources", *EVIDENCE, *REVIEW],
    "findings": ["case_id", "name", "kind", "message", "side", "said_by", *EVIDENCE, *REVIEW],
}  # fmt: skip


def cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula (=, +, -, @) is prefixed with a quote: reports are untrusted."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _evidence(ev: Evidence) -> list[Any]:
    return [ev.document_id, ev.span[0], ev.span[1], ev.published or "", " ".join(ev.text.split())]


def _review(mark: ReviewMark) -> list[Any]:
    original = "; ".join(f"{k}: {v}" for k, v in mark.original.items())
    return [mark.state, ", ".join(mark.by), original]


def _rows(case: Case, table: str) -> Iterator[list[Any]]:
    head = [case.id, case.name]
    if table == "cases":
        yield [
            *head, " | ".join(case.names), case.status, case.since or "", case.where or "",
            ", ".join(case.profile.get("nationality", [])), ", ".join(case.profile.get("occupation", [])),
            case.source_groups, len(case.findings), "" if case.consular_days is None else case.consular_days,
            case.current.label, "; ".join(case.current.notes), case.review.status_by or "",
            ", ".join(t.text for t in case.review.tags),
            *(case.review.fields[f].text if f in case.review.fields else "" for f in CASE_FIELDS),
        ]  # fmt: skip
    elif table == "events":
        for e in case.timeline:
            yield [*head, e.type, e.date or "", e.placed or "", e.place or "", ", ".join(e.agents),
                   e.grounds or "", e.stated_by or "", e.support, int(e.stated_by is not None),
                   int(e.subject_guessed), *_evidence(e.evidence), *_review(e.review)]  # fmt: skip
    elif table == "claims":
        for c in case.claims:
            yield [*head, c.speaker, ", ".join(c.flags), c.content, c.support, *_evidence(c.evidence),
                   *_review(c.review)]  # fmt: skip
    else:
        for f in case.findings:
            for side, ev in enumerate(f.evidence, 1):
                said_by = f.sides[side - 1] if side <= len(f.sides) else ""
                yield [*head, f.kind, f.message, side, said_by, *_evidence(ev), *_review(f.review)]


def write_tables(cases: list[Case], folder: Path) -> int:
    """cases.csv, events.csv, claims.csv and findings.csv in FOLDER; returns the number of cases."""
    folder.mkdir(parents=True, exist_ok=True)
    for table, columns in COLUMNS.items():
        with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(columns)
            for case in cases:
                writer.writerows([cell(v) for v in row] for row in _rows(case, table))
    return len(cases)
