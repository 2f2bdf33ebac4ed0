"""Findings within one report, carried into the case of the person they are about.

`casework extract` finds them on a report alone (check/findings.py); the case
shows each with the sentence and the speaker of every side.
"""

from __future__ import annotations

from collections.abc import Callable

from casework.model import CaseFinding, Document, Evidence, Span


def report_findings(
    doc: Document,
    about: set[str],
    name_of: Callable[[str | None], str | None],
    evidence: Callable[[Span], Evidence],
) -> list[CaseFinding]:
    """The report's findings that refer to one of `about` (the person's events and claims)."""
    events = {e.id: e for e in doc.events}
    claims = {c.id: c for c in doc.claims}
    out = []
    for f in doc.findings:
        if not about & set(f.refs):
            continue
        sides: list[str] = []
        cited: list[Evidence] = []
        for i, ref in enumerate(f.refs):
            if ref in events:
                ev = events[ref]
                span, who = ev.sentence, name_of(ev.source) or "the report"
            elif ref in claims:
                c = claims[ref]
                span, who = (
                    (c.sentence if c.sentence != (0, 0) else c.span),
                    name_of(c.speaker) or c.speaker_text,
                )
            elif i < len(f.spans):
                span, who = f.spans[i], "the report"
            else:
                continue
            cited.append(evidence(span))
            sides.append(who)
        out.append(CaseFinding(f.kind, f.message, cited, sides))
    return out
