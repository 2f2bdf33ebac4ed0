"""A case's course: its events in the order the reports tell them, and the status after the latest one.

Dated events go by their date. An undated event happened by the time its report
was written: it is placed at its report's date (or, when the report has none, at
the latest date the report gives), and events the dates cannot order go by the
stage of a case they stand for (ontology `stage:`), then by their order in the
report. What each type makes of the status is the ontology's `status:` key.
"""

from __future__ import annotations

import re
from datetime import date

from casework.model import CaseEvent, CaseStatus, Document, Evidence
from casework.ontology import load_ontology

CUSTODY = frozenset({"detained", "charged", "on trial", "sentenced"})  # one stretch in custody
_DAY = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def calendar_value(value: str | None) -> str | None:
    """The year, month or day a value names ("2022", "2022-01", "2022-01-10"), else None."""
    if not value:
        return None
    head = value[:10]
    return head if _DAY.match(head) else None


def report_day(doc: Document) -> str | None:
    """The day an undated event of this report is placed by: its date, else the latest date it gives."""
    if doc.published:
        return doc.published
    days = [d for d in (calendar_value(e.date.value) for e in doc.events if e.date) if d]
    return max(days) if days else None


def when(ev: CaseEvent) -> str:
    """Where an event stands on the case's time line: its date, else the date it is known by."""
    return calendar_value(ev.date) or ev.placed or ""


def order_key(ev: CaseEvent) -> tuple[str, int, str, str, int]:
    et = load_ontology().events.get(ev.type)
    stage = et.stage if et else 2
    return (when(ev), stage, ev.evidence.published or "", ev.evidence.document_id, ev.evidence.span[0])


def order_events(events: list[CaseEvent]) -> list[CaseEvent]:
    return sorted(events, key=order_key)


def status_given(ev: CaseEvent) -> str | None:
    et = load_ontology().events.get(ev.type)
    return et.status if et else None


def undone(ev: CaseEvent) -> bool:
    """The extractor marked it undone, or its sentence says so ("that decision was thrown out")."""
    et = load_ontology().events.get(ev.type)
    return ev.undone or bool(et and any(p.search(ev.evidence.text) for p in et.undone_in_sentence))


def still_held(ev: CaseEvent) -> bool:
    """The event's sentence says the person is held now ("remains in custody")."""
    return any(p.search(ev.evidence.text) for p in load_ontology().case_checks.get("still_held", ()))


def _family(state: str) -> str:
    return "custody" if state in CUSTODY else state


def _source(ev: CaseEvent) -> tuple[str, str]:
    return (ev.evidence.source_group or ev.evidence.document_id, ev.stated_by or "")


def _short_day(value: str | None) -> str:
    day = calendar_value(value)
    if day and len(day) == 10:
        d = date.fromisoformat(day)
        return f"{d.day} {d:%b} {d.year}"
    return day or ""


def whereabouts_note(ev: CaseEvent) -> str:
    """ "whereabouts unknown (per relatives, 9 Jan 2022)": what a report of unknown whereabouts says."""
    said = [
        w for w in (ev.stated_by and f"per {ev.stated_by}", _short_day(ev.date or ev.evidence.published)) if w
    ]
    return "whereabouts unknown" + (f" ({', '.join(said)})" if said else "")


def assess_status(timeline: list[CaseEvent]) -> CaseStatus:
    """The state after the latest status-giving event, the dates it is known for, and its sources.

    `timeline` is in order (`order_events`). "missing" heads the status only when the report of
    unknown whereabouts comes after the last custody event; otherwise it is a note beside it.
    """
    giving = [e for e in timeline if status_given(e)]
    # an undone conviction takes every earlier statement of it with it
    cancelled: set[int] = set()
    for ev in giving:
        if undone(ev):
            cancelled |= {id(e) for e in giving if e.type == ev.type and order_key(e) <= order_key(ev)}
            cancelled |= {id(e) for e in giving if e.type == ev.type and when(e) <= when(ev)}
    return _assess([e for e in giving if id(e) not in cancelled])


def _assess(giving: list[CaseEvent]) -> CaseStatus:
    custody = [e for e in giving if status_given(e) in CUSTODY]
    notes: list[str] = []
    kept: list[CaseEvent] = []
    for ev in giving:
        if status_given(ev) == "missing":
            later_than_custody = not custody or (
                when(ev) > when(custody[-1]) and ev.evidence.document_id != custody[-1].evidence.document_id
            )
            after_it = [e for e in giving if status_given(e) != "missing" and order_key(e) > order_key(ev)]
            if not later_than_custody or after_it:
                # a note while the person is (still) held; a later release or death answers it
                if not any(status_given(e) not in CUSTODY for e in after_it):
                    notes.append(whereabouts_note(ev))
                continue
        kept.append(ev)
    if not kept:
        return CaseStatus("unknown", notes=notes)
    dead = [e for e in kept if status_given(e) == "dead"]
    if dead:  # a death ends the case whatever is reported after it
        return _stretch("dead", dead, notes)
    last = kept[-1]
    # each source's own last word at the latest point of the case: do they agree? A past arrest
    # told beside a release is the release's past; only a word of present custody ("remains in
    # custody") stands against it, and two different outcomes (released, deported) against each other.
    latest = when(last)
    last_word: dict[tuple[str, str], CaseEvent] = {}
    for ev in kept:
        if when(ev) == latest:
            last_word[_source(ev)] = ev
    outcomes = {
        status_given(e) or "": e for e in last_word.values() if _family(status_given(e) or "") != "custody"
    }
    held_now = [
        e for e in last_word.values() if _family(status_given(e) or "") == "custody" and still_held(e)
    ]
    if len(outcomes) > 1 or (outcomes and held_now):
        sides = [(status_given(e) or "", e.evidence) for e in [*outcomes.values(), *held_now[:1]]]
        return CaseStatus("disputed", latest or None, None, [e for _, e in sides], sides=sides, notes=notes)
    state = status_given(last) or "unknown"
    stretch: list[CaseEvent] = []
    for ev in reversed(kept):
        if _family(status_given(ev) or "") != _family(state):
            break
        stretch.append(ev)
    same = [e for e in stretch if status_given(e) == state] or [last]
    return _stretch(state, same, notes)


def _stretch(state: str, events: list[CaseEvent], notes: list[str]) -> CaseStatus:
    dated = sorted(d for d in (calendar_value(e.date) for e in events) if d)
    reported = sorted(p for p in (e.evidence.published for e in events) if p)
    sources: list[Evidence] = []
    for e in events:
        if all(e.evidence is not s for s in sources):
            sources.append(e.evidence)
    return CaseStatus(
        state,
        since=dated[0] if dated else None,
        by=None if dated else (reported[0] if reported else None),
        sources=sources,
        notes=notes,
    )
