"""A learned guess at whom an event happens to, for triggers the parse rules find no one for.

The rules in `events.py` read a subject from the constructions they know ("X was arrested", "the
arrest of X"). On reports nobody tuned them for, a trigger is often found and its subject lost to a
construction no rule names. The ranker scores each noun, name and pronoun in the trigger's
sentence as that trigger's patient with a logistic regression over the parse path between them
and the words at both ends, and the best one above the model's threshold is taken.

The weights are trained by `tools/train_subject_ranker.py` (its docstring says on what, and with
which seed) and ship as `data/subject_ranker.json`; nothing is fetched at run time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from casework.ontology import load_ontology

NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_MARKS = frozenset({"det", "poss", "aux", "auxpass", "neg", "nsubj", "nsubjpass", "dobj", "prep", "amod"})
_MAX_PATH = 5  # longer parse paths share one feature: they are rare and alike


@dataclass(frozen=True)
class Ranker:
    weights: dict[str, float]
    bias: float
    threshold: float

    def score(self, feats: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def load_ranker() -> Ranker | None:
    """The shipped weights, or None when the package has none (the rules then work alone)."""
    try:
        raw = resources.files("casework.data").joinpath("subject_ranker.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    data = json.loads(raw)
    return Ranker(
        {str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"]), float(data["threshold"])
    )


def candidates(trigger: Token, sent: Span) -> list[Token]:
    """The heads of the noun phrases in the sentence: one token a name, a noun or a pronoun."""
    out = []
    for tok in sent:
        if tok.i == trigger.i or tok.pos_ not in NOMINAL:
            continue
        if tok.dep_ in ("compound", "flat", "nmod") and tok.head.pos_ in ("PROPN", "NOUN"):
            continue  # "Aziz" of "Aziz Karimov", "opposition" of "opposition leader": the head stands
        if tok.pos_ == "NUM" and tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "appos"):
            continue  # "five years", "2019": a count of people only where a noun phrase would be
        out.append(tok)
    return out


def _path(a: Token, b: Token) -> tuple[list[str], list[str]]:
    """The dependency labels climbed from A to the lowest common head, and descended from it to B."""
    up_a = [a, *a.ancestors]
    seen = {t.i: n for n, t in enumerate(up_a)}
    down: list[str] = []
    tok = b
    while tok.i not in seen:
        down.append(tok.dep_)
        if tok.head.i == tok.i:
            break
        tok = tok.head
    top = seen.get(tok.i, len(up_a) - 1)
    up = [t.dep_ for t in up_a[:top]]
    return up, list(reversed(down))


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else "4-6" if n <= 6 else "7-10" if n <= 10 else "11+"


def _word(tok: Token) -> str:
    if tok.pos_ == "PRON":
        return tok.lower_
    if tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON":
        return "NAME"
    if tok.pos_ == "NUM":
        return "NUM"
    return tok.lemma_.lower()


def features(trigger: Token, cand: Token, event_type: str) -> list[str]:
    """The sparse features of one (trigger, candidate) pair."""
    up, down = _path(trigger, cand)
    steps = len(up) + len(down)
    path = "^".join(up) + "|" + "v".join(down) if steps <= _MAX_PATH else "long"
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in trigger.children) or (
        trigger.tag_ == "VBN" and trigger.dep_ in ("acl", "amod", "advcl")
    )
    side = "before" if cand.i < trigger.i else "after"
    onto = load_ontology()
    person = (
        cand.ent_type_ == "PERSON"
        or cand.lemma_.lower() in onto.person_nouns
        or cand.lower_ in ("he", "she", "him", "her", "they", "them", "who", "whom", "his", "their")
    )
    head = cand.head
    feats = [
        f"p={path}",
        f"pu={'^'.join(up[:3])}",
        f"pd={'v'.join(down[-3:])}",
        f"n={_bucket(steps)}",
        f"side={side}",
        f"dist={_bucket(abs(cand.i - trigger.i))}/{side}",
        f"cp={cand.pos_}",
        f"cd={cand.dep_}",
        f"ce={cand.ent_type_ or '-'}",
        f"cw={_word(cand)}",
        f"person={person}",
        f"tp={trigger.pos_}",
        f"tl={trigger.lemma_.lower()}",
        f"tt={trigger.tag_}",
        f"td={trigger.dep_}/{trigger.head.lemma_.lower()}",
        f"tdet={'/'.join(sorted(c.dep_ for c in trigger.children if c.dep_ in _MARKS)) or '-'}",
        f"ty={event_type}",
        f"pass={passive}",
        f"ty|p={event_type}|{path}",
        f"tp|p={trigger.pos_}|{path}",
        f"pass|cd={passive}|{cand.dep_}|{side}",
        f"person|p={person}|{path}",
        f"person|n={person}|{_bucket(steps)}",
        f"ch={head.lemma_.lower()}/{cand.dep_}",
        f"cue={head.lemma_.lower() in onto.claim_cues}/{cand.dep_}",
    ]
    if cand.ent_type_ in ("ORG", "GPE", "NORP", "LOC", "FAC", "DATE", "TIME", "MONEY", "CARDINAL"):
        feats.append(f"notperson={cand.ent_type_}")
    return feats


def best_subject(trigger: Token, sent: Span, event_type: str) -> Token | None:
    """The candidate the model is surest of, if above its threshold."""
    ranker = load_ranker()
    if ranker is None:
        return None
    scored = [(ranker.score(features(trigger, c, event_type)), c) for c in candidates(trigger, sent)]
    if not scored:
        return None
    p, tok = max(scored, key=lambda pair: pair[0])
    return tok if p >= ranker.threshold else None
