"""Checks within one report: where its accounts disagree or cannot all be true.

Each finding names the events or claims on every side and their spans, so a
reader sees the evidence, not just the verdict.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import combinations

from casework.extract.timexes import timex_date
from casework.model import Document, Event, Finding
from casework.ontology import types_with

EXTRACTOR = "casework.findings.v1"


def _span_of_days(value: str) -> tuple[date, date] | None:
    """The first and last day a date value names: a day, an ISO week, a month or a year."""
    try:
        if m := re.match(r"^(\d{4})-W(\d{2})", value):
            first = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return first, first + timedelta(days=6)
        if m := re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$", value[:10]):
            year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
            if day:
                return date(year, month, day), date(year, month, day)
            if month:
                last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
                return date(year, month, 1), last
            return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None
    return None


def _overlap(a: str, b: str) -> bool:
    da, db = _span_of_days(a), _span_of_days(b)
    return bool(da and db and da[0] <= db[1] and db[0] <= da[1])


def _name(doc: Document, entity_id: str | None) -> str:
    ent = doc.entity(entity_id)
    return ent.name if ent else "the report"


def _who(doc: Document, ev: Event) -> str:
    return ", ".join(_name(doc, s) for s in ev.subject) or "unnamed"


def conflicting_dates(doc: Document) -> list[Finding]:
    """The same event given two different dates (e.g. by two sources)."""
    out = []
    dated = [e for e in doc.events if e.date and e.date.value and e.subject]
    for a, b in combinations(dated, 2):
        if a.type != b.type or not set(a.subject) & set(b.subject):
            continue
        assert a.date is not None and b.date is not None
        va, vb = a.date.value or "", b.date.value or ""
        if va == vb or va.startswith(vb) or vb.startswith(va) or _overlap(va, vb):
            continue  # one names a day of the other's month or week: no conflict
        out.append(
            Finding(
                kind="date_conflict",
                message=(
                    f"{a.type} of {_who(doc, a)} is dated {va} (\u201c{a.date.text}\u201d, "
                    f"according to {_name(doc, a.source)}) and {vb} (\u201c{b.date.text}\u201d, "
                    f"according to {_name(doc, b.source)})"
                ),
                refs=[a.id, b.id],
                spans=[a.sentence, b.sentence],
            )
        )
    return out


def conflicting_accounts(doc: Document) -> list[Finding]:
    """Two sources state the same fact differently (why a person travelled)."""
    out = []
    groups: dict[tuple[str, str], list[int]] = {}
    for i, acc in enumerate(doc.accounts):
        groups.setdefault((acc.aspect, acc.subject), []).append(i)
    claims = {c.id: c for c in doc.claims}
    for (aspect, subject), members in groups.items():
        accounts = [doc.accounts[i] for i in members]
        for a, b in combinations(accounts, 2):
            if a.keys & b.keys or a.claim == b.claim:
                continue
            ca, cb = claims[a.claim], claims[b.claim]
            out.append(
                Finding(
                    kind="account_conflict",
                    message=(
                        f"{aspect} of {_name(doc, subject)}: \u201c{a.value}\u201d "
                        f"({_name(doc, ca.speaker)}{_flag_note(ca.flags)}) vs \u201c{b.value}\u201d "
                        f"({_name(doc, cb.speaker)}{_flag_note(cb.flags)})"
                    ),
                    refs=[a.claim, b.claim],
                    spans=[a.span, b.span],
                )
            )
    return out


def _flag_note(flags: list[str]) -> str:
    return f", {' '.join(flags).replace('_', ' ')}" if flags else ""


def impossible_sequences(doc: Document) -> list[Finding]:
    """Arriving after the event one came for; released before being detained."""
    journeys, freed_types, held_types = (
        types_with("movement"),
        types_with("ends_custody"),
        types_with("custody"),
    )
    out = []
    for acc in doc.accounts:
        due = timex_date(acc.date)
        if due is None:
            continue
        for ev in doc.events:
            when = timex_date(ev.date.value if ev.date else None)
            if ev.type not in journeys or acc.subject not in ev.subject or when is None or when <= due:
                continue
            out.append(
                Finding(
                    kind="impossible_sequence",
                    message=(
                        f"{_name(doc, acc.subject)} came {acc.value} ({due.isoformat()}) "
                        f"but travelled on {when.isoformat()}, after it"
                    ),
                    refs=[acc.claim, ev.id],
                    spans=[acc.span, ev.sentence],
                )
            )
    for rel in (e for e in doc.events if e.type in freed_types):
        freed = timex_date(rel.date.value if rel.date else None)
        for det in (e for e in doc.events if e.type in held_types):
            held = timex_date(det.date.value if det.date else None)
            if freed and held and set(rel.subject) & set(det.subject) and freed < held:
                out.append(
                    Finding(
                        kind="impossible_sequence",
                        message=(
                            f"{_who(doc, rel)} is released on {freed.isoformat()}, before the "
                            f"detention on {held.isoformat()}"
                        ),
                        refs=[rel.id, det.id],
                        spans=[rel.sentence, det.sentence],
                    )
                )
    return out


CHECKS = (conflicting_dates, conflicting_accounts, impossible_sequences)


def check_document(doc: Document) -> list[Finding]:
    findings: list[Finding] = []
    for check in CHECKS:
        findings.extend(check(doc))
    return findings
