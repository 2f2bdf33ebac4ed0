"""A report's text cut into pieces, each marked with the facts that cover it, for the document page.

Spans overlap (a name inside a claim inside an event sentence), so the text is cut
at every span edge and each piece carries all the classes over it. The pieces
are plain strings: the template escapes them.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from casework.model import Document

Span = tuple[int, int]


@dataclass
class Piece:
    text: str
    classes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    anchor: str | None = None  # id of the evidence sentence a link points at


@dataclass
class _Mark:
    span: Span
    css: str
    note: str


def _marks(doc: Document) -> list[_Mark]:
    marks: list[_Mark] = []
    for ent in doc.entities:
        for span in ent.mentions:
            marks.append(_Mark(span, f"entity {ent.kind}", f"{ent.kind}: {ent.name}"))
    for tx in doc.timexes:
        marks.append(_Mark((tx.start, tx.end), "date", f"date: {tx.value or '?'}"))
    for ev in doc.events:
        if ev.trigger != (0, 0):
            marks.append(_Mark(ev.trigger, f"event ev-{ev.type}", f"event: {ev.type.replace('_', ' ')}"))
    for claim in doc.claims:
        marks.append(_Mark(claim.span, "claim", f"claim ({'direct' if claim.direct else 'reported'})"))
        marks.append(_Mark(claim.cue_span, "cue", f"cue: {claim.cue}"))
    return [m for m in marks if 0 <= m.span[0] < m.span[1] <= len(doc.text)]


def pieces(doc: Document, evidence: Span | None = None) -> list[Piece]:
    """The whole text, in order, as pieces; EVIDENCE (a sentence a link points at) is marked too."""
    marks = _marks(doc)
    if evidence and 0 <= evidence[0] < evidence[1] <= len(doc.text):
        marks.append(_Mark(evidence, "linked", "the sentence the link points at"))
    cuts = sorted({0, len(doc.text)} | {m.span[0] for m in marks} | {m.span[1] for m in marks})
    out: list[Piece] = []
    starts = sorted(marks, key=lambda m: m.span[0])
    for a, b in itertools.pairwise(cuts):
        over = [m for m in starts if m.span[0] <= a and b <= m.span[1]]
        piece = Piece(doc.text[a:b], sorted({c for m in over for c in m.css.split()}), [m.note for m in over])
        if evidence and a == evidence[0]:
            piece.anchor = "evidence"
        out.append(piece)
    return out
