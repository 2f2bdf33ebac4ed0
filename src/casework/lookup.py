"""From what a user types to one case, person or report: an id, an id prefix, or any spelling of a name.

`casework show Osmonov`, `show Осмонов` and `show Pe91e12a` (an id prefix) must all find the
case that lists those spellings, so a name is matched word by word with the
transliteration-aware matcher (resolve/names.py), not compared as a string.
Several matches are an error that lists them, never a silent first pick.
"""

from __future__ import annotations

import re
from collections import defaultdict

from sqlalchemy import ColumnElement, Connection, and_, func, or_, select

from casework.errors import Ambiguous, NotFound
from casework.resolve.names import name_key, same_word
from casework.store import schema as t

MIN_PREFIX = 4  # a shorter prefix is too likely to be a word or a number
_HEX = re.compile(r"^[0-9a-f]+$")
_ID = re.compile(r"^[0-9a-z]+$")
_WORD = re.compile(r"\w+")


def _words(name: str) -> list[str]:
    return _WORD.findall(name.casefold())


def _word_fits(typed: str, written: list[str]) -> bool:
    if len(typed) == 1:  # an initial
        return any(w.startswith(typed) for w in written)
    return any(typed == w or same_word(typed, w) for w in written)


def name_fits(typed: str, name: str) -> bool:
    """Every word the user typed is a spelling (any script) of some word of NAME: "Osmonov", "Осмонов"
    and "D. Osmonov" all fit "Daniyar Osmonov"."""
    typed_words, written = _words(typed), _words(name)
    return bool(typed_words) and all(_word_fits(w, written) for w in typed_words)


def _case_filter(conn: Connection, cases_only: bool) -> ColumnElement[bool] | None:
    """Only people with a case, once the case list is written (before that, everyone)."""
    cs = t.case_summaries.c
    if not cases_only or conn.execute(select(cs.case_id).limit(1)).first() is None:
        return None
    return t.person_links.c.person_id.in_(select(cs.case_id))


def _ids(
    conn: Connection, where: ColumnElement[bool], only: ColumnElement[bool] | None, limit: int = 50
) -> list[str]:
    pl, e = t.person_links.c, t.entities.c
    query = select(pl.person_id).join(t.entities, and_(e.document_id == pl.document_id, e.id == pl.entity_id))
    query = query.where(where) if only is None else query.where(where, only)
    return sorted(set(conn.execute(query.distinct().limit(limit)).scalars()))


def _names_of(conn: Connection, ids: list[str]) -> dict[str, set[str]]:
    pl = t.person_links.c
    names: dict[str, set[str]] = defaultdict(set)
    for pid, name in conn.execute(select(pl.person_id, pl.name).where(pl.person_id.in_(ids)).distinct()):
        names[pid].add(name or pid)
    return names


def _label(names: set[str]) -> str:
    return max(names, key=lambda n: (len(n.split()), len(n), n)) if names else ""


def find_people(conn: Connection, ref: str, *, cases_only: bool = True) -> list[tuple[str, str]]:
    """(id, name) of each case (or, cases_only=False, each person) REF may mean, best tier only:
    the id itself, else ids starting with REF, else a name written so, else names REF is a spelling of.
    The first three are indexed queries; only the last reads every name in the store."""
    ref = ref.strip()
    if not ref:
        return []
    pl, e = t.person_links.c, t.entities.c
    only = _case_filter(conn, cases_only)
    low = ref.casefold()
    found = _ids(conn, pl.person_id == ref, only, 1)
    if not found and len(low) >= MIN_PREFIX and _ID.match(low):
        prefix = ref[:1].upper() + ref[1:].lower()  # person ids are P and hex digits
        found = _ids(conn, pl.person_id.startswith(prefix), only, 11)
    if not found:
        found = _ids(conn, or_(func.lower(e.name) == low, func.lower(pl.name) == low), only)
    if not found and _WORD.fullmatch(ref):
        # one word of a fullest name, as written ("Osmonov" in "Daniyar Osmonov"): a scan in SQL, not Python
        name = func.lower(pl.name)
        word = or_(name.endswith(" " + low, autoescape=True), name.startswith(low + " ", autoescape=True),
                   name.contains(" " + low + " ", autoescape=True))  # fmt: skip
        found = _ids(conn, word, only)
    if not found:
        found = _spelled(conn, ref, only)
    names = _names_of(conn, found)
    if len(found) > 1:
        # a surname shared by relatives: the one whose own words match key for key first
        exact = [p for p in found if any(_same_keys(ref, n) for n in names[p])]
        found = exact or found
    return sorted(((p, _label(names[p])) for p in found), key=lambda x: (x[1], x[0]))


def _spelled(conn: Connection, ref: str, only: ColumnElement[bool] | None) -> list[str]:
    """People one of whose names REF is a spelling of, word by word (resolution gave each link the
    person's fullest name, so its words hold the surname and first name the reports use)."""
    pl = t.person_links.c
    query = select(pl.person_id, pl.name).distinct()
    if only is not None:
        query = query.where(only)
    return sorted({pid for pid, name in conn.execute(query) if name and name_fits(ref, name)})


def _same_keys(typed: str, name: str) -> bool:
    keys = {name_key(w) for w in _words(name)}
    return all(name_key(w) in keys for w in _words(typed) if len(w) > 1)


def one_case(conn: Connection, ref: str, *, cases_only: bool = True) -> str:
    """The one case id REF means; NotFound or Ambiguous (listing the choices) otherwise."""
    what = "case" if cases_only else "person"
    found = find_people(conn, ref, cases_only=cases_only)
    if not found:
        raise NotFound(f"no {what} {ref!r} in the store (see `casework cases`)")
    if len(found) > 1:
        raise Ambiguous(ref, f"{what}s", found)
    return found[0][0]


def one_document(conn: Connection, ref: str) -> str:
    """The report whose id is REF or starts with it (the 8-character ids the listings print)."""
    d = t.documents.c
    low = ref.strip().casefold()
    if conn.execute(select(d.id).where(d.id == low)).scalar() is not None:
        return low
    if len(low) < MIN_PREFIX or not _HEX.match(low):
        raise NotFound(f"no report {ref!r} in the store (see `casework documents`)")
    rows = conn.execute(select(d.id, d.title).where(d.id.startswith(low)).order_by(d.id).limit(11)).all()
    if not rows:
        raise NotFound(f"no report {ref!r} in the store (see `casework documents`)")
    if len(rows) > 1:
        raise Ambiguous(ref, "reports", [(r[0], r[1] or "") for r in rows])
    return str(rows[0][0])
