"""`casework eval names`: does the matcher pair each Latin name with its Cyrillic form, and not with others?"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path
from typing import Any

from casework.errors import InputRejected
from casework.resolve.names import same_word


def read_pairs(path: Path) -> list[tuple[str, str]]:
    """(latin, cyrillic) word pairs from the tab-separated file (Cyrillic letters space-separated)."""
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            raise InputRejected(f"{path}:{number}", "expected latin<TAB>cyrillic")
        pairs.append((cols[0].strip(), cols[1].replace(" ", "").strip()))
    return pairs


def in_training_part(word: str) -> bool:
    """The fixed 80% of words the matcher's costs are learned from; the other 20% stay unseen."""
    return int(hashlib.sha256(word.encode("utf-8")).hexdigest()[:8], 16) % 10 < 8


def _measure(pairs: list[tuple[str, str]], seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    shuffled = [ru for _, ru in pairs]
    rng.shuffle(shuffled)
    hits = sum(same_word(en, ru) for en, ru in pairs)
    negatives = [(en, ru) for (en, true), ru in zip(pairs, shuffled, strict=True) if ru != true]
    false = sum(same_word(en, ru) for en, ru in negatives)
    return {
        "pairs": len(pairs),
        "recall": round(hits / len(pairs), 4) if pairs else 0.0,
        "non_pairs": len(negatives),
        "false_match_rate": round(false / len(negatives), 4) if negatives else 0.0,
    }


def evaluate_names(path: Path, *, seed: int = 13) -> dict[str, Any]:
    """Recall on true pairs and false-match rate on shuffled non-pairs: on all pairs, and on the unseen part."""
    pairs = read_pairs(path)
    unseen = [p for p in pairs if not in_training_part(p[0])]
    return {"names": _measure(pairs, seed), "names_unseen": _measure(unseen, seed)}
