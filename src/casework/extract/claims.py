"""Claims: who says what, with the cue that attributes it and how firmly.

A claim is an attribution act: a speaker (a named person, an organisation, or
a group anchored in the text such as "Ruzahunov's relatives"), a cue ("said",
"according to", "called on") and the content. Unanchored sources ("analysts",
"it is thought") are not claims. Flags: `hedged`, `denied`; `under_duress` is
added later by `flag_duress`, once the events are known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from casework.extract.entities import EntityIndex, group_entity, resolve_reference
from casework.extract.syntax import child, clause_subject, span_of, subtree_span
from casework.model import Claim, Event
from casework.nlp import text_of
from casework.ontology import Ontology, load_ontology

EXTRACTOR = "casework.claims.v1"
_QUOTE = re.compile(r"[\"“”]([^\"“”]{3,})[\"“”]|‘([^‘’]{12,})’(?!\w)")
_ACCORDING = re.compile(r"\b(?:according to|in a statement by)\s+", re.I)
_INSTITUTIONS = {"police", "prosecutors", "magistrates"}
_SPOKES = {"spokesman", "spokeswoman", "spokesperson", "representative", "source", "official"}


@dataclass
class _Found:
    cue: Token
    speaker_tok: Token | None
    content: tuple[int, int]
    direct: bool


def _quotes_in(sent: Span) -> list[tuple[int, int]]:
    out = []
    for m in _QUOTE.finditer(sent.text):
        g = 1 if m.group(1) is not None else 2
        out.append((sent.start_char + m.start(g), sent.start_char + m.end(g)))
    return out


def _content_of(cue: Token, sent: Span, weak: bool, object_cue: bool) -> tuple[tuple[int, int], bool] | None:
    quotes = _quotes_in(sent)
    for dep in ("ccomp", "xcomp"):
        comp = child(cue, dep)
        if (comp is not None and comp.i > cue.i) or (comp is not None and dep == "ccomp"):
            start, end = subtree_span(comp)
            direct = any(q[0] <= start and end <= q[1] + 1 for q in quotes)
            return (start, end), direct
    if quotes:
        # the quote nearest the cue
        q = min(quotes, key=lambda q: min(abs(q[0] - cue.idx), abs(q[1] - cue.idx)))
        return q, True
    if object_cue and (not weak or any(c.dep_ == "neg" for c in cue.children)):
        obj = child(cue, "dobj")
        if obj is not None:
            return subtree_span(obj), False
        prep = child(cue, "prep")
        if prep is not None and prep.lower_ in ("on", "upon", "for") and cue.lemma_ == "call":
            start, _ = subtree_span(prep)
            end = sent.end_char
            return (start, end), False
    return None


def _resolve_speaker(tok: Token, index: EntityIndex) -> str | None:
    """A speaker that the text anchors: a name, a pronoun, 'the ministry', 'his relatives'."""
    if tok.lower_ in ("it", "this", "that", "there", "which", "what"):
        return None
    if tok.lemma_.lower() in _SPOKES:
        # "a company spokesman", "a police spokesman": the body speaks
        for c in tok.children:
            if c.dep_ in ("compound", "poss", "amod"):
                ent = index.at(c.idx, c.idx + len(c.text))
                if ent:
                    return ent
            if c.dep_ == "prep" and c.lower_ == "for":
                obj = child(c, "pobj")
                if obj is not None:
                    ent = index.at(obj.idx, obj.idx + len(obj.text))
                    if ent:
                        return ent
        if any(c.lower_ in ("company", "firm") for c in tok.children):
            orgs = index.previous_people(tok.idx, ("organization",))
            if orgs:
                return orgs[-1].entity
    ent = resolve_reference(tok, index)
    if ent is not None:
        return ent
    for c in tok.children:
        if c.dep_ == "appos":
            ent = index.at(c.idx, c.idx + len(c.text))
            if ent:
                return ent
    anchored = any(c.dep_ in ("det", "poss") for c in tok.children)
    if tok.tag_ == "NNS" and not anchored and tok.lower_ not in _INSTITUTIONS:
        return None  # "analysts say", "officials believe": no one in particular
    return group_entity(tok, index)


def _speaker_token(cue: Token) -> Token | None:
    subj = clause_subject(cue)
    if subj is not None and subj.dep_ == "nsubjpass":
        return None  # "it is thought", "he was told"
    if subj is not None:
        # "President of Kyrgyzstan, Sadyr Japarov said": the name is an appositive of the title
        for c in subj.children:
            if c.dep_ == "appos" and c.ent_type_ == "PERSON":
                return c
    return subj


def find_claims(sent: Span, onto: Ontology) -> list[_Found]:
    found: list[_Found] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ not in ("VERB", "AUX") or lemma not in onto.claim_cues:
            continue
        weak = lemma in onto.weak_cues
        if lemma == "call" and not any(
            c.dep_ == "prep" and c.lower_ in ("on", "upon", "for") for c in tok.children
        ):
            continue
        content = _content_of(tok, sent, weak, lemma in onto.object_cues)
        if content is None:
            continue
        found.append(_Found(tok, _speaker_token(tok), content[0], content[1]))
    for m in _ACCORDING.finditer(sent.text):
        start = sent.start_char + m.end()
        span = sent.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None:
            continue
        obj = span.root
        # the phrase's object: the head noun of "the Ministry press office"
        while (
            obj.head.i != obj.i
            and obj.head.dep_ != "prep"
            and obj.dep_ in ("compound", "amod", "det", "poss")
        ):
            obj = obj.head
        comma = sent.text.find(",", m.end())
        if comma > 0:
            content_span = (sent.start_char + comma + 1, sent.end_char)
        else:
            content_span = (sent.start_char, sent.start_char + m.start())
        cue_tok = sent.doc.char_span(
            sent.start_char + m.start(), sent.start_char + m.start() + 9, alignment_mode="expand"
        )
        if cue_tok is None:
            continue
        found.append(_Found(cue_tok[0], obj, content_span, False))
    return found


def _strip(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    while s < e and text[s] in " ,.;:\"“”‘’'":
        s += 1
    while e > s and text[e - 1] in " ,.;:\"“”‘’'":
        e -= 1
    return s, e


def extract_claims(doc: Doc, index: EntityIndex) -> list[Claim]:
    onto = load_ontology()
    claims: list[Claim] = []
    for sent in doc.sents:
        for f in find_claims(sent, onto):
            if f.speaker_tok is None:
                continue
            speaker = _resolve_speaker(f.speaker_tok, index)
            if speaker is None:
                continue
            start, end = _strip(text_of(doc), f.content)
            if end - start < 3:
                continue
            is_according = f.cue.lower_ == "according"
            cue_span = (f.cue.idx, f.cue.idx + (12 if is_according else len(f.cue.text)))
            if is_according:
                cue_text = text_of(doc)[cue_span[0] : cue_span[1]]
            else:
                prt = [
                    c
                    for c in f.cue.children
                    if c.dep_ == "prt" or (c.dep_ == "prep" and f.cue.lemma_ == "call")
                ]
                cue_span = span_of([f.cue, *prt]) if prt else cue_span
                cue_text = text_of(doc)[cue_span[0] : cue_span[1]]
            sp_left = f.speaker_tok.left_edge
            sp_span = span_of(
                [t for t in f.speaker_tok.subtree if t.i >= sp_left.i and not t.is_punct] or [f.speaker_tok]
            )
            flags = _flags(f.cue, text_of(doc)[start:end], onto)
            claims.append(
                Claim(
                    id="",
                    speaker=speaker,
                    speaker_text=text_of(doc)[sp_span[0] : sp_span[1]].strip(),
                    speaker_span=sp_span,
                    cue=cue_text,
                    cue_span=cue_span,
                    content=text_of(doc)[start:end],
                    span=(start, end),
                    direct=f.direct,
                    flags=flags,
                    sentence=(sent.start_char, sent.end_char),
                )
            )
    claims = _drop_nested(claims)
    for i, c in enumerate(claims, 1):
        c.id = f"c{i}"
    return claims


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


def _flags(cue: Token, content: str, onto: Ontology) -> list[str]:
    flags = []
    low = content.lower()
    if any(re.search(rf"(?<!\w){re.escape(h)}(?!\w)", low) for h in onto.hedges):
        flags.append("hedged")
    if cue.lemma_.lower() in onto.denials or (
        any(c.dep_ == "neg" for c in cue.children) and cue.lemma_ != "know"
    ):
        flags.append("denied")
    return flags


def _paragraph_of(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n\n", 0, pos)
    end = text.find("\n\n", pos)
    return (start + 2 if start >= 0 else 0, end if end >= 0 else len(text))


_ON_CAMERA = re.compile(r"\b(?:tv|television|televised|broadcast|video|camera|cameras|footage)\b", re.I)


def flag_duress(text: str, claims: list[Claim], events: list[Event]) -> None:
    """Statements made in a coerced or televised confession, until someone else speaks.

    A detained person speaking on state television or in a video made in custody
    counts as such a confession even when the report does not call it one.
    """
    detained = {s for e in events if e.type in ("detention", "ill_treatment") for s in e.subject}
    for c in sorted(claims, key=lambda c: c.span[0]):
        if c.speaker in detained and _ON_CAMERA.search(text[c.sentence[0] : c.sentence[1]]):
            _flag_run(text, claims, c.sentence[0], {c.speaker})
    for ev in events:
        if ev.type != "confession" or not (ev.attributes.get("coerced") or ev.attributes.get("televised")):
            continue
        _flag_run(text, claims, ev.sentence[0], set(ev.subject))


def _flag_run(text: str, claims: list[Claim], start: int, speakers: set[str | None]) -> None:
    """Flag the speakers' claims from the paragraph at `start` until another speaker's claim."""
    para_start, _ = _paragraph_of(text, start)
    for c in sorted(claims, key=lambda c: c.span[0]):
        if c.sentence[0] < para_start:
            continue
        if c.speaker not in speakers:
            break
        if "under_duress" not in c.flags:
            c.flags.append("under_duress")


def attribute_events(text: str, claims: list[Claim], events: list[Event]) -> None:
    """An event stated inside a claim, or in the sentences a claim carries on into, has that source."""
    by_sentence: dict[tuple[int, int], Claim] = {}
    for c in claims:
        by_sentence.setdefault(c.sentence, c)
    ordered = sorted(claims, key=lambda c: c.sentence[0])
    for ev in events:
        for c in claims:
            if c.span[0] <= ev.trigger[0] < c.span[1] and c.speaker not in ev.subject + ev.agent:
                ev.source = c.speaker
                break
        if ev.source is not None or ev.sentence in by_sentence:
            continue
        para = _paragraph_of(text, ev.sentence[0])
        before = [c for c in ordered if para[0] <= c.sentence[0] < ev.sentence[0]]
        after = [c for c in ordered if ev.sentence[1] <= c.sentence[0] < para[1]]
        if not before:
            continue
        prev = before[-1]
        sentence = text[ev.sentence[0] : ev.sentence[1]]
        continues = re.search(r"\b(?:had|'d)\s+(?:been\s+)?\w+(?:ed|en|wn|t)\b", sentence) is not None
        sandwiched = bool(after) and after[0].speaker == prev.speaker
        if (continues or sandwiched) and prev.speaker not in ev.subject + ev.agent:
            ev.source = prev.speaker
