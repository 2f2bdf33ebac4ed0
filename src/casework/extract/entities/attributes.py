"""The attributes a report states of an entity: nationality, ethnicity, occupation, title."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from casework.extract.entities.index import EntityIndex
from casework.languages import words
from casework.model import Entity
from casework.nlp import text_of
from casework.ontology import load_gazetteer, load_ontology

EN = words("en")  # the English pack: these components serve English
_TITLE_WORD = rf"(?:[A-Z][\w.-]*|{EN.alternation('title_words')})"
_TITLE_RUN = re.compile(rf"({_TITLE_WORD}(?:\s+{_TITLE_WORD})*)\s*,?\s*$")

# --- attributes ----------------------------------------------------------------------


def _read_attributes(doc: Doc, index: EntityIndex) -> None:
    gaz = load_gazetteer()
    onto = load_ontology()
    for ent in index.entities:
        if ent.kind != "person":
            continue
        for start, end in ent.mentions:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            floor = max(
                (m.end for m in index.mentions if m.end <= start and index.kind(m.entity) == "person"),
                default=0,
            )
            _title_before(text_of(doc), max(floor, 0), start, span, ent, onto.titles, gaz.countries)
            _appositive(span, ent)
            _compound_modifiers(span, ent)
    for ent in index.entities:
        for key in ("nationality", "ethnicity", "occupation", "title", "state"):
            if key in ent.attributes and isinstance(ent.attributes[key], list):
                vals = list(dict.fromkeys(ent.attributes[key]))
                vals = [v for v in vals if not any(v != w and w.endswith(" " + v) for w in vals)]
                ent.attributes[key] = vals[0] if len(vals) == 1 else vals


def _add_attr(ent: Entity, key: str, value: str) -> None:
    value = value.strip(" ,")
    if not value:
        return
    vals = ent.attributes.setdefault(key, [])
    if isinstance(vals, list) and value not in vals:
        vals.append(value)


def _title_before(
    text: str,
    floor: int,
    start: int,
    span: Span,
    ent: Entity,
    titles: frozenset[str],
    countries: frozenset[str],
) -> None:
    sent_start = span.sent.start_char
    window = text[max(sent_start, start - 80, floor) : start]
    window = re.split(r"\band\b", window)[-1]
    m = _TITLE_RUN.search(window)
    if not m:
        return
    run = m.group(1).strip()
    words = run.split()
    # cut the run back to where the title begins
    while words and words[0].lower() not in titles:
        words = words[1:]
    while words and words[-1].lower() in ("of", "the", "and", "for"):
        words = words[:-1]
    if not words or words[0].lower() in ("mr", "mrs", "ms", "miss", "dr", "sir"):
        return
    title = " ".join(words)
    if title in countries:
        return
    _add_attr(ent, "title", title)
    of = re.search(r"\bof\s+(?:the\s+)?([A-Z][\w ]+)$", title)
    if of and of.group(1) in countries:
        _add_attr(ent, "state", of.group(1))


def _np_attributes(head: Token, ent: Entity) -> None:
    """Read 'an Uyghur jazz musician from Kyrgyzstan' into ethnicity, occupation, nationality."""
    gaz = load_gazetteer()
    words: list[str] = []
    # every modifier to the left, nested ones too ("a Kyrgyz documentary photographer")
    left = [t for t in head.subtree if t.i < head.i and t.dep_ in ("amod", "compound", "nmod")]
    for child in [*left, *(c for c in head.children if c.i > head.i)]:
        if child.dep_ in ("amod", "compound", "nmod") and child.i < head.i:
            country = gaz.country_of(child.text)
            if child.text.lower() in gaz.ethnic_groups:
                _add_attr(ent, "ethnicity", child.text)
            elif country:
                _add_attr(ent, "nationality", country)
            elif child.dep_ == "compound" or child.pos_ in ("NOUN", "ADJ"):
                words.append(child.text)
        if child.dep_ == "prep" and child.lower_ == "from":
            for obj in child.children:
                country = gaz.country_of(obj.text)
                if obj.dep_ == "pobj" and country:
                    _add_attr(ent, "nationality", country)
    if head.pos_ == "NOUN" and head.lemma_.lower() in load_ontology().occupations:
        _add_attr(ent, "occupation", " ".join([*words, head.text]).lower())


def _appositive(span: Span, ent: Entity) -> None:
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            _np_attributes(child, ent)
            for conj in child.children:
                if conj.dep_ == "conj" and conj.pos_ == "NOUN":
                    _np_attributes(conj, ent)
    # "the musician, X" or "X, 34, a former Eton pupil": the name is the appositive
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.ent_type_ == "":
        _np_attributes(root.head, ent)


def _compound_modifiers(span: Span, ent: Entity) -> None:
    """'musician Vikram Ruzahunov', 'Kyrgyz citizen X': lower-case nouns before the name."""
    gaz = load_gazetteer()
    first = span[0]
    i = first.i - 1
    doc = span.doc
    while i >= span.sent.start:
        tok = doc[i]
        if tok.dep_ not in ("compound", "amod", "nmod") or tok.head.i < span.start:
            break
        if tok.text[0].islower() and tok.lemma_.lower() in load_ontology().occupations:
            _add_attr(ent, "occupation", tok.text.lower())
        elif tok.text.lower() in gaz.ethnic_groups:
            _add_attr(ent, "ethnicity", tok.text)
        elif gaz.country_of(tok.text) and tok.text not in gaz.countries:
            _add_attr(ent, "nationality", gaz.country_of(tok.text) or "")
        i -= 1
