"""Accounts: what each claim says about one comparable fact, for the cross-checks.

The first aspect read is why a person travelled ("to hold a concert",
"invited ... for a New Year's Eve concert", "paid 200 dollars to enter"),
because reports of detained foreigners so often disagree on it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from casework.extract.entities import EntityIndex, referent_of
from casework.extract.syntax import child, subtree_span
from casework.languages import words
from casework.model import Account, Claim, Timex
from casework.nlp import text_of
from casework.ontology import load_ontology

EN = words("en")  # the English pack: these components serve English

_TEMPORAL = EN.set("nouns.temporal")


def _keys(tokens: list[Token]) -> set[str]:
    return {
        t.lemma_.lower()
        for t in tokens
        if t.pos_ == "NOUN" and t.lemma_.lower() not in _TEMPORAL and not t.like_num
    }


def _purpose(verb: Token) -> Token | None:
    """'travelled ... to hold a concert': the infinitive that gives the purpose."""
    for c in verb.children:
        if c.dep_ in ("advcl", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            return c
    return None


def _date_in(span: tuple[int, int], timexes: list[Timex]) -> str | None:
    for t in timexes:
        if span[0] <= t.start < span[1] and t.value and len(t.value) == 10:
            return t.value
    return None


def read_accounts(doc: Doc, index: EntityIndex, claims: list[Claim], timexes: list[Timex]) -> list[Account]:
    onto = load_ontology()
    travel = frozenset(v for name in onto.types_with("movement") for v in onto.events[name].verbs)
    out: list[Account] = []
    for claim in claims:
        content: Span | None = doc.char_span(claim.span[0], claim.span[1], alignment_mode="expand")
        if content is None:
            continue
        for tok in content:
            lemma = tok.lemma_.lower()
            reason: tuple[int, int] | None = None
            who: Token | None = None
            keys: set[str] = set()
            if lemma in travel and tok.pos_ == "VERB":
                purpose = _purpose(tok)
                if purpose is not None and purpose.lemma_.lower() not in travel:
                    reason = subtree_span(purpose)
                    keys = _keys(list(purpose.subtree))
                    who = child(tok, "nsubj")
            elif lemma == "invite":
                prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"), None)
                if prep is not None:
                    reason = subtree_span(prep)
                    keys = _keys(list(prep.subtree))
                    who = child(tok, "nsubjpass", "dobj")
            elif lemma == "pay":
                purpose = _purpose(tok)
                if purpose is not None and purpose.lemma_.lower() in travel:
                    obj = child(tok, "dobj")
                    reason = (
                        tok.idx,
                        (subtree_span(obj) if obj is not None else subtree_span(tok))[1],
                    )
                    keys = {"payment", *(_keys(list(obj.subtree)) if obj is not None else set())}
                    who = child(tok, "dative", "iobj", "nsubjpass") or child(purpose, "nsubj")
            if reason is None or who is None or not keys:
                continue
            subject = referent_of(who, index)
            if subject is None or index.kind(subject) != "person":
                continue
            out.append(
                Account(
                    aspect="reason for travel",
                    subject=subject,
                    value=text_of(doc)[reason[0] : reason[1]],
                    keys=frozenset(keys),
                    claim=claim.id,
                    span=reason,
                    date=_date_in(reason, timexes),
                )
            )
    return out
