"""The case list as stored (case_summaries) and the event rows that say who is held: the queries
case_files.py and the pages ask, each named for what it returns."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import Connection, Select, and_, delete, func, insert, literal, select

from casework.store import schema as t
from casework.store.in_lists import chunks
from casework.store.search import people_in_matching_reports

# What a case list may be sorted by: a column of case_summaries each.
SORTS = ("name", "status", "since", "place", "nationality", "sources", "findings", "consular_days")


@dataclass
class CaseSummary:
    """A case as `casework cases` lists it: read from one table, however large the store."""

    id: str
    name: str
    status: str
    since: str | None
    where: str | None
    nationality: list[str]
    sources: int
    findings: int
    consular_days: int | None


@dataclass
class CaseFilter:
    """Which cases a list shows; every field left empty lets all through."""

    status: str | None = None
    country: str | None = None  # a nationality, as reports give it
    place: str | None = None  # where the person is last reported held
    since: str | None = None  # the status dates from this day on ...
    until: str | None = None  # ... and up to this day
    with_findings: bool = False  # only cases with open findings
    query: str | None = None  # words in a name, any spelling of it, or the reports' text


# The people a name may mean in any spelling (lookup.py's matcher), asked only when no report has the words.
Spelled = Callable[[str], Iterable[str]]


class CaseFacts(NamedTuple):
    """What the overview counts of each case."""

    case_id: str
    status: str
    nationality: str | None
    place: str | None


def event_subjects(conn: Connection, types: Collection[str]) -> list[tuple[str, list[str]]]:
    """(document id, subject entity ids) of every stored event of one of TYPES."""
    ev = t.events.c
    rows = conn.execute(select(ev.document_id, ev.subject).where(ev.type.in_(types)))
    return [(doc_id, json.loads(subject)) for doc_id, subject in rows]


def dated_event_subjects(conn: Connection, types: Collection[str]) -> list[tuple[str, list[str], str]]:
    """(document id, subject entity ids, date value) of every stored event of one of TYPES that has a date."""
    ev = t.events.c
    rows = conn.execute(
        select(ev.document_id, ev.subject, ev.date_value).where(
            ev.type.in_(types), ev.date_value.is_not(None)
        )
    )
    return [(doc_id, json.loads(subject), value) for doc_id, subject, value in rows]


def held_people_among(
    conn: Connection, person_ids: list[str], types: Collection[str], touched: set[str] | None = None
) -> set[str]:
    """Of these people, those who are the subject of an event of one of TYPES in some report.

    With TOUCHED (the reports an incremental update touched): a person with no case snapshot had no
    case before, and their mentions in the other reports are the ones they had then, so only their
    mentions in TOUCHED can make them held now. A person named in thousands of reports who is never
    held then costs a look at the touched reports only."""
    pl, ev, s = t.person_links.c, t.events.c, t.case_snapshots.c
    held_mention = and_(
        ev.type.in_(sorted(types)), ev.subject.like(literal('%"') + pl.entity_id + literal('"%'))
    )
    query = (
        select(pl.person_id).distinct().join(t.events, ev.document_id == pl.document_id).where(held_mention)
    )
    wanted = sorted(person_ids)
    full = wanted
    if touched is not None:
        had: set[str] = set()
        for chunk in chunks(wanted):
            had.update(str(x) for x in conn.execute(select(s.case_id).where(s.case_id.in_(chunk))).scalars())
        full = sorted(had)
    out: set[str] = set()
    for chunk in chunks(full):
        out.update(str(p) for p in conn.execute(query.where(pl.person_id.in_(chunk))).scalars())
    if touched is not None:
        rest = set(wanted) - set(full)
        for chunk in chunks(sorted(touched)):
            found = conn.execute(query.where(pl.document_id.in_(chunk))).scalars()
            out.update(str(p) for p in found if p in rest)
    return out


def listed_case_ids(conn: Connection, ids: list[str]) -> set[str]:
    """Those of IDS that are cases in the list now."""
    cs = t.case_summaries.c
    return set(conn.execute(select(cs.case_id).where(cs.case_id.in_(ids))).scalars()) if ids else set()


def replace_case_summaries(conn: Connection, rows: list[dict[str, Any]], of: list[str] | None = None) -> None:
    """The rows of the cases OF go (the whole list when OF is None); ROWS (cases.summary_row each,
    of cases among them or new) come in."""
    cs = t.case_summaries.c
    if of is None:
        conn.execute(delete(t.case_summaries))
    for chunk in chunks(of or []):
        conn.execute(delete(t.case_summaries).where(cs.case_id.in_(chunk)))
    if rows:
        conn.execute(insert(t.case_summaries), rows)


def _where(conn: Connection, query: Select[Any], f: CaseFilter, spelled: Spelled | None) -> Select[Any]:
    c = t.case_summaries.c
    if f.status:
        query = query.where(c.status == f.status.lower())
    if f.country:
        query = query.where(func.lower(c.nationality).contains(f.country.lower(), autoescape=True))
    if f.place:
        query = query.where(func.lower(c.place).contains(f.place.lower(), autoescape=True))
    if f.since:
        query = query.where(c.since >= f.since)
    if f.until:
        query = query.where(c.since <= f.until)
    if f.with_findings:
        query = query.where(c.findings > 0)
    if f.query and f.query.strip():
        words = f.query.strip()
        # the fullest name of the case (autoescape: % and _ are letters here, not LIKE wildcards), or any report that names the person and has the words
        # (the search index holds every name as the reports write it)
        matching = func.lower(c.name).contains(words.lower(), autoescape=True)
        people = people_in_matching_reports(conn, words)
        found = matching | c.case_id.in_(people) if people is not None else matching
        if spelled is not None and conn.execute(select(c.case_id).where(found).limit(1)).first() is None:
            # no report has the words: a spelling the reports do not use (Осмонов), for the name matcher
            found = found | c.case_id.in_(list(spelled(words)))
        query = query.where(found)
    return query


def case_summaries(
    conn: Connection,
    where: CaseFilter,
    *,
    sort: str,
    descending: bool,
    limit: int | None,
    offset: int,
    spelled: Spelled | None = None,
) -> list[CaseSummary]:
    """The rows of the case list WHERE lets through, in this order, this page of them."""
    c = t.case_summaries.c
    column = c[sort]
    order = (column.desc() if descending else column.asc()).nulls_last()
    query = _where(conn, select(t.case_summaries), where, spelled).order_by(order, c.name, c.case_id)
    if limit:
        query = query.limit(limit).offset(offset)
    return [
        CaseSummary(
            r.case_id,
            r.name,
            r.status,
            r.since,
            r.place,
            [n for n in (r.nationality or "").split(", ") if n],
            r.sources,
            r.findings,
            r.consular_days,
        )
        for r in conn.execute(query)
    ]


def case_summary_count(conn: Connection, where: CaseFilter, spelled: Spelled | None = None) -> int:
    """How many rows of the case list WHERE lets through."""
    query = _where(conn, select(func.count()).select_from(t.case_summaries), where, spelled)
    return int(conn.execute(query).scalar() or 0)


def case_facts(conn: Connection) -> list[CaseFacts]:
    """Status, nationality and place of every case in the list."""
    cs = t.case_summaries.c
    rows = conn.execute(select(cs.case_id, cs.status, cs.nationality, cs.place))
    return [CaseFacts(*r) for r in rows]


def cases_of_document(conn: Connection, doc_id: str) -> list[tuple[str, str]]:
    """(case id, name) of every case this report is a source of."""
    pl, cs = t.person_links.c, t.case_summaries.c
    rows = conn.execute(
        select(cs.case_id, cs.name)
        .join(t.person_links, pl.person_id == cs.case_id)
        .where(pl.document_id == doc_id)
        .distinct()
        .order_by(cs.name)
    ).all()
    return [(r[0], r[1]) for r in rows]
