"""An experiment, kept so it can be run again: a learned event-trigger detector.

    .venv/bin/python tools/train_event_triggers.py [--out /tmp/event_triggers.json]

It did not generalise, so casework does not ship it (docs/quality.md has the figures): on the
WikiEvents articles it never saw, its word-level trigger F1 was 0.27, and put beside the rules
(adding the words it was sure of that the ontology's lists miss) it moved KAIROS out-of-fold
events F1 from 0.370 to 0.373 and dev-gold out-of-fold events F1 from 0.346 to 0.337. The
misses that remain out of fold are mostly subjects, not triggers.

The model: a multinomial logistic regression over sparse features of a word and its parse and
the 96 context dimensions of spaCy's tagger (`Doc.tensor`).

Training data, in-fold halves only (the out-of-fold halves stay unseen, so `make eval` measures
the model on text it never saw):
- WikiEvents (`../shared/corpus/wikievents-train/train.jsonl`), the even articles: each KAIROS
  trigger of a type the ontology maps (`kairos:`) labels its word; every other content word is O;
- dev-gold, the in-fold articles (`casework.evaluate.folds.is_unseen` false): a gold event labels
  the word in its evidence sentence that a rule trigger of its type stands on, or else the first
  word whose lemma is a known trigger of that type; a gold event with no such word leaves its
  sentence out (its trigger is unknown, so no word there may be taught as O).

The threshold is the one with the best trigger F1 on a tuning split (every fourth training
article), after which the model is trained again on all the training articles. Seeded: the same
data gives the same weights.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc, Token

from casework.evaluate.folds import is_unseen
from casework.evaluate.gold_cases import read_gold_tree
from casework.evaluate.kairos import kairos_types, rebuild_text
from casework.extract.events import match_triggers
from casework.nlp import parse_many
from casework.ontology import load_ontology

OUTSIDE = "O"  # the class of a word that names no event
CANDIDATE_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX"})
DENSE = 96  # width of the tagger's context vectors in en_core_web_sm


def is_candidate(tok: Token) -> bool:
    """Content words: verbs, common nouns and adjectives (names and function words never trigger)."""
    return tok.pos_ in CANDIDATE_POS and tok.text[:1].islower() and tok.is_alpha


def features(tok: Token) -> list[str]:
    """The sparse features of one word: its form, its place in the parse, its neighbours."""
    lemma = tok.lemma_.lower()
    head = tok.head
    feats = [
        f"l={lemma}",
        f"lp={lemma}/{tok.pos_}",
        f"t={tok.tag_}",
        f"d={tok.dep_}",
        f"s3={tok.lower_[-3:]}",
        f"hl={head.lemma_.lower()}",
        f"dh={tok.dep_}/{head.lemma_.lower()}",
        f"ld={lemma}/{tok.dep_}",
    ]
    for c in tok.children:
        dep = c.dep_
        if dep in ("det", "punct", "cc"):
            continue
        feats.append(f"c={dep}/{c.lemma_.lower()}")
        if dep == "prep":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                feats.append(f"pp={c.lower_}/{obj.lemma_.lower()}")
                feats.append(f"lpp={lemma}/{c.lower_}/{obj.lemma_.lower()}")
        if dep in ("auxpass", "neg", "prt"):
            feats.append(f"lc={lemma}/{dep}/{c.lower_}")
        if dep in ("nsubj", "nsubjpass", "dobj", "poss"):
            feats.append(f"a={dep}/{c.ent_type_ or c.pos_}")
    if tok.dep_ == "pobj":
        feats.append(f"inpp={head.lower_}/{head.head.lemma_.lower()}")
    doc = tok.doc
    for off in (-2, -1, 1, 2):
        j = tok.i + off
        if tok.sent.start <= j < tok.sent.end:
            feats.append(f"w{off}={doc[j].lemma_.lower()}")
    return feats


SEED = 13
CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
EPOCHS = 12
RATE = 0.2
L2 = 1e-5
MIN_COUNT = 2  # a feature seen once teaches nothing that generalises
PRUNE = 0.01  # weights smaller than this are left out of the shipped file


Example = tuple[list[str], np.ndarray, str]


def _examples(doc: Doc, labels: dict[int, str], skip: set[int]) -> list[Example]:
    """One example per content word, outside the sentences whose trigger is unknown."""
    out: list[Example] = []
    tensor = doc.tensor
    for sent in doc.sents:
        if sent.start in skip:
            continue
        for tok in sent:
            if is_candidate(tok) or tok.i in labels:
                vec = tensor[tok.i] if tensor.shape[1] == DENSE else np.zeros(DENSE, dtype="float32")
                out.append((features(tok), np.asarray(vec, dtype="float32"), labels.get(tok.i, OUTSIDE)))
    return out


def wikievents(odd: bool) -> list[list[Example]]:
    """WikiEvents articles of one half (even: training; odd: never used for training)."""
    mapping = kairos_types()
    lines = (CORPUS / "wikievents-train" / "train.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    chosen = [r for n, r in enumerate(records) if n % 2 == int(odd)]
    texts, offsets = zip(*(rebuild_text([str(t) for t in r["tokens"]]) for r in chosen), strict=True)
    out = []
    for record, doc, offs in zip(chosen, parse_many(list(texts)), offsets, strict=True):
        by_char = {t.idx: t.i for t in doc}
        labels: dict[int, str] = {}
        for m in record.get("event_mentions", []):
            found = mapping.get(str(m.get("event_type", "")))
            if found is None:
                continue
            name, role = found
            if role is not None and not any(a.get("role") == role for a in m.get("arguments", [])):
                continue
            i = by_char.get(offs[int(m["trigger"]["start_idx"])])
            if i is not None:
                labels[i] = name
        out.append(_examples(doc, labels, set()))
    return out


def dev_gold(lexicon: dict[str, set[str]]) -> list[list[Example]]:
    """The in-fold dev-gold articles, labelled through their evidence sentences."""
    onto = load_ontology()
    cases = [c for c in read_gold_tree(CORPUS / "dev-gold") if not is_unseen(c.name)]
    out = []
    docs = parse_many([c.text for c in cases])
    for case, doc in zip(cases, docs, strict=True):
        labels: dict[int, str] = {}
        skip: set[int] = set()
        for g in case.gold["events"]:
            start = doc.text.find(g["evidence"])
            if start < 0:
                continue
            sent = doc.char_span(start, start + len(g["evidence"]), alignment_mode="expand")
            if sent is None:
                continue
            sent = sent[0].sent
            kind = g["type"]
            tok = None
            for trig in match_triggers(sent, onto):
                names = {trig.type.name, trig.type.with_term or ""}
                if kind in names and trig.token.i not in labels:
                    tok = trig.token.i
                    break
            if tok is None:
                tok = next(
                    (t.i for t in sent if t.lemma_.lower() in lexicon.get(kind, set()) and t.i not in labels),
                    None,
                )
            if tok is None:
                skip.add(sent.start)
            else:
                labels[tok] = kind
        out.append(_examples(doc, labels, skip))
    return out


def _lexicon() -> dict[str, set[str]]:
    """Trigger lemmas each type is known by: the ontology's word lists."""
    out: dict[str, set[str]] = {}
    for name, et in load_ontology().events.items():
        out[name] = set(et.verbs) | set(et.nouns)
    return out


