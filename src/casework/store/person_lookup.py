"""The people and reports a typed reference may mean, as the store can tell: by id, id prefix or a
name as written. The spelling-aware matching over these rows is lookup.py's."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import ColumnElement, Connection, and_, func, or_, select

from casework.store import schema as t


def case_list_written(conn: Connection) -> bool:
    """The case list holds at least one case (before that, every person counts as one)."""
    return conn.execute(select(t.case_summaries.c.case_id).limit(1)).first() is not None


def _people_where(
    conn: Connection, where: ColumnElement[bool], cases_only: bool, limit: int = 50
) -> list[str]:
    pl, e = t.person_links.c, t.entities.c
    query = select(pl.person_id).join(t.entities, and_(e.document_id == pl.document_id, e.id == pl.entity_id))
    query = (
        query.where(where, pl.person_id.in_(select(t.case_summaries.c.case_id)))
        if cases_only
        else query.where(where)
    )
    return sorted(set(conn.execute(query.distinct().limit(limit)).scalars()))


def people_with_id(conn: Connection, ref: str, *, cases_only: bool) -> list[str]:
    """REF itself, when it is a person's id (with CASES_ONLY: a person with a case)."""
    return _people_where(conn, t.person_links.c.person_id == ref, cases_only, 1)


def people_with_id_prefix(conn: Connection, prefix: str, *, cases_only: bool, limit: int) -> list[str]:
    """Person ids that start with PREFIX, at most LIMIT."""
    return _people_where(conn, t.person_links.c.person_id.startswith(prefix), cases_only, limit)


def people_named(conn: Connection, name: str, *, cases_only: bool) -> list[str]:
    """People a report names exactly so (NAME in lower case), or whose fullest name it is."""
    pl, e = t.person_links.c, t.entities.c
    return _people_where(conn, or_(func.lower(e.name) == name, func.lower(pl.name) == name), cases_only)


def people_with_name_word(conn: Connection, word: str, *, cases_only: bool) -> list[str]:
    """People one word of whose fullest name is WORD (in lower case): a scan in SQL, not Python."""
    name = func.lower(t.person_links.c.name)
    match = or_(name.endswith(" " + word, autoescape=True), name.startswith(word + " ", autoescape=True),
                name.contains(" " + word + " ", autoescape=True))  # fmt: skip
    return _people_where(conn, match, cases_only)


def people_and_names(conn: Connection, *, cases_only: bool) -> list[tuple[str, str | None]]:
    """(person id, fullest name) of everyone (with CASES_ONLY: everyone with a case)."""
    pl = t.person_links.c
    query = select(pl.person_id, pl.name).distinct()
    if cases_only:
        query = query.where(pl.person_id.in_(select(t.case_summaries.c.case_id)))
    return [(pid, name) for pid, name in conn.execute(query)]


def names_of_people(conn: Connection, ids: list[str]) -> dict[str, set[str]]:
    """Person id -> the fullest names resolution gave them (the id where it gave none)."""
    pl = t.person_links.c
    names: dict[str, set[str]] = defaultdict(set)
    for pid, name in conn.execute(select(pl.person_id, pl.name).where(pl.person_id.in_(ids)).distinct()):
        names[pid].add(name or pid)
    return names


def person_with_id_or_name(conn: Connection, ref: str) -> str | None:
    """The person whose id is REF, else one a report names REF (any case of letters)."""
    pl, e = t.person_links.c, t.entities.c
    if conn.execute(select(pl.person_id).where(pl.person_id == ref).limit(1)).scalar() is not None:
        return ref
    row = conn.execute(
        select(pl.person_id)
        .join(t.entities, and_(e.document_id == pl.document_id, e.id == pl.entity_id))
        .where(func.lower(e.name) == ref.lower())
        .limit(1)
    ).scalar()
    return str(row) if row is not None else None


def report_exists(conn: Connection, doc_id: str) -> bool:
    d = t.documents.c
    return conn.execute(select(d.id).where(d.id == doc_id)).scalar() is not None


def reports_with_id_prefix(conn: Connection, prefix: str, limit: int) -> list[tuple[str, str]]:
    """(id, title) of the reports whose id starts with PREFIX, by id, at most LIMIT."""
    d = t.documents.c
    rows = conn.execute(select(d.id, d.title).where(d.id.startswith(prefix)).order_by(d.id).limit(limit))
    return [(r[0], r[1] or "") for r in rows]
