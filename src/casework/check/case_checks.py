"""Checks across reports on one case: what sources disagree on, what rests on one source or on duress,
what stays open, and how long the person's own state took to act (the consular clock).

Every finding carries the evidence from each side.
"""

from __future__ import annotations

import re

from casework.check.consular import consular_clock
from casework.check.disputes import check_disputes, released_before, set_aside_denials
from casework.extract.timexes import timex_date
from casework.languages import words
from casework.model import Case, CaseEvent, CaseFinding, Document, Evidence
from casework.ontology import types_with
from casework.resolve.names import same_word

EN = words("en")  # the English pack: these components serve English


def _groups(events: list[CaseEvent]) -> dict[str, list[CaseEvent]]:
    """One event per near-duplicate group: a wire copy is not a second source."""
    out: dict[str, list[CaseEvent]] = {}
    for ev in events:
        out.setdefault(ev.evidence.source_group, []).append(ev)
    return out


def _who(ev: CaseEvent) -> str:
    return ev.stated_by or ", ".join(ev.agents) or f"report {ev.evidence.document_id[:8]}"


def _date_conflicts(case: Case) -> list[CaseFinding]:
    found = []
    for kind in sorted(types_with("dated_once")):
        dated = [e for e in case.events if e.type == kind and timex_date(e.date)]
        per_group = {g: evs[0] for g, evs in _groups(dated).items()}
        values = {e.date for e in per_group.values()}
        if len(values) > 1:
            sides = sorted(per_group.values(), key=lambda e: e.date or "")
            listed = " vs ".join(
                f"{e.date} ({e.stated_by or 'report ' + e.evidence.document_id[:8]})" for e in sides
            )
            found.append(
                CaseFinding(
                    "date_conflict",
                    f"{kind} of {case.name} dated differently: {listed}",
                    [e.evidence for e in sides],
                    [_who(e) for e in sides],
                )
            )
    return found


def _place_conflicts(case: Case) -> list[CaseFinding]:
    held = [e for e in case.events if e.type in types_with("custody") and e.place]
    distinct: list[CaseEvent] = []
    for e in held:
        if not any(same_word(e.place or "", d.place or "") for d in distinct):
            distinct.append(e)
    if len(distinct) < 2 or len({e.evidence.source_group for e in distinct}) < 2:
        return []
    listed = " vs ".join(f"{e.place} ({e.evidence.document_id[:8]})" for e in distinct)
    return [
        CaseFinding(
            "place_conflict",
            f"where {case.name} was held: {listed}",
            [e.evidence for e in distinct],
            [_who(e) for e in distinct],
        )
    ]


def _account_conflicts(case: Case) -> list[CaseFinding]:
    found = []
    by_aspect: dict[str, list[tuple[frozenset[str], str, Evidence]]] = {}
    for account, ev in case.accounts:
        by_aspect.setdefault(account.aspect, []).append((account.keys, account.value, ev))
    for aspect, items in by_aspect.items():
        distinct: list[tuple[frozenset[str], str, Evidence]] = []
        for keys, value, ev in items:
            if not any(keys & k for k, _, _ in distinct):
                distinct.append((keys, value, ev))
        docs = {ev.source_group for _, _, ev in distinct}
        if len(distinct) > 1 and len(docs) > 1:
            listed = " vs ".join(f"“{v}”" for _, v, _ in distinct)
            found.append(
                CaseFinding(
                    "account_conflict",
                    f"{aspect.replace('_', ' ')} of {case.name}: {listed}",
                    [e for _, _, e in distinct],
                )
            )
    return found


_FUNCTION = EN.set("grounds_function_words")


def _grounds_conflicts(case: Case) -> list[CaseFinding]:
    """The same person held or charged on different grounds by different accounts."""
    stated = [e for e in case.events if e.type in types_with("grounds") and e.grounds]
    distinct: list[tuple[set[str], CaseEvent]] = []
    for e in stated:
        words = {w for w in re.findall(r"[a-z]+", (e.grounds or "").lower()) if w not in _FUNCTION}
        if words and not any(words & w for w, _ in distinct):
            distinct.append((words, e))
    if len(distinct) < 2 or len({e.evidence.source_group for _, e in distinct}) < 2:
        return []
    listed = " vs ".join(f"“{e.grounds}”" for _, e in distinct)
    return [
        CaseFinding(
            "grounds_conflict",
            f"grounds given for holding {case.name}: {listed}",
            [e.evidence for _, e in distinct],
            [_who(e) for _, e in distinct],
        )
    ]


