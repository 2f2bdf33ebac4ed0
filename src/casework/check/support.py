"""How well each fact of a case is supported: the independent source groups that state it.

Near-duplicate copies share a source group, so a wire copy never corroborates
its original. An event is corroborated by another group's event of its type on
the same day (or where either leaves the day open); a claim by another group
reporting the same speaker saying mostly the same words.
"""

from __future__ import annotations

import re

from casework.model import Case, CaseEvent
from casework.status import calendar_value


def _same_day(a: CaseEvent, b: CaseEvent) -> bool:
    da, db = calendar_value(a.date), calendar_value(b.date)
    return da is None or db is None or da.startswith(db) or db.startswith(da)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.casefold()) if len(w) > 2}


_NEGATION = re.compile(r"\b(?:not|never|no|nobody|none|nothing)\b|n[’']t\b", re.IGNORECASE)


def _same_claim(a: str, b: str) -> bool:
    """Mostly the same words, and both or neither negated ("was paid" is not "was never paid")."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb or bool(_NEGATION.search(a)) != bool(_NEGATION.search(b)):
        return False
    return len(wa & wb) >= 0.8 * min(len(wa), len(wb))


def count_support(case: Case) -> None:
    for ev in case.events:
        groups = {
            o.evidence.source_group or o.evidence.document_id
            for o in case.events
            if o.type == ev.type and _same_day(ev, o)
        }
        ev.support = max(1, len(groups))
    for c in case.claims:
        groups = {
            o.evidence.source_group or o.evidence.document_id
            for o in case.claims
            if o.speaker == c.speaker and _same_claim(c.content, o.content)
        }
        c.support = max(1, len(groups))
