"""Learn which verbs attribute speech or thought, from PolNeAR's training articles.

    python tools/learn_attribution_cues.py ../shared/corpus/polnear/train [LIMIT]

For every verb lemma, counts how often a token of it is (part of) a gold Cue
span, over how often it occurs as a verb; lemmas that are cues often enough
are written to src/casework/data/attribution_cues.json with their rate. Only
the train split is read: the dev split stays for `casework eval claims`.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from casework.evaluate.attribution import _articles
from casework.nlp import parse_many

OUT = Path(__file__).resolve().parent.parent / "src" / "casework" / "data" / "attribution_cues.json"
MIN_SEEN, MIN_RATE = 5, 0.3


def _cue_spans(ann: Path) -> list[tuple[int, int]]:
    spans = []
    for line in ann.read_text(encoding="utf-8").split("\n"):
        cols = line.split("\t")
        if len(cols) >= 2 and cols[0].startswith("T") and cols[1].startswith("Cue "):
            for piece in cols[1][4:].split(";"):
                start, end = piece.split()
                spans.append((int(start), int(end)))
    return spans


def main(root: str, limit: int | None) -> int:
    articles = _articles(Path(root))[:limit]
    texts = [t.read_text(encoding="utf-8") for t, _ in articles]
    seen: Counter[str] = Counter()
    cue: Counter[str] = Counter()
    for (_, ann), doc in zip(articles, parse_many(texts), strict=True):
        spans = _cue_spans(ann)
        for tok in doc:
            if tok.pos_ != "VERB":
                continue
            lemma = tok.lemma_.lower()
            seen[lemma] += 1
            if any(s <= tok.idx < e for s, e in spans):
                cue[lemma] += 1
    rates = {
        lemma: round(cue[lemma] / n, 3)
        for lemma, n in seen.items()
        if n >= MIN_SEEN and cue[lemma] / n >= MIN_RATE
    }
    data = {
        "about": "verbs that attribute speech or thought, with the rate at which PolNeAR train marks them as cues",
        "articles": len(articles),
        "cues": dict(sorted(rates.items())),
    }
    OUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"{len(rates)} cue verbs from {len(articles)} articles -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else None))
