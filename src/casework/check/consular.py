"""The consular clock: when the person was detained, when their own state first knew, when it
first acted (a summons, a note, a call, a demand, a consular visit), and the days between.

Every point carries the sentence and report it rests on; a point no report dates says so
("unknown, because no report dates the detention") rather than counting from a guess.
The person's own state is recognised from their nationality: a body or official whose name,
title or state names that country, or an official titled minister (of no state named) in a
report that names that country's body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from casework.check.relative import relative_day
from casework.model import Case, CaseEvent, CaseFinding, ClockPoint, ConsularClock, Document, Entity, Evidence
from casework.ontology import load_gazetteer, load_ontology, types_with
from casework.status import CUSTODY, calendar_value, report_day

_BODY = re.compile(
    r"\b(?:minist\w*|embass\w*|consul\w*|foreign|ambassador|envoy|diplomat\w*|government)\b", re.I
)
UNKNOWN_DETENTION = "unknown, because no report dates the detention"


def _states(ent: Entity) -> set[str]:
    gaz = load_gazetteer()
    text = " ".join(
        [ent.name, *ent.aliases, str(ent.attributes.get("title", "")), str(ent.attributes.get("state", ""))]
    )
    return {c for c in (gaz.country_of(w) for w in re.findall(r"[A-Z][\w-]+", text)) if c}


def home_state_ids(doc: Document, countries: set[str]) -> set[str]:
    """The entities of this report that speak or act for the person's own state."""
    named = {e.id for e in doc.entities if e.kind != "place" and countries & _states(e)}
    if not named:
        return set()
    # "Deputy Minister Azizbek Madmarov" beside the Kyrgyz ministry: an official of no other state
    # an official by title only: "the ministry" of a report may be any state's, so bodies need a name
    untitled = {
        e.id
        for e in doc.entities
        if e.kind == "person" and not _states(e) and _BODY.search(str(e.attributes.get("title", "")))
    }
    return named | untitled


def _evidence(doc: Document, span: tuple[int, int], group: str) -> Evidence:
    return Evidence(doc.id, span, doc.text[span[0] : span[1]], doc.published, group)


def _day_after(doc: Document, start: int, end: int) -> str | None:
    """The first calendar day written in text[start:end] (the date of what a phrase says)."""
    days = [
        t.value
        for t in doc.timexes
        if start <= t.start < end and t.value and len(calendar_value(t.value) or "") == 10
    ]
    return days[0] if days else None


def _says(kind: str, text: str) -> re.Match[str] | None:
    for p in load_ontology().case_checks.get(kind, ()):
        m = p.search(text)
        if m:
            return m
    return None


def _sentences(doc: Document, home: set[str]) -> list[tuple[tuple[int, int], bool]]:
    """The report's claim and event sentences, each with whether the home state says or does it."""
    out: dict[tuple[int, int], bool] = {}
    for c in doc.claims:
        span = c.sentence if c.sentence != (0, 0) else c.span
        out[span] = out.get(span, False) or c.speaker in home
    for ev in doc.events:
        out[ev.sentence] = out.get(ev.sentence, False) or bool(home & {*ev.agent, ev.source})
    return sorted(out.items())


def _first(points: list[ClockPoint]) -> ClockPoint | None:
    dated = [p for p in points if p.day]
    return min(dated, key=lambda p: p.day or "") if dated else (points[0] if points else None)


def _days(a: ClockPoint, b: ClockPoint | None) -> int | None:
    if b is None or not a.day or not b.day or len(a.day) < 10 or len(b.day) < 10:
        return None
    return (date.fromisoformat(b.day[:10]) - date.fromisoformat(a.day[:10])).days


_START = "detention"  # the clock's first point, as exports and the page name it (not an event type)


def _detained(case: Case) -> ClockPoint:
    held = [e for e in case.events if _custody(e)]
    dated = [(d, e) for e in held if (d := calendar_value(e.date)) and len(d) == 10]
    dated.sort(key=lambda pair: pair[0])
    if dated:
        day, ev = dated[0]
        return ClockPoint(_START, day, ev.evidence, f"per {ev.stated_by or 'the report'}")
    custody = types_with("custody")
    first = next((e for e in held if e.type in custody), held[0] if held else None)
    return ClockPoint(_START, None, first.evidence if first else None, UNKNOWN_DETENTION)


def _custody(ev: CaseEvent) -> bool:
    et = load_ontology().events.get(ev.type)
    return bool(et and et.status in CUSTODY)


@dataclass
class _Heard:
    """What the reports of a case say about the home state: when it knew and acted, and the rest."""

    knew: list[ClockPoint] = field(default_factory=list)
    acted: list[ClockPoint] = field(default_factory=list)
    not_informed: list[Evidence] = field(default_factory=list)
    no_access: list[Evidence] = field(default_factory=list)
    informed: list[tuple[str, Evidence]] = field(default_factory=list)  # another state: "we informed"


