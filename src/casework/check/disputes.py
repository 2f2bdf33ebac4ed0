"""Disputes across a case's accounts: ill-treatment alleged and denied, a confession and its
recantation, a release and a later word that the person is still held.

Each finding names both sides with their speakers and sentences; the patterns
that recognise a denial, a recantation or a present custody are the ontology's
`case_checks` (data, so a reader can see and extend them).
"""

from __future__ import annotations

import re

from casework.model import Case, CaseClaim, CaseEvent, CaseFinding, Evidence
from casework.ontology import load_ontology, types_with
from casework.status import calendar_value, when


def _says(kind: str, text: str) -> bool:
    return any(p.search(text) for p in load_ontology().case_checks.get(kind, ()))


def _claims_saying(case: Case, kind: str) -> list[CaseClaim]:
    return [c for c in case.claims if _says(kind, c.content) or _says(kind, c.evidence.text)]


def _side(who: str | None, ev: Evidence) -> str:
    return f"{who or 'the report'} ({ev.document_id[:8]}{', ' + ev.published if ev.published else ''})"


def set_aside_denials(case: Case) -> None:
    """A sentence that denies ill-treatment ("nobody beat me") is not an allegation of it, and a
    recantation ("what I said on camera was not true") is not said under duress."""
    harm = types_with("harm")
    case.events = [
        e for e in case.events if not (e.type in harm and _says("ill_treatment_denied", e.evidence.text))
    ]
    for c in _claims_saying(case, "recantation"):
        if "under_duress" in c.flags:
            c.flags.remove("under_duress")


def _finding(kind: str, message: str, sides: list[tuple[str, Evidence]]) -> CaseFinding:
    return CaseFinding(kind, message, [e for _, e in sides], [w for w, _ in sides])


def ill_treatment_disputed(case: Case) -> list[CaseFinding]:
    told = sorted((e for e in case.events if e.type in types_with("harm")), key=lambda e: e.stated_by is None)
    alleged = [(e.stated_by or "the report", e.evidence) for e in told]  # someone's allegation first
    denied = [(c.speaker, c.evidence) for c in _claims_saying(case, "ill_treatment_denied")]
    if not alleged or not denied:
        return []
    first, against = alleged[0], denied[0]
    return [
        _finding(
            "ill_treatment_disputed",
            f"ill-treatment of {case.name}: alleged by {_side(*first)}, denied by {_side(*against)}",
            [first, against],
        )
    ]


def confession_recanted(case: Case) -> list[CaseFinding]:
    confessed: list[tuple[str, Evidence]] = [
        (e.agents[0] if e.agents else "the report", e.evidence)
        for e in case.events
        if e.type in types_with("statement")
    ]
    confessed += [(c.speaker, c.evidence) for c in case.claims if "under_duress" in c.flags]
    recanted = [(c.speaker, c.evidence) for c in _claims_saying(case, "recantation")]
    if not confessed or not recanted:
        return []
    first, back = confessed[0], recanted[0]
    return [
        _finding(
            "confession_recanted",
            f"confession of {case.name} ({_side(*first)}) taken back: “{_quote(back[1])}” ({_side(*back)})",
            [first, back],
        )
    ]


def custody_after_release(case: Case) -> list[CaseFinding]:
    """A report that the person is still held, written on or after the day another source says
    they were released."""
    found = []
    releases = [e for e in case.events if e.type in types_with("ends_custody")]
    for c in _claims_saying(case, "still_held"):
        said_on = c.evidence.published
        for r in releases:
            freed = calendar_value(r.date) or r.placed
            other = (r.evidence.source_group, r.stated_by) != (c.evidence.source_group, c.speaker)
            if said_on and freed and freed <= said_on and other:
                found.append(
                    _finding(
                        "custody_conflict",
                        f"{case.name} released ({freed}, per {_side(r.stated_by, r.evidence)}) but "
                        f"still held on {said_on} per {_side(c.speaker, c.evidence)}",
                        [(r.stated_by or "the report", r.evidence), (c.speaker, c.evidence)],
                    )
                )
                break
    return found


def _quote(ev: Evidence) -> str:
    return re.sub(r"\s+", " ", ev.text).strip()[:160]


def released_before(case: Case, ev: CaseEvent) -> bool:
    """A release is reported on or before this event's day (a journey home is no impossible arrival)."""
    day = when(ev)
    freed = types_with("ends_custody")
    return any(r.type in freed and when(r) and when(r) <= day for r in case.events)


def check_disputes(case: Case) -> list[CaseFinding]:
    return [*ill_treatment_disputed(case), *confession_recanted(case), *custody_after_release(case)]
