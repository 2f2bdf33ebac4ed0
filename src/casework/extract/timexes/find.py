"""Finding date expressions: pure pattern matching over the text (the fast path for the forms news
reports use) with the patterns of the text's language pack."""

from __future__ import annotations

import re
from dataclasses import dataclass

from casework.extract.timexes.tables import Tables, is_year, tables


@dataclass
class Match:
    start: int
    end: int
    kind: str
    text: str


def _number(t: Tables, word: str) -> float | None:
    """An amount's value; None for an amount with no number ("a few")."""
    word = word.lower().strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    return t.numbers.get(word)


def find_timexes(text: str, language: str = "en") -> list[Match]:
    """Every date/time expression, longest match first, no overlaps."""
    t = tables(language)
    found: list[Match] = []
    for kind, rx in t.patterns:
        not_timexes = t.not_timexes.get(kind, ())
        for m in rx.finditer(text):
            s, e = m.start(), m.end()
            frag = m.group(0)
            if kind in t.capitalised and not any(c.isupper() for c in frag):
                continue
            if kind == "year" and not is_year(t, text, s, e, frag):
                continue
            if kind == "vague" and frag.lower() not in t.vague:
                continue
            if any(no.search(frag) for no in not_timexes):
                continue
            # a leading "on"/"in" is never part of the expression
            lead = t.leading.match(frag)
            if lead:
                s += lead.end()
                frag = text[s:e]
            found.append(Match(s, e, kind, frag))
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    # Longest first, each kept if none of its characters is taken: a bytearray of taken positions
    # keeps this linear in the total length of the matches (a scan of every kept match is quadratic).
    taken = bytearray(len(text) + 1)
    chosen: list[Match] = []
    for cand in sorted(found, key=lambda f: -(f.end - f.start)):
        if taken.find(1, cand.start, cand.end) == -1:
            taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
            chosen.append(cand)
    chosen.sort(key=lambda f: f.start)
    return _join_weekdays(t, text, chosen)


_DAY_KINDS = frozenset({"mdy", "dmy", "md", "dm", "iso", "numeric"})


def _join_weekdays(t: Tables, text: str, matches: list[Match]) -> list[Match]:
    """ "Monday, Oct. 26" is one expression (the date's), not a weekday and a date."""
    out: list[Match] = []
    for m in matches:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "wd"
            and m.kind in _DAY_KINDS
            and t.bare_weekday.match(prev.text)
            and re.fullmatch(r",?\s{1,2}", text[prev.end : m.start])
        ):
            out[-1] = Match(prev.start, m.end, m.kind, text[prev.start : m.end])
            continue
        out.append(m)
    return out
