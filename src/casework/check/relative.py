"""Dates told relative to another event of the case: "charged three days after he was detained".

The day is counted from the earliest date the case gives for the event pointed to, in
whichever report that date stands; the event's `anchor` says which event and day it
was counted from.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from casework.languages import words
from casework.model import Case
from casework.ontology import load_ontology
from casework.status import calendar_value

EN = words("en")  # the English pack: these components serve English

_NUMBERS = EN.numbers("numbers")
_DAYS = EN.numbers("day_units")
_RELATIVE = re.compile(
    r"\b(?P<n>\d{1,3}|[a-z]+)\s+(?P<unit>day|week)s?\s+(?P<dir>after|before)\s+"
    r"(?:(?:he|she|they|it|[A-Z][\w’'-]+)\s+(?:was|were|had\s+been|got)\s+|(?:his|her|their|the)\s+)(?P<what>[a-z]+)",
    re.IGNORECASE,
)


def _type_of(word: str) -> str | None:
    """The event type a participle or noun names ("detained", "arrest", "release")."""
    w = word.lower()
    for name, et in load_ontology().events.items():
        if w in et.nouns or any(
            w.startswith(v[:-1]) and len(w) - len(v) <= 3 for v in et.verbs if len(v) > 3
        ):
            return name
    return None


def relative_day(text: str, case: Case, own_type: str | None = None) -> tuple[str, str] | None:
    """(day, anchor) for a sentence that counts from another event of the case, if the case dates it."""
    m = _RELATIVE.search(text)
    if not m:
        return None
    count = int(m["n"]) if m["n"].isdigit() else _NUMBERS.get(m["n"].lower())
    pointed = _type_of(m["what"])
    if count is None or pointed is None or pointed == own_type:
        return None
    days = sorted(
        d for d in (calendar_value(e.date) for e in case.events if e.type == pointed) if d and len(d) == 10
    )
    if not days:
        return None
    step = timedelta(days=count * _DAYS[m["unit"].lower()])
    start = date.fromisoformat(days[0])
    day = start + step if m["dir"].lower() == "after" else start - step
    return day.isoformat(), f"{pointed} {days[0]}"


def date_from_other_events(case: Case) -> None:
    """Undated events whose sentence counts from another dated event get their day from it."""
    for ev in case.events:
        if calendar_value(ev.date):
            continue
        found = relative_day(ev.evidence.text, case, ev.type)
        if found:
            ev.date, ev.anchor = found
            ev.placed = None