def _home_acts(
    case: Case, doc: Document, home: set[str], group: str, heard: _Heard, shown: set[object]
) -> None:
    """Summons, notes, calls and demands by the home state; each on the timeline too, even when the
    event names no subject (the summons "about the detention")."""
    onto = load_ontology()
    for ev in doc.events:
        et = onto.events.get(ev.type)
        if not (et and et.home_state_act and home & {*ev.agent, ev.source}):
            continue
        day = calendar_value(ev.date.value if ev.date else None)
        evidence = _evidence(doc, ev.sentence, group)
        who = ", ".join(e.name for e in (doc.entity(a) for a in ev.agent) if e) or "the home state"
        note = f"{ev.type.replace('_', ' ')} by {who}" + ("" if day else " (by the report's date)")
        heard.acted.append(ClockPoint("home state acted", day or doc.published, evidence, note))
        if (group, ev.type, day) not in shown:  # a wire copy adds no event
            shown.add((group, ev.type, day))
            case.events.append(
                CaseEvent(ev.type, day, None, [who], evidence, placed=None if day else report_day(doc))
            )


def _home_words(case: Case, doc: Document, home: set[str], group: str, heard: _Heard) -> None:
    """The home state's word of when it knew, its consular visits, and any report of no notice or access."""
    for span, by_home in _sentences(doc, home):
        text = doc.text[span[0] : span[1]]
        evidence = _evidence(doc, span, group)
        if by_home and (m := _says("home_state_knew", text)):
            day, note = _day_after(doc, span[0] + m.start(), span[1]), ""
            if day is None and (counted := relative_day(text, case)):
                day, note = counted[0], f"counted from the {counted[1]}"
            note = note or ("" if day else "by the report's date")
            heard.knew.append(ClockPoint("home state knew", day or doc.published, evidence, note))
        if by_home and (m := _says("consular_visit", text)):
            day = _day_after(doc, span[0] + m.start(), span[1])
            heard.acted.append(
                ClockPoint("home state acted", day or doc.published, evidence, "consular visit")
            )
        if _says("not_informed", text):
            heard.not_informed.append(evidence)
        if _says("no_consular_access", text):
            heard.no_access.append(evidence)


def _other_states_word(doc: Document, home: set[str], group: str, heard: _Heard) -> None:
    """Another speaker's word that the home state was informed (to set against "not informed")."""
    for c in doc.claims:
        span = c.sentence if c.sentence != (0, 0) else c.span
        text = doc.text[span[0] : span[1]]
        if c.speaker not in home and _says("informed_home_state", text) and not _says("not_informed", text):
            speaker = doc.entity(c.speaker)
            heard.informed.append((speaker.name if speaker else c.speaker_text, _evidence(doc, span, group)))


def consular_clock(case: Case, docs: list[Document], groups: dict[str, str]) -> list[CaseFinding]:
    """Sets `case.consular` and `case.consular_days`; returns the clock's findings."""
    countries = set(case.profile.get("nationality", []))
    heard = _Heard()
    shown: set[object] = {(e.evidence.source_group, e.type, e.date) for e in case.events}
    for doc in docs:
        home = home_state_ids(doc, countries)
        group = groups.get(doc.id, doc.id)
        if home:
            _home_acts(case, doc, home, group, heard, shown)
        _home_words(case, doc, home, group, heard)
        _other_states_word(doc, home, group, heard)
    detained = _detained(case)
    first_knew, first_act = _first(heard.knew), _first(heard.acted)
    clock = ConsularClock(
        detained, first_knew, first_act, _days(detained, first_knew), _days(detained, first_act)
    )
    case.consular = clock
    known = [d for d in (clock.days_to_knew, clock.days_to_act) if d is not None]
    case.consular_days = min(known) if known else None
    state = " / ".join(sorted(countries)) or "the home state"
    found = _notice_findings(case, heard, state)
    if first_knew or first_act:
        found.append(_clock_finding(case, clock, state))
    return found


def _notice_findings(case: Case, heard: _Heard, state: str) -> list[CaseFinding]:
    """Not informed, who says it was informed, no consular access: each with its sentences."""
    not_informed, informed, no_access = heard.not_informed, heard.informed, heard.no_access
    found: list[CaseFinding] = []
    if not_informed:
        found.append(
            CaseFinding(
                "not_informed",
                f"reports say {case.name}'s own state was not informed",
                not_informed,
                [state] * len(not_informed),
            )
        )
    if not_informed and informed:
        who, said = informed[0]
        found.append(
            CaseFinding(
                "notification_disputed",
                f"whether {state} was told of {case.name}'s detention: not informed, per {state}; "
                f"informed, per {who}",
                [not_informed[0], said],
                [state, who],
            )
        )
    if no_access:
        found.append(
            CaseFinding(
                "no_consular_access",
                f"reports say {state} had no consular access to {case.name}",
                no_access,
                [state] * len(no_access),
            )
        )
    return found


def _clock_finding(case: Case, clock: ConsularClock, state: str) -> CaseFinding:
    d = clock.detained
    parts = [f"detention {d.day} ({d.note})" if d.day else f"detention date {UNKNOWN_DETENTION}"]
    for point, days in ((clock.knew, clock.days_to_knew), (clock.acted, clock.days_to_act)):
        if point is None:
            continue
        what = "first knew" if point.what == "home state knew" else "first acted"
        note = f", {point.note}" if point.note else ""
        after = f", {days} days after the detention" if days is not None else ""
        parts.append(f"{state} {what} {point.day or 'on a day no report gives'}{note}{after}")
    evidence = [p.evidence for p in (d, clock.knew, clock.acted) if p and p.evidence]
    sides = [p.what for p in (d, clock.knew, clock.acted) if p and p.evidence]
    head = (
        f"{case.consular_days} days from detention to the first report that {state} knew or acted: "
        if case.consular_days is not None
        else ""
    )
    return CaseFinding("consular_clock", head + "; ".join(parts), evidence, sides)