def _sequence(case: Case) -> list[CaseFinding]:
    detained = [e for e in case.events if e.type in types_with("custody") and timex_date(e.date)]
    released = [e for e in case.events if e.type in types_with("ends_custody") and timex_date(e.date)]
    found = []
    first_held = min(detained, key=lambda e: e.date or "") if detained else None
    for arrival in (e for e in case.events if e.type in types_with("movement") and timex_date(e.date)):
        if released_before(case, arrival):
            continue  # the journey home after a release
        if first_held is not None and timex_date(arrival.date) > timex_date(first_held.date):  # type: ignore[operator]
            found.append(
                CaseFinding(
                    "impossible_sequence",
                    f"{case.name} arrived ({arrival.date}) after being detained ({first_held.date})",
                    [arrival.evidence, first_held.evidence],
                )
            )
    for r in released:
        earlier_than = [d for d in detained if timex_date(r.date) < timex_date(d.date)]  # type: ignore[operator]
        if earlier_than and not any(timex_date(d.date) <= timex_date(r.date) for d in detained):  # type: ignore[operator]
            d = earlier_than[0]
            found.append(
                CaseFinding(
                    "impossible_sequence",
                    f"{case.name} released ({r.date}) before detained ({d.date})",
                    [r.evidence, d.evidence],
                )
            )
    return found


def _duress_and_single_source(case: Case) -> list[CaseFinding]:
    found = []
    for c in case.claims:
        if "under_duress" in c.flags:
            found.append(
                CaseFinding(
                    "duress",
                    f"statement by {c.speaker} made under duress: “{c.content[:120]}”",
                    [c.evidence],
                    [c.speaker],
                )
            )
    groups = {s.source_group for s in case.sources}
    if len(groups) > 1:
        # a speaker heard in one report only: the claim rests on that report
        heard: dict[str, set[str]] = {}
        for c in case.claims:
            heard.setdefault(c.speaker, set()).add(c.evidence.source_group)
        for c in case.claims:
            if len(heard[c.speaker]) == 1 and "single_source" not in c.flags:
                c.flags.append("single_source")
        for kind, evs in _by_type(case).items():
            if len({e.evidence.source_group for e in evs}) == 1:
                found.append(
                    CaseFinding(
                        "single_source",
                        f"{kind} of {case.name} rests on one source only",
                        [evs[0].evidence],
                        [_who(evs[0])],
                    )
                )
    return found


def _by_type(case: Case) -> dict[str, list[CaseEvent]]:
    out: dict[str, list[CaseEvent]] = {}
    for e in case.events:
        out.setdefault(e.type, []).append(e)
    return out


def _open_questions(case: Case, docs: list[Document]) -> list[CaseFinding]:
    missing = [e for e in case.events if e.type in types_with("whereabouts")]
    unknown_where = [
        c
        for c in case.claims
        if re.search(
            r"\b(?:not\s+know|unknown|no\s+one\s+knows)\b.*\bwhere\b|\bwhereabouts\b", c.content, re.I
        )
    ]
    if (not missing and not unknown_where) or case.status in ("released", "deported", "dead"):
        return []  # nothing asked, or a later report answers where the person is
    asked = missing[0].evidence if missing else unknown_where[0].evidence
    later = [
        e for e in case.events
        if e.type in types_with("custody") and e.place and (e.evidence.published or "") > (asked.published or "")
    ]  # fmt: skip
    if later:
        return []
    return [CaseFinding("open_question", f"where {case.name} is held is not known from any report", [asked])]


def check_case(case: Case, docs: list[Document]) -> None:
    set_aside_denials(case)
    case.findings = [
        *check_disputes(case),
        *_date_conflicts(case),
        *_place_conflicts(case),
        *_account_conflicts(case),
        *_grounds_conflicts(case),
        *_sequence(case),
        *_duress_and_single_source(case),
        *_open_questions(case, docs),
        *consular_clock(case, docs, {s.document_id: s.source_group for s in case.sources}),
    ]
