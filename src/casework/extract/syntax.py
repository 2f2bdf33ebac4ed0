"""Small questions asked of a dependency parse, shared by the event and claim extractors."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

SUBJECTS = ("nsubj", "nsubjpass", "csubj")


def clause_subject(token: Token, *, through_adjectives: bool = False) -> Token | None:
    """The subject of the clause a verb heads, following conjunctions ('was arrested and forced');
    with THROUGH_ADJECTIVES also past an adjective that governs it ("is due to appear")."""
    seen = 0
    cur: Token | None = token
    while cur is not None and seen < 6:
        subjects = [c for c in cur.children if c.dep_ in SUBJECTS]
        if subjects:
            # two subjects are a misparse: a dateline ("HOUSTON - A 26-year-old man has been
            # sentenced") or a parenthetical speaker ("said Mr Hogan, the code ... were held"); the
            # one nearest the verb, and not a place, is the clause's
            people = [c for c in subjects if c.ent_type_ not in ("GPE", "LOC")] or subjects
            listed = _listed_subjects(people)
            if listed:
                return listed[0]  # "A, 34, and his brother B, 30, were held": one list, not two subjects
            before = [c for c in people if c.i < cur.i]
            return max(before, key=lambda c: c.i) if before else people[0]
        set_off = _set_off_subject(cur)
        if set_off is not None:
            return set_off
        modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in cur.children)
        if cur.dep_ == "conj" and modal:
            return None  # "X will work ... and Y will be freed": a clause of its own
        if cur.dep_ == "pcomp" and cur.head.dep_ == "prep":
            cur = cur.head.head  # "Despite being arrested, Buhecha was ..."
            seen += 1
            continue
        # "is due to appear": with through_adjectives the adjective's clause has the subject
        climbs = ("conj", "advcl", "xcomp", "acomp") if through_adjectives else ("conj", "advcl", "xcomp")
        if cur.dep_ in climbs and cur.head is not cur:
            cur = cur.head
            seen += 1
            continue
        return None
    return None


def _listed_subjects(subjects: list[Token]) -> list[Token]:
    """Two subjects of one verb where the first ends in a dangling "and" ("Tom Reed, 34, and his
    brother Mark, 30, were arrested": the ages cut the list and the parser leaves the "and" no
    conjunct): the members of one list, in order; else none."""
    if len(subjects) < 2:
        return []
    first = min(subjects, key=lambda c: c.i)
    dangling = any(c.dep_ == "cc" for c in first.children) and not any(
        c.dep_ == "conj" for c in first.children
    )
    return sorted(subjects, key=lambda c: c.i) if dangling else []


def _set_off_subject(verb: Token) -> Token | None:
    """ "Ruslan Bakirov, wanted over the attack, was taken into custody": the parser reads "Bakirov
    wanted" as a clause of its own and leaves the verb no subject; the name set off by commas is it."""
    for c in verb.children:
        if c.dep_ != "advcl" or c.i > verb.i or c.tag_ not in ("VBD", "VBN"):
            continue
        if any(a.dep_ in ("aux", "auxpass", "mark") for a in c.children):
            continue
        subj = next((s for s in c.children if s.dep_ == "nsubj" and s.i < c.i), None)
        if subj is not None and _comma_after(subj) and _comma_after(c):
            return subj
    return None


def _comma_after(tok: Token) -> bool:
    """Whether a comma closes the phrase a word heads (the parser hangs it inside or after)."""
    edge = tok.right_edge
    return edge.text == "," or (edge.i + 1 < len(tok.doc) and tok.doc[edge.i + 1].text == ",")


def is_passive(token: Token) -> bool:
    """Passive, also as the second of two verbs that share one subject ('was detained and charged')."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children) or (
        token.tag_ == "VBN" and token.dep_ in ("amod", "acl")
    ):
        return True
    own_subject = any(c.dep_ in SUBJECTS or c.dep_ == "aux" for c in token.children)
    if token.dep_ == "xcomp" and token.tag_ == "VBN" and not own_subject and is_passive(token.head):
        return True  # "was ordered held without bail"
    # the tagger often reads the second participle as a past tense ("was stripped ... and expelled")
    return (
        token.dep_ == "conj" and token.tag_ in ("VBN", "VBD") and not own_subject and is_passive(token.head)
    )


def child(token: Token, *deps: str) -> Token | None:
    for c in token.children:
        if c.dep_ in deps:
            return c
    return None


def with_conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ('X and Y were arrested'); a plural noun
    with a list in apposition stands for the list ('Two engineers, A and B, were kidnapped')."""
    if token.tag_ in ("NNS", "NNPS", "CD", "NN"):
        appos = next((c for c in token.children if c.dep_ == "appos"), None)
        # "Three activists - A, B and C - were charged": the parser may hang B as A's apposition;
        # "The couple, A and B, were detained": a singular word for a pair
        if (
            appos is not None
            and appos.pos_ == "PROPN"
            and any(c.dep_ == "conj" or (c.dep_ == "appos" and c.pos_ == "PROPN") for c in appos.children)
        ):
            return with_conjuncts(appos)
    out = [token]
    if token.dep_ in SUBJECTS and token.head.i != token.i:
        siblings = [c for c in token.head.children if c.dep_ in SUBJECTS]
        listed = _listed_subjects(siblings)
        if listed and listed[0].i == token.i:
            for other in listed[1:]:
                out.extend(with_conjuncts(other))
    for c in token.children:
        if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON"):
            out.extend(with_conjuncts(c))
        elif (
            c.dep_ == "nmod"
            and c.i < token.i
            and token.ent_type_ == "PERSON"
            and c.ent_type_ == "PERSON"
            and any(g.dep_ == "cc" for g in c.children)
        ):
            # "arrested A B and C D": the parser may read "A B and" as a modifier of the last name
            out.insert(0, c)
        elif (
            c.dep_ == "appos"
            # the tagger's label is no guide here: it reads many Central Asian surnames as places
            and token.pos_ == "PROPN"
            and c.pos_ == "PROPN"
            and any(g.dep_ == "conj" for g in c.children)
        ):
            out.extend(with_conjuncts(c))  # "A, B, C and D": the parser hangs a list's rest as an apposition
        elif c.dep_ == "appos" and token.ent_type_ == "PERSON" and c.pos_ == "NOUN":
            # "A, the former chief executive, and B, his finance director,": the parser hangs B on
            # A's description
            out.extend(
                t
                for g in c.children
                if g.dep_ == "conj" and g.ent_type_ == "PERSON"
                for t in with_conjuncts(g)
            )
    return out


def governing_verb(token: Token) -> Token | None:
    """The verb a noun hangs from ('paraded X for a confession' -> paraded)."""
    cur = token
    for _ in range(5):
        if cur.head is cur:
            return cur if cur.pos_ in ("VERB", "AUX") else None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def span_of(tokens: Iterable[Token]) -> tuple[int, int]:
    toks = sorted(tokens, key=lambda t: t.i)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def subtree_span(token: Token) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge
    while right.is_punct and right.i > left.i:
        right = right.doc[right.i - 1]
    return left.idx, right.idx + len(right.text)
