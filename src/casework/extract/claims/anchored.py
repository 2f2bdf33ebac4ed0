"""Claims: the attributions a case file keeps (an ontology cue, or a source anchored to someone in
the text), flagged `hedged` or `denied`."""

from __future__ import annotations

from spacy.tokens import Doc

from casework.extract.claims.attributions import _strip, extract_attributions
from casework.extract.entities import EntityIndex
from casework.model import Claim
from casework.nlp import text_of


def extract_claims(doc: Doc, index: EntityIndex) -> list[Claim]:
    """The attributions a case file keeps: ontology cues, and a source anchored to someone."""
    text = text_of(doc)
    claims: list[Claim] = []
    for a in extract_attributions(doc, index, learned=frozenset()):
        if a.speaker is None or a.source_span is None:
            continue
        a.content = _strip(text, a.content)  # a case file quotes the words, its marks are its own
        named = _strip(text, _name_in(index, a.speaker, a.source_span))
        claims.append(
            Claim(
                id="",
                speaker=a.speaker,
                speaker_text=text[named[0] : named[1]].strip(),
                speaker_span=named,
                cue=a.cue,
                cue_span=a.cue_span,
                content=text[a.content[0] : a.content[1]],
                span=a.content,
                direct=a.direct,
                flags=a.flags,
                sentence=a.sentence,
            )
        )
    claims = _drop_nested(claims)
    for i, c in enumerate(claims, 1):
        c.id = f"c{i}"
    return claims


def _name_in(index: EntityIndex, speaker: str, source: tuple[int, int]) -> tuple[int, int]:
    """The words that name the speaker: a person's name inside a long source ("The spokesman for the
    Ministry of Internal Affairs ... and the head of its press office, Ulan Ismailov"), else the source."""
    ent = index.by_id(speaker) if index.kind(speaker) == "person" else None
    if ent is None:
        return source
    inside = [(a, b) for a, b in ent.mentions if source[0] <= a and b <= source[1]]
    return inside[-1] if inside else source


def _drop_nested(claims: list[Claim]) -> list[Claim]:
    """A cue inside another claim's content by the same speaker is the same claim."""
    out = []
    for c in claims:
        dup = any(
            o is not c and o.speaker == c.speaker and o.span[0] <= c.cue_span[0] < o.span[1] for o in claims
        )
        if not dup:
            out.append(c)
    return out
