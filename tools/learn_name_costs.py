"""Learn the edit costs of casework's name matcher from English-Russian name pairs.

    python tools/learn_name_costs.py ../shared/corpus/names/wd_russian_64

Counts, over the aligned phonetic keys of each pair (Latin -> Cyrillic), how
often each symbol is kept, swapped, dropped or added, and writes the counts to
src/casework/data/name_costs.json (costs are -log10 of those rates, computed at
load time). Only words in the training part of the split (see
casework.evaluate.names.in_training_part) are used, so the rest stays unseen
for evaluation.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from casework.evaluate.names import in_training_part, read_pairs
from casework.resolve.names import context_symbol, name_key

NOISE = 0.5  # pairs whose keys differ in more than half their symbols are left out of the counts
OUT = Path(__file__).resolve().parent.parent / "src" / "casework" / "data" / "name_costs.json"


def main(path: str) -> int:
    pairs = [(en, ru) for en, ru in read_pairs(Path(path)) if in_training_part(en)]
    symbols: Counter[str] = Counter()
    ops: Counter[str] = Counter()
    inserts = 0
    used = 0
    for en, ru in pairs:
        a, b = name_key(en), name_key(ru)
        edits = Levenshtein.editops(a, b)
        if len(edits) > NOISE * max(len(a), len(b), 1):
            continue  # a mined pair that is not one name (e.g. a given name paired with a surname)
        used += 1
        symbols.update(a)
        symbols.update(context_symbol(a, i) for i in range(len(a)) if context_symbol(a, i) != a[i])
        inserts += len(b) + 1
        for op, i, j in edits:
            if op == "replace":
                ops[f"r|{a[i]}|{b[j]}"] += 1
            elif op == "delete":
                ops[f"d|{context_symbol(a, i)}"] += 1
            else:
                ops[f"i|{b[j]}"] += 1
    data = {
        "about": "casework name matcher edit counts, learned by tools/learn_name_costs.py",
        "pairs": used,
        "inserts": inserts,
        "symbols": dict(sorted(symbols.items())),
        "ops": {k: v for k, v in sorted(ops.items()) if v >= 2},  # one-off alignments are noise
    }
    OUT.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"learned from {used} of {len(pairs)} pairs: {len(data['ops'])} edit operations -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
