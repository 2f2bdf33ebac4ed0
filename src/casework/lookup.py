"""From what a user types to one case, person or report: an id, an id prefix, or any spelling of a name.

`casework show Osmonov`, `show Осмонов` and `show 1869361e` must all find the
case that lists those spellings, so a name is matched word by word with the
transliteration-aware matcher (resolve/names.py), not compared as a string.
Several matches are an error that lists them, never a silent first pick.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

from sqlalchemy import Connection, and_, select

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


def _names_by_person(conn: Connection, only: set[str] | None) -> dict[str, set[str]]:
    """Every name and alias each person has in any report, and the fullest name resolution gave it."""
    pl, e = t.person_links.c, t.entities.c
    rows = conn.execute(
        select(pl.person_id, pl.name, e.name, e.aliases).join(
            t.entities, and_(e.document_id == pl.document_id, e.id == pl.entity_id)
        )
    )
    names: dict[str, set[str]] = defaultdict(set)
    for pid, full, written, aliases in rows:
        if only is not None and pid not in only:
            continue
        names[pid].update(n for n in (full, written, *json.loads(aliases or "[]")) if n)
    return names


def _label(names: set[str]) -> str:
    return max(names, key=lambda n: (len(n.split()), len(n), n)) if names else ""


def _case_ids(conn: Connection) -> set[str] | None:
    ids = set(conn.execute(select(t.case_summaries.c.case_id)).scalars())
    return ids or None  # no case list written yet: look among everyone


def find_people(conn: Connection, ref: str, *, cases_only: bool = True) -> list[tuple[str, str]]:
    """(id, name) of each case (or, cases_only=False, each person) REF may mean, best tier only:
    the id itself, else ids starting with REF, else a name written so, else names REF is a spelling of."""
    ref = ref.strip()
    if not ref:
        return []
    only = _case_ids(conn) if cases_only else None
    names = _names_by_person(conn, only)
    if ref in names:
        return [(ref, _label(names[ref]))]
    low = ref.casefold()
    tiers = [
        [p for p in names if len(low) >= MIN_PREFIX and _ID.match(low) and p.casefold().startswith(low)],
        [p for p, ns in names.items() if any(n.casefold() == low for n in ns)],
        [p for p, ns in names.items() if any(name_fits(ref, n) for n in ns)],
    ]
    for found in tiers:
        if found:
            if len(found) > 1:
                # a surname shared by relatives: the one whose own words match key for key first
                exact = [p for p in found if any(_same_keys(ref, n) for n in names[p])]
                found = exact or found
            return sorted(((p, _label(names[p])) for p in found), key=lambda x: (x[1], x[0]))
    return []


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
