"""What a reviewer names when deciding: a fact of a report (DOCUMENT:e3 an event, DOCUMENT:c2 a claim,
DOCUMENT:t1 the first date), a finding of a case (CASE#f2, its place in the case's list, or the form the queue
gives, CASE#KIND@DOCUMENT:START-END, which names it by its kind and first sentence and so stays right
however the list changes), or a case (case:CASE: its id, a prefix or a name).

A reference is resolved to the fact as it stands now and to its evidence (document id, character span,
type): the decision keeps the evidence, so it can be found again after the ids change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from casework.errors import BadRequest, NotFound
from casework.lookup import one_case, one_document
from casework.model import Case, CaseFinding, Document
from casework.store.documents import load_document
from casework.store.person_rows import first_mention_span

_FACT = re.compile(r"^([0-9a-f]{4,32}):([ect])(\d{1,6})$")
_FINDING = re.compile(r"^(.+)#(?:f(\d{1,4})|([a-z_]{1,40})@([0-9a-f]{4,32}):(\d{1,9})-(\d{1,9}))$")


@dataclass
class Target:
    """A fact as it stands now, with the evidence a decision on it keeps."""

    fact: str  # event, claim, timex, finding, case
    document_id: str | None
    span: tuple[int, int] | None
    fact_type: str | None
    label: str
    current: dict[str, Any] = field(default_factory=dict)  # field -> value now (what a correction replaces)
    doc: Document | None = None
    fact_id: str | None = None  # the event or claim id in its report


def _names(doc: Document, ids: list[str]) -> list[str]:
    return [e.name for e in (doc.entity(i) for i in ids) if e is not None]


def fact_target(conn: Connection, ref: str) -> Target:
    """DOCUMENT:e3, DOCUMENT:c2 or DOCUMENT:t1 (the report id may be a prefix)."""
    m = _FACT.match(ref.strip())
    if not m:
        raise BadRequest(
            f"{ref!r} is not a fact: give DOCUMENT:eN (event), DOCUMENT:cN (claim) or DOCUMENT:tN (date)"
        )
    doc = load_document(conn, one_document(conn, m[1]))
    if doc is None:  # pragma: no cover - one_document found it
        raise NotFound(f"no report {m[1]!r}")
    kind, n = m[2], int(m[3])
    if kind == "e":
        ev = next((e for e in doc.events if e.id == f"e{n}"), None)
        if ev is None:
            raise NotFound(f"no event e{n} in report {doc.id}")
        current = {
            "type": ev.type,
            "date": ev.date.value if ev.date else None,
            "place": (doc.entity(ev.place).name if doc.entity(ev.place) else ev.place) if ev.place else None,  # type: ignore[union-attr]
            "subject": ", ".join(_names(doc, ev.subject)) or None,
            "agent": ", ".join(_names(doc, ev.agent)) or None,
        }
        label = f"{ev.type} of {current['subject'] or 'no one named'}"
        return Target("event", doc.id, ev.trigger, ev.type, label, current, doc, ev.id)
    if kind == "c":
        c = next((x for x in doc.claims if x.id == f"c{n}"), None)
        if c is None:
            raise NotFound(f"no claim c{n} in report {doc.id}")
        speaker = (doc.entity(c.speaker).name if doc.entity(c.speaker) else None) or c.speaker_text  # type: ignore[union-attr]
        label = f"{speaker or 'unattributed'}: {c.content[:80]}"
        return Target("claim", doc.id, c.span, "claim", label, {"speaker": speaker or None}, doc, c.id)
    if not 1 <= n <= len(doc.timexes):
        raise NotFound(f"no date t{n} in report {doc.id} (it has {len(doc.timexes)})")
    x = doc.timexes[n - 1]
    return Target("timex", doc.id, (x.start, x.end), x.type, x.text, {"value": x.value}, doc, f"t{n}")


def finding_ref(case: Case, f: CaseFinding) -> str:
    """The reference of a finding by its kind and first sentence: stable as findings come and go."""
    ev = f.evidence[0]
    return f"{case.id}#{f.kind}@{ev.document_id}:{ev.span[0]}-{ev.span[1]}"


def finding_target(case: Case, which: int | str) -> Target:
    """The finding WHICH names: its place in the list (1, 2, ...) or the reference finding_ref gives."""
    if isinstance(which, str):
        found = [f for f in case.findings if f.evidence and finding_ref(case, f).endswith(which)]
        if not found:
            raise NotFound(
                f"no finding {which} in case {case.id} (the case has changed: see `casework review`)"
            )
        f, n = found[0], case.findings.index(found[0]) + 1
    elif not 1 <= which <= len(case.findings):
        raise NotFound(f"no finding f{which} in case {case.id} (it has {len(case.findings)})")
    else:
        f, n = case.findings[which - 1], which
    if not f.evidence:
        raise BadRequest(f"finding f{n} of case {case.id} has no evidence to keep a decision on")
    ev = f.evidence[0]
    return Target("finding", ev.document_id, tuple(ev.span), f.kind, f"{f.kind}: {f.message[:80]}")  # type: ignore[arg-type]


def case_anchor(conn: Connection, case_id: str) -> tuple[str, tuple[int, int]]:
    """The mention a case decision is kept on: the person's first mention in their first report."""
    anchor = first_mention_span(conn, case_id)
    if anchor is not None:
        return anchor
    raise NotFound(f"no mention of case {case_id} to keep a decision on")


def pick_case_id(conn: Connection, ref: str) -> str:
    return one_case(conn, ref)


def split_finding_ref(ref: str) -> tuple[str, int | str] | None:
    """(case, place) for CASE#f2; (case, '#KIND@DOCUMENT:START-END') for the stable form."""
    m = _FINDING.match(ref.strip())
    if not m:
        return None
    if m[2]:
        return m[1], int(m[2])
    return m[1], f"#{m[3]}@{m[4]}:{m[5]}-{m[6]}"