class Trainer:
    def __init__(self, examples: list[Example], classes: list[str]) -> None:
        counts = Counter(f for feats, _, _ in examples for f in set(feats))
        self.vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}
        self.classes = classes
        self.index = {c: i for i, c in enumerate(classes)}
        c = len(classes)
        self.w = np.zeros((len(self.vocab), c))
        self.d = np.zeros((DENSE, c))
        self.b = np.zeros(c)
        self.gw = np.full_like(self.w, 1e-6)
        self.gd = np.full_like(self.d, 1e-6)
        self.gb = np.full_like(self.b, 1e-6)

    def _ids(self, feats: list[str]) -> list[int]:
        return [self.vocab[f] for f in feats if f in self.vocab]

    def fit(self, examples: list[Example]) -> None:
        rng = random.Random(SEED)
        prepared = [(np.array(self._ids(f), dtype=int), v, self.index[y]) for f, v, y in examples]
        order = list(range(len(prepared)))
        for _ in range(EPOCHS):
            rng.shuffle(order)
            for n in order:
                ids, vec, y = prepared[n]
                z = self.b + self.w[ids].sum(axis=0) + vec @ self.d
                p = np.exp(z - z.max())
                p /= p.sum()
                p[y] -= 1.0  # the gradient of the log loss
                gw = p[None, :] + L2 * self.w[ids]
                self.gw[ids] += gw * gw
                self.w[ids] -= RATE * gw / np.sqrt(self.gw[ids])
                gd = np.outer(vec, p) + L2 * self.d
                self.gd += gd * gd
                self.d -= RATE * gd / np.sqrt(self.gd)
                self.gb += p * p
                self.b -= RATE * p / np.sqrt(self.gb)

    def to_json(self, threshold: float, trained_on: dict[str, Any]) -> dict[str, Any]:
        sparse: dict[str, dict[str, float]] = {}
        for f, i in self.vocab.items():
            row = {str(k): round(float(w), 3) for k, w in enumerate(self.w[i]) if abs(w) >= PRUNE}
            if row:
                sparse[f] = row
        return {
            "classes": self.classes,
            "bias": [round(float(b), 4) for b in self.b],
            "sparse": sparse,
            "dense": [[round(float(w), 4) for w in row] for row in self.d],
            "threshold": threshold,
            "trained_on": trained_on,
        }


