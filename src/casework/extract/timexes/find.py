"""Finding date expressions: pure pattern matching over the text (the fast path for the forms news
reports use), with dateparser behind it only for odd numeric forms."""

from __future__ import annotations

import re
from dataclasses import dataclass

from casework.extract.timexes.tables import _CASE_SENSITIVE, _COMPILED, _VAGUE_KEEP, _WD, NUMBERS, _is_year


@dataclass
class Match:
    start: int
    end: int
    kind: str
    text: str


def _number(word: str) -> float | None:
    word = word.lower().strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    if word in ("a few", "few", "several", "many", "some", "a couple of", "couple of"):
        return None
    if word.startswith("half"):
        return 0.5
    return NUMBERS.get(word)


def find_timexes(text: str) -> list[Match]:
    """Every date/time expression, longest match first, no overlaps."""
    found: list[Match] = []
    for kind, rx in _COMPILED:
        for m in rx.finditer(text):
            s, e = m.start(), m.end()
            frag = m.group(0)
            if kind in _CASE_SENSITIVE and not re.search(r"[A-Z]", frag):
                continue
            if kind == "year" and not _is_year(text, s, e, frag):
                continue
            if kind == "md" and frag.split()[0].lower().rstrip(".") == "may" and not frag[0].isupper():
                continue
            if kind == "month" and frag.lower().startswith("march") and not frag[0].isupper():
                continue
            if kind == "vague" and frag.lower() not in _VAGUE_KEEP:
                continue
            if kind == "duration" and re.match(r"(?i)(?:the\s+)?(?:a|an|one)\s+(?:second|minute)\b", frag):
                continue
            if kind == "duration" and re.search(r"(?i)[ -]old$|year[ -]old", frag):
                continue  # an age, not a span of time
            # a leading "on"/"in" is never part of the expression
            lead = re.match(r"(?i)(?:on|in)\s+", frag)
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
    return _join_weekdays(text, chosen)


_DAY_KINDS = frozenset({"mdy", "dmy", "md", "dm", "iso", "numeric"})
_BARE_WD = re.compile(rf"^{_WD}$", re.IGNORECASE)
_LEAD_WD = re.compile(rf"^{_WD},?\s+", re.IGNORECASE)


def _join_weekdays(text: str, matches: list[Match]) -> list[Match]:
    """ "Monday, Oct. 26" is one expression (the date's), not a weekday and a date."""
    out: list[Match] = []
    for m in matches:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "wd"
            and m.kind in _DAY_KINDS
            and _BARE_WD.match(prev.text)
            and re.fullmatch(r",?\s{1,2}", text[prev.end : m.start])
        ):
            out[-1] = Match(prev.start, m.end, m.kind, text[prev.start : m.end])
            continue
        out.append(m)
    return out
