"""Claims: the attributions a case file keeps (an ontology cue, or a source anchored to someone in
the text), flagged `hedged` or `denied`."""

from __future__ import annotations

from spacy.tokens import Doc

from casework.extract.claims.attributions import _strip, extract_attributions, hedged
from casework.extract.entities import EntityIndex
from casework.extract.entities.coreference import referent_besides, referent_of
from casework.languages import words
from casework.model import Claim
from casework.nlp import text_of
from casework.ontology import load_ontology


def extract_claims(doc: Doc, index: EntityIndex) -> list[Claim]:
    """The attributions a case file keeps: ontology cues, and a source anchored to someone."""
    text = text_of(doc)
    claims: list[Claim] = []
    for a in extract_attributions(doc, index, learned=frozenset()):
        if a.speaker is None or a.source_span is None:
            continue
        named = _strip(text, _name_in(index, a.speaker, a.source_span))
        span = _strip(text, a.content)  # a case file quotes the words, its marks are its own
        content, flags = text[span[0] : span[1]], a.flags
        if a.continued is not None:
            # "“He is innocent,” his sister said. “They beat him.”": one claim, both pieces of the words
            more = _strip(text, a.continued)
            content = f"{content} … {text[more[0] : more[1]]}"
            span = (span[0], more[1])
            if "hedged" not in flags and hedged(content, load_ontology()):
                flags = [*flags, "hedged"]
        claims.append(
            Claim(
                id="",
                speaker=a.speaker,
                speaker_text=text[named[0] : named[1]].strip(),
                speaker_span=named,
                cue=a.cue,
                cue_span=a.cue_span,
                content=content,
                span=span,
                direct=a.direct,
                flags=flags,
                sentence=a.sentence,
                about=_about(doc, index, span, a.speaker),
            )
        )
    claims = _drop_nested(claims)
    for i, c in enumerate(claims, 1):
        c.id = f"c{i}"
    return claims


_PRONOUNS = words("en").set("pronouns.singular") | words("en").set("pronouns.plural")


def _about(doc: Doc, index: EntityIndex, content: tuple[int, int], speaker: str) -> list[str]:
    """The people the words are about: those they name, and those their pronouns stand for ("His
    mother said he was beaten": the son, not the mother). The speaker's own "I" is not among them;
    a case file keeps the claim for each person it is about, however the words refer to them."""
    span = doc.char_span(*content, alignment_mode="expand")
    out: list[str] = []
    for tok in span if span is not None else ():
        if tok.pos_ not in ("PROPN", "PRON") or (tok.pos_ == "PRON" and tok.lower_ not in _PRONOUNS):
            continue
        who = referent_of(tok, index)
        if who == speaker and tok.pos_ == "PRON":
            who = referent_besides(tok, index, speaker)
        if who is not None and who != speaker and index.kind(who) == "person" and who not in out:
            out.append(who)
    return out


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
