"""From what a user types to one case, person or report: an id, an id prefix, or any spelling of a name.

`casework show Osmonov`, `show Осмонов` and `show Pe91e12a` (an id prefix) must all find the
case that lists those spellings, so a name is matched word by word with the
transliteration-aware matcher (resolve/names.py), not compared as a string.
Several matches are an error that lists them, never a silent first pick.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection

from casework.errors import Ambiguous, NotFound
from casework.resolve.names import name_key, same_word
from casework.store.person_lookup import (
    case_list_written,
    names_of_people,
    people_and_names,
    people_named,
    people_with_id,
    people_with_id_prefix,
    people_with_name_word,
    report_exists,
    reports_with_id_prefix,
)

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


def _label(names: set[str]) -> str:
    return max(names, key=lambda n: (len(n.split()), len(n), n)) if names else ""


def find_people(conn: Connection, ref: str, *, cases_only: bool = True) -> list[tuple[str, str]]:
    """(id, name) of each case (or, cases_only=False, each person) REF may mean, best tier only:
    the id itself, else ids starting with REF, else a name written so, else names REF is a spelling of.
    The first three are indexed queries; only the last reads every name in the store."""
    ref = ref.strip()
    if not ref:
        return []
    only = cases_only and case_list_written(conn)  # only people with a case, once the list is written
    low = ref.casefold()
    found = people_with_id(conn, ref, cases_only=only)
    if not found and len(low) >= MIN_PREFIX and _ID.match(low):
        prefix = ref[:1].upper() + ref[1:].lower()  # person ids are P and hex digits
        found = people_with_id_prefix(conn, prefix, cases_only=only, limit=11)
    if not found:
        found = people_named(conn, low, cases_only=only)
    if not found and _WORD.fullmatch(ref):
        # one word of a fullest name, as written ("Osmonov" in "Daniyar Osmonov")
        found = people_with_name_word(conn, low, cases_only=only)
    if not found:
        found = _spelled(conn, ref, only)
    names = names_of_people(conn, found)
    if len(found) > 1:
        # a surname shared by relatives: the one whose own words match key for key first
        exact = [p for p in found if any(_same_keys(ref, n) for n in names[p])]
        found = exact or found
    return sorted(((p, _label(names[p])) for p in found), key=lambda x: (x[1], x[0]))


def _spelled(conn: Connection, ref: str, cases_only: bool) -> list[str]:
    """People one of whose names REF is a spelling of, word by word (resolution gave each link the
    person's fullest name, so its words hold the surname and first name the reports use)."""
    return sorted(
        {pid for pid, name in people_and_names(conn, cases_only=cases_only) if name and name_fits(ref, name)}
    )


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
    low = ref.strip().casefold()
    if report_exists(conn, low):
        return low
    if len(low) < MIN_PREFIX or not _HEX.match(low):
        raise NotFound(f"no report {ref!r} in the store (see `casework documents`)")
    rows = reports_with_id_prefix(conn, low, 11)
    if not rows:
        raise NotFound(f"no report {ref!r} in the store (see `casework documents`)")
    if len(rows) > 1:
        raise Ambiguous(ref, "reports", rows)
    return rows[0][0]