def trigger_f1(
    trainer: Trainer, threshold: float, articles: list[list[Example]]
) -> tuple[float, float, float]:
    """Word-level precision, recall and F1 over event words (O excluded)."""
    hit = pred = gold = 0
    for examples in articles:
        for feats, vec, y in examples:
            ids = trainer._ids(feats)
            z = trainer.b + trainer.w[ids].sum(axis=0) + vec @ trainer.d
            p = np.exp(z - z.max())
            p /= p.sum()
            k = int(p.argmax())
            guess = trainer.classes[k] if p[k] >= threshold else OUTSIDE
            pred += guess != OUTSIDE
            gold += y != OUTSIDE
            hit += guess != OUTSIDE and guess == y
    precision = hit / pred if pred else 0.0
    recall = hit / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/event_triggers.json"))
    args = parser.parse_args(argv)
    if not (CORPUS / "wikievents-train").is_dir():
        print(f"train_event_triggers: no corpus at {CORPUS}", file=sys.stderr)
        return 2
    articles = wikievents(odd=False) + dev_gold(_lexicon())
    positives = Counter(y for a in articles for _, _, y in a if y != OUTSIDE)
    classes = [OUTSIDE, *sorted(k for k, n in positives.items() if n >= 5)]
    articles = [[(f, v, y if y in classes else OUTSIDE) for f, v, y in a] for a in articles]
    print(
        f"training words: {sum(map(len, articles))}; event words by type: {dict(sorted(positives.items()))}"
    )
    tune = [a for n, a in enumerate(articles) if n % 4 == 0]
    rest = [a for n, a in enumerate(articles) if n % 4]
    trainer = Trainer([e for a in rest for e in a], classes)
    trainer.fit([e for a in rest for e in a])
    best = max((trigger_f1(trainer, t / 20, tune)[2], t / 20) for t in range(4, 19))
    threshold = best[1]
    print(f"tuning split: F1 {best[0]:.3f} at threshold {threshold}")
    trainer = Trainer([e for a in articles for e in a], classes)
    trainer.fit([e for a in articles for e in a])
    unseen = wikievents(odd=True)
    unseen = [[(f, v, y if y in classes else OUTSIDE) for f, v, y in a] for a in unseen]
    p, r, f = trigger_f1(trainer, threshold, unseen)
    print(f"WikiEvents odd articles (never trained on): trigger P {p:.3f} R {r:.3f} F1 {f:.3f}")
    data = trainer.to_json(
        threshold,
        {
            "data": "WikiEvents train.jsonl even articles; dev-gold in-fold articles",
            "seed": SEED,
            "epochs": EPOCHS,
            "training_words": sum(map(len, articles)),
            "event_words": dict(sorted(positives.items())),
            "wikievents_odd_trigger": {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)},
        },
    )
    args.out.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB, {len(data['sparse'])} features)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
