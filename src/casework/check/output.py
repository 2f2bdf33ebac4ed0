"""A component's output checked before the next one reads it: spans inside the text, ids that exist.

A component that breaks these would make citations point at the wrong words; the pipeline rejects
the document it did that on, naming the component, and the batch goes on.
"""

from __future__ import annotations

from casework.model import Document, Span


def _inside(span: Span | None, length: int) -> bool:
    return span is None or 0 <= span[0] <= span[1] <= length


def check_output(doc: Document) -> str | None:
    """What is wrong with the document's facts as they stand, in a few words, or None."""
    n = len(doc.text)
    ids = {e.id for e in doc.entities}
    if len(ids) != len(doc.entities):
        return "two entities with one id"
    for e in doc.entities:
        if not all(_inside(m, n) for m in e.mentions):
            return f"a mention of entity {e.id} outside the text"
    for x in doc.timexes:
        if not _inside((x.start, x.end), n):
            return f"a date expression outside the text ({x.start}-{x.end})"
    for ev in doc.events:
        if not _inside(ev.sentence, n) or not _inside(ev.trigger, n):
            return f"event {ev.id} outside the text"
        unknown = [r for r in (*ev.subject, *ev.agent, ev.source) if r is not None and r not in ids]
        if unknown:
            return f"event {ev.id} naming entities that do not exist ({', '.join(unknown)})"
    for c in doc.claims:
        if not (_inside(c.span, n) and _inside(c.cue_span, n) and _inside(c.speaker_span, n)):
            return f"claim {c.id} outside the text"
        if c.speaker is not None and c.speaker not in ids:
            return f"claim {c.id} naming a speaker that does not exist ({c.speaker})"
    for f in doc.findings:
        if not all(_inside(s, n) for s in f.spans):
            return f"a {f.kind} finding outside the text"
    return None
