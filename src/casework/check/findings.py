"""Checks within one report: where its accounts disagree or cannot all be true.

Each finding names the events or claims on every side and their spans, so a
reader sees the evidence, not just the verdict.
"""

from __future__ import annotations

from itertools import combinations

from casework.extract.timexes import timex_date
from casework.model import Document, Event, Finding

EXTRACTOR = "casework.findings.v1"


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
        if va == vb or va.startswith(vb) or vb.startswith(va):
            continue
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
    out = []
    for acc in doc.accounts:
        due = timex_date(acc.date)
        if due is None:
            continue
        for ev in doc.events:
            when = timex_date(ev.date.value if ev.date else None)
            if ev.type != "travel" or acc.subject not in ev.subject or when is None or when <= due:
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
    for rel in (e for e in doc.events if e.type == "release"):
        freed = timex_date(rel.date.value if rel.date else None)
        for det in (e for e in doc.events if e.type == "detention"):
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
