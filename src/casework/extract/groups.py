"""Who a group is: the named people a report lists as members of "the men", "the protesters".

When a report says "Eight protesters ... have been charged" and later names
them ("Those charged included A and B", "One of the men, C, ...", "The other
protesters are D, E and F"), an event that happens to the group happens to
each of them: the case files are per person.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from casework.extract.entities import EntityIndex
from casework.extract.syntax import with_conjuncts
from casework.languages import words
from casework.nlp import text_of
from casework.ontology import load_ontology

EN = words("en")  # the English pack: these components serve English

_NAMING_VERBS = EN.set("verbs.naming")
_LISTING_VERBS = EN.set("verbs.listing") | _NAMING_VERBS


def _is_group_word(tok: Token) -> bool:
    """A plural noun for people ("the men", "protesters") or "those" used as a noun."""
    if tok.lower_ == "those" and tok.dep_ in ("nsubj", "nsubjpass"):
        return True
    if tok.lower_ == "they" and tok.dep_ == "nsubjpass" and tok.head.lemma_ in _NAMING_VERBS:
        return True  # "They were named as A, B and C": the group spoken of just before
    return tok.tag_ == "NNS" and tok.lemma_.lower() in load_ontology().person_nouns


def _persons(tokens: list[Token], index: EntityIndex) -> list[str]:
    out = []
    for tok in tokens:
        ent = index.at(tok.idx, tok.idx + len(tok.text))
        if ent is not None and index.kind(ent) == "person" and ent not in out:
            out.append(ent)
    return out


_RELATION = re.compile(rf"\b{EN.alternation('prepositions.relation')}\s+(?:[\w-]+\s+){{0,3}}$", re.IGNORECASE)
_JOINED = re.compile(rf"^\s*(?:,\s*)?{EN.alternation('conjunctions')}\s+$")


def _listed(verb: Token, index: EntityIndex) -> list[str]:
    """The people listed after a listing verb, not those in phrases about them ("the son of X").

    Long lists with ages and occupations ("A, 37, a huntsman from L, B, 34, ...") defeat the parse,
    so this reads the text: each person named after the verb counts, unless a preposition just
    before ties the name to someone else ("son of rock star X", "friend of princes Y and Z")."""
    sent = verb.sent
    text = text_of(verb.doc)
    mentions = sorted(
        (
            m
            for m in index.mentions
            if verb.idx < m.start < sent.end_char and index.kind(m.entity) == "person"
        ),
        key=lambda m: m.start,
    )
    out: list[str] = []
    previous_end, plural_relation = verb.idx + len(verb.text), False
    for m in mentions:
        before = text[previous_end : m.start]
        window = text[max(sent.start_char, m.start - 40) : m.start]
        related = bool(_RELATION.search(window))
        if plural_relation and _JOINED.match(before):
            related = True  # "friend of princes William and Harry": the plural noun takes both
        if not related and m.entity not in out:
            out.append(m.entity)
        plural_relation = related and bool(re.search(r"\b[a-z]+s\s+$", window))
        previous_end = m.end
    return out


def _in_relation(tok: Token) -> bool:
    """'a friend of journalists A and B': the names belong to a relation, not to the group."""
    relation = {"of", "with", "for", "by", "to", "like", "besides"}
    return any(a.dep_ == "prep" and a.lower_ in relation for a in tok.ancestors) or tok.dep_ == "poss"


def group_members(doc: Doc, index: EntityIndex) -> list[str]:
    """The people the report names as members of the group it speaks of, in order of first naming."""
    members: list[str] = []
    for tok in doc:
        named: list[Token] = []
        listed: list[str] = []
        # "Those charged included A and B", "The other protesters are C, D and E"
        if tok.dep_ in ("nsubj", "nsubjpass") and _is_group_word(tok) and tok.head.lemma_ in _LISTING_VERBS:
            listed = _listed(tok.head, index)
        # "One of the men, C, said ..."
        elif tok.lower_ in ("one", "two", "three", "four", "five") and tok.pos_ == "NUM":
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if obj is not None and _is_group_word(obj):
                named = [c for c in tok.children if c.dep_ == "appos"]
        # "Greek sprinters A and B", "the two men, A and B,": a plural noun before or beside a list of names
        elif _is_group_word(tok) and not _in_relation(tok):
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and nxt.ent_type_ == "PERSON":
                name = nxt
                while name.dep_ == "compound" and name.head.ent_type_ == "PERSON" and name.head.i > name.i:
                    name = name.head
                named = with_conjuncts(name)
            else:
                appos = next((c for c in tok.children if c.dep_ == "appos"), None)
                named = with_conjuncts(appos) if appos is not None else []
            if len(_persons(named, index)) < 2:
                named = []
        for ent in listed + _persons(named, index):
            if ent not in members:
                members.append(ent)
    return members
