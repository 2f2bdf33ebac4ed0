"""Case files: each person who is the subject of a detention-type event, followed across every report.

Reads the store only (documents, their extracted rows, and the person links
that `casework resolve` wrote); the checks across reports are in check/case_checks.py.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from casework.check.carried import report_findings
from casework.check.case_checks import check_case
from casework.check.relative import date_from_other_events
from casework.check.support import count_support
from casework.errors import BadRequest, NotFound
from casework.lookup import find_people
from casework.model import (
    Case,
    CaseClaim,
    CaseEvent,
    CaseFinding,
    Claim,
    Document,
    Event,
    Evidence,
    RejectedFact,
)
from casework.ontology import case_types
from casework.review.overlay import ReviewOverlay
from casework.review.weigh import save_queue
from casework.status import calendar_value, report_day
from casework.store.case_rows import SORTS as SORTS
from casework.store.case_rows import CaseFilter as CaseFilter
from casework.store.case_rows import CaseSummary as CaseSummary
from casework.store.case_rows import (
    case_summaries,
    case_summary_count,
    event_subjects,
    held_people_among,
    replace_case_summaries,
)
from casework.store.database import Store
from casework.store.documents import load_document, save_document
from casework.store.people import fullest_names, mentions_by_person, person_of_each_mention
from casework.store.person_lookup import person_with_id_or_name
from casework.store.report_rows import first_copies
from casework.store.resolution_mark import clear_all_pending, full_rebuild_finished


@dataclass
class _Person:
    id: str
    mentions: list[tuple[str, str]] = field(default_factory=list)  # (document id, entity id)


def _people(conn: Connection, person_ids: list[str] | None = None) -> dict[str, _Person]:
    return {pid: _Person(pid, mentions) for pid, mentions in mentions_by_person(conn, person_ids).items()}


def case_person_ids(conn: Connection, review: ReviewOverlay | None = None) -> list[str]:
    """People who are the subject of a detention-type event somewhere in the store, as reviewers left
    it: a report with decisions on it is read with them laid over; a person rejected as no detainee
    has no case."""
    review = review or ReviewOverlay.load(conn)
    person_of = person_of_each_mention(conn)
    found: set[str] = set()
    for doc_id, subject in event_subjects(conn, case_types()):
        if review.touches(doc_id):
            continue
        for ent_id in subject:
            pid = person_of.get((doc_id, ent_id))
            if pid:
                found.add(pid)
    for doc_id in [d for d in review.on_document if review.touches(d)]:
        doc = load_document(conn, doc_id)
        if doc is None:
            continue
        review.apply(doc)
        for event in doc.events:
            if event.type in case_types():
                found.update(p for p in (person_of.get((doc_id, e)) for e in event.subject) if p)
    return sorted(found - review.rejected_people())


class _Docs:
    """Documents loaded once per command, whatever the number of cases that cite them."""

    def __init__(
        self, conn: Connection, only: list[str] | None = None, review: ReviewOverlay | None = None
    ) -> None:
        self.conn = conn
        self.cache: dict[str, Document] = {}
        self.group = first_copies(conn, only)
        self.review = review or ReviewOverlay.load(conn)

    def get(self, doc_id: str) -> Document:
        if doc_id not in self.cache:
            doc = load_document(self.conn, doc_id)
            if doc is None:  # a person link to a report deleted since: the store needs `casework resolve`
                raise NotFound(f"report {doc_id} is linked to a person but not in the store")
            self.review.apply(doc)  # reviewers' decisions win over what was extracted
            self.cache[doc_id] = doc
        return self.cache[doc_id]

    def evidence(self, doc: Document, span: tuple[int, int]) -> Evidence:
        return Evidence(
            doc.id, span, doc.text[span[0] : span[1]], doc.published, self.group.get(doc.id, doc.id)
        )


def _name(doc: Document, ent_id: str | None, global_names: dict[tuple[str, str], str]) -> str | None:
    ent = doc.entity(ent_id)
    if ent is None:
        return None
    return global_names.get((doc.id, ent.id), ent.name)


_POSSESSED = re.compile(
    r"\w['’]s?\s|\b(?:his|her|their)\s", re.IGNORECASE
)  # "Osmonov's family", "his lawyers"


def _bodies(doc: Document, ev: Event, global_names: dict[tuple[str, str], str]) -> list[str]:
    """The event's agents that act as an authority: not a group that is someone's ("Osmonov's
    family", "his lawyers"), who may act in a case without being officials or bodies of a state."""
    out = []
    for x in ev.agent:
        ent = doc.entity(x)
        if (
            ent is not None
            and ent.kind == "group"
            and (ent.attributes.get("of") or _POSSESSED.search(ent.name))
        ):
            continue
        name = _name(doc, x, global_names)
        if name:
            out.append(name)
    return out


def _copied(seen: dict[tuple[object, ...], str], key: tuple[object, ...], doc_id: str) -> bool:
    """True when another copy of this report (same near-duplicate group) already stated this fact:
    a wire copy repeats its original, it does not add to the timeline or the claims."""
    first = seen.setdefault(key, doc_id)
    return first != doc_id


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _about(doc: Document, c: Claim, ent_id: str, own: list[Event]) -> bool:
    """A claim by the person, about them (naming them, or a "he" that stands for them), or
    stating one of their events ("he had travelled ...")."""
    if c.speaker == ent_id or ent_id in c.about:
        return True
    if any(c.span[0] <= s < c.span[1] for s, _ in _mentions(doc, ent_id)):
        return True
    return any(
        ev.source == c.speaker and ev.sentence[0] <= c.span[0] < ev.sentence[1] for ev in own if ev.source
    )


def _mentions(doc: Document, ent_id: str) -> list[tuple[int, int]]:
    ent = doc.entity(ent_id)
    return ent.mentions if ent else []


def build_case(person: _Person, docs: _Docs, global_names: dict[tuple[str, str], str]) -> Case:
    names: list[str] = []
    profile: dict[str, list[str]] = defaultdict(list)
    events: list[CaseEvent] = []
    claims: list[CaseClaim] = []
    officials: list[str] = []
    sources: list[Evidence] = []
    case = Case(person.id, "", [], {}, [], [], [], [])
    seen: dict[tuple[object, ...], str] = {}  # what a near-duplicate group already said, and in which copy
    within: list[CaseFinding] = []
    for doc_id, ent_id in sorted(person.mentions):
        doc = docs.get(doc_id)
        ent = doc.entity(ent_id)
        if ent is None:
            continue
        for n in [ent.name, *ent.aliases]:
            if n not in names:
                names.append(n)
        for key in ("nationality", "ethnicity", "occupation"):
            value = ent.attributes.get(key)
            for v in value if isinstance(value, list) else [value] if value else []:
                if str(v) not in profile[key]:
                    profile[key].append(str(v))
        case.mentions.append((doc.id, ent.name))
        label = doc.title or doc.text[:80]
        group = docs.group.get(doc.id, doc.id)
        sources.append(Evidence(doc.id, (0, 0), label, doc.published, group))
        placed = report_day(doc)
        own = [ev for ev in doc.events if ent_id in ev.subject]
        for ev in own:
            case.review.decisions.extend(docs.review.decisions_on(doc.id, "event", ev.id))
            agents = [a for a in (_name(doc, x, global_names) for x in ev.agent) if a]
            date = ev.date.value if ev.date else None
            if _copied(
                seen,
                (group, "event", ev.type, date, ev.place, ev.source and _name(doc, ev.source, global_names)),
                doc.id,
            ):
                continue
            events.append(
                CaseEvent(
                    type=ev.type,
                    date=date,
                    place=_name(doc, ev.place, global_names) or ev.place,
                    agents=agents,
                    evidence=docs.evidence(doc, ev.sentence),
                    stated_by=_name(doc, ev.source, global_names),
                    grounds=str(ev.attributes["grounds"]) if ev.attributes.get("grounds") else None,
                    placed=None if calendar_value(date) else placed,
                    anchor=str(ev.attributes["anchor"]) if ev.attributes.get("anchor") else None,
                    undone=bool(ev.attributes.get("undone")),
                    subject_guessed="subject_by" in ev.attributes,
                    ref=f"{doc.id}:{ev.id}",
                    review=docs.review.mark(doc.id, "event", ev.id),
                )
            )
            officials.extend(a for a in _bodies(doc, ev, global_names) if a not in officials)
        about = [c for c in doc.claims if _about(doc, c, ent_id, own)]
        for c in about:
            case.review.decisions.extend(docs.review.decisions_on(doc.id, "claim", c.id))
            speaker = _name(doc, c.speaker, global_names) or c.speaker_text
            if _copied(seen, (group, "claim", speaker, _words(c.content)), doc.id):
                continue
            claims.append(
                CaseClaim(
                    speaker, c.content, list(c.flags), docs.evidence(doc, c.sentence),
                    ref=f"{doc.id}:{c.id}", review=docs.review.mark(doc.id, "claim", c.id),
                )
            )  # fmt: skip
        _rejected_here(case, docs, doc, ent_id, own)
        for a in doc.accounts:
            if a.subject == ent_id:
                case.accounts.append((a, docs.evidence(doc, a.span)))
        ids = {e.id for e in own} | {c.id for c in about}
        found = report_findings(
            doc,
            ids,
            lambda x, d=doc: _name(d, x, global_names),  # type: ignore[misc]
            lambda span, d=doc: docs.evidence(d, span),  # type: ignore[misc]
        )
        within.extend(f for f in found if not _copied(seen, (group, "finding", f.kind, f.message), doc.id))
    case.name = max(names, key=lambda n: (len(n.split()), len(n))) if names else person.id
    case.names = names
    case.profile = dict(profile)
    case.events = events
    case.claims = claims
    case.officials = officials
    case.sources = sources
    date_from_other_events(case)
    count_support(case)
    check_case(case, [docs.get(d) for d in sorted({d for d, _ in person.mentions})])
    case.findings = [*within, *case.findings]
    docs.review.apply_to_case(case, person.id)
    return case


def _rejected_here(case: Case, docs: _Docs, doc: Document, ent_id: str, own: list[Event]) -> None:
    """The facts of this report a reviewer rejected for this person: listed, out of the case."""
    for r in docs.review.rejected.get(doc.id, []):
        concerns = ent_id in r.subjects if r.claim is None else _about(doc, r.claim, ent_id, own)
        if concerns:
            d = r.decision
            case.review.decisions.append(d.id)
            case.review.rejected.append(
                RejectedFact(d.id, r.fact, r.label, d.reason or "", d.reviewer, d.created_at,
                             docs.evidence(doc, r.sentence))
            )  # fmt: skip


def load_cases(conn: Connection, only: str | None = None, review: ReviewOverlay | None = None) -> list[Case]:
    """Every case in the store (or the one whose id or name is `only`), findings included."""
    people = _people(conn)
    docs = _Docs(conn, review=review)
    global_names = fullest_names(conn)
    best = {
        pid: global_names[p.mentions[0]]
        for pid, p in people.items()
        if p.mentions and p.mentions[0] in global_names
    }
    out = []
    for pid in case_person_ids(conn, docs.review):
        if only and only != pid and only.casefold() != best.get(pid, "").casefold():
            continue
        out.append(build_case(people[pid], docs, global_names))
    return out


def find_person(conn: Connection, ref: str) -> str | None:
    """A case id, or a person's name as any report writes it."""
    return person_with_id_or_name(conn, ref)


def load_case(conn: Connection, ref: str) -> Case | None:
    """One case file, reading only the reports about that person (what `casework show` needs)."""
    pid = find_person(conn, ref)
    if pid is None:
        return None
    person = _people(conn, [pid]).get(pid, _Person(pid))
    doc_ids = sorted({d for d, _ in person.mentions})
    docs = _Docs(conn, doc_ids, ReviewOverlay.load(conn, doc_ids))
    case = build_case(person, docs, fullest_names(conn, doc_ids))
    held = any(ev.type in case_types() for ev in case.events)
    return case if held and pid not in docs.review.rejected_people() else None


def update_cases(store: Store) -> int:
    """Resolve who is who again, then rewrite the case list; returns the number of cases (flow.py)."""
    from casework.flow import update_cases as corpus_flow  # the flow imports this module

    return corpus_flow(store)


def cases_of_reports(docs: Iterable[Document], db: Path) -> list[Case]:
    """The cases `casework ingest` would open for these reports alone, built through a new SQLite
    store at DB (the evaluation and the tests read cases this way)."""
    store = Store(f"sqlite:///{db}")
    try:
        with store.write() as conn:
            for doc in docs:
                save_document(conn, doc)
        update_cases(store)
        with store.read() as conn:
            return load_cases(conn)
    finally:
        store.close()


def summary_row(c: Case) -> dict[str, Any]:
    """A case's row of case_summaries."""
    return {
        "case_id": c.id,
        "name": c.name,
        "status": c.status,
        "since": c.since,
        "place": c.where,
        "nationality": ", ".join(c.profile.get("nationality", [])),
        "sources": c.source_groups,
        "findings": len(c.findings),
        "consular_days": c.consular_days,
    }


def summarise_cases(store: Store) -> int:
    """Rewrite the case list from the store as it is now, and log what changed in each case."""
    from casework.changes import record_changes  # the change log reads cases; cases do not need it

    with store.write() as conn:
        cases = load_cases(conn)
        rows = [summary_row(c) for c in cases]
        replace_case_summaries(conn, rows)
        save_queue(conn, cases)  # what is left to review, weighed, beside the list
        clear_all_pending(conn)  # every stored report is in these cases now
        full_rebuild_finished(conn)
        record_changes(conn, cases, rebuilt=None)
    return len(rows)


def held_people(conn: Connection, person_ids: list[str], touched: set[str] | None = None) -> set[str]:
    """Of these people, those who are the subject of a detention-type event in some report (the test
    of case_person_ids, asked of the database).

    With TOUCHED (the reports an incremental update touched): a person with no case snapshot had no
    case before, and their mentions in the other reports are the ones they had then, so only their
    mentions in TOUCHED can make them held now. A person named in thousands of reports who is never
    held then costs a look at the touched reports only."""
    return held_people_among(conn, person_ids, case_types(), touched)


def build_cases(conn: Connection, person_ids: list[str], touched: set[str] | None = None) -> list[Case]:
    """The case files of these people (those who are held somewhere: the others have none), reading
    only their reports: what an incremental update rebuilds (TOUCHED: see held_people)."""
    held = sorted(held_people(conn, person_ids, touched))
    people = {pid: _Person(pid) for pid in held} | _people(conn, held)
    doc_ids = sorted({d for p in people.values() for d, _ in p.mentions})
    docs = _Docs(conn, doc_ids, ReviewOverlay.load(conn, doc_ids))
    names = fullest_names(conn, doc_ids)
    rejected = docs.review.rejected_people()
    built = [build_case(people[pid], docs, names) for pid in sorted(people) if pid not in rejected]
    # as reviewers left it: a case whose every detention-type event was rejected is no case
    return [c for c in built if any(ev.type in case_types() for ev in c.events)]


def _spelled(conn: Connection) -> Callable[[str], list[str]]:
    """The cases a name may mean in a spelling no report uses (Осмонов): the name matcher's."""
    return lambda words: [pid for pid, _ in find_people(conn, words)]


def list_cases(
    conn: Connection,
    where: CaseFilter | None = None,
    *,
    sort: str = "since",
    descending: bool = True,
    limit: int | None = None,
    offset: int = 0,
) -> list[CaseSummary]:
    if sort not in SORTS:
        raise BadRequest(f"cannot sort cases by {sort!r}: one of {', '.join(SORTS)}")
    return case_summaries(
        conn, where or CaseFilter(), sort=sort, descending=descending, limit=limit, offset=offset,
        spelled=_spelled(conn),
    )  # fmt: skip


def count_cases(conn: Connection, where: CaseFilter | None = None) -> int:
    return case_summary_count(conn, where or CaseFilter(), _spelled(conn))
