"""How far PolNeAR's own annotators agree: the ceiling any system can be measured against.

    python tools/polnear_agreement.py ../shared/corpus/polnear/train [../shared/corpus/polnear/dev ...]

PolNeAR has articles annotated by several people (train: 16, dev: 2). For every
ordered pair of annotations of one article, one is scored against the other as
`casework eval claims` scores casework (same span reader, exact and overlap),
pooled over all pairs: the F1 that the references reach against each other.
"""

from __future__ import annotations

import itertools
import sys
from collections import defaultdict
from pathlib import Path

from casework.evaluate.attribution import ROLES, read_brat
from casework.evaluate.scores import overlap


def agreement(root: Path) -> tuple[int, dict[str, float]]:
    by_article: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((root / "attributions").glob("*.ann")):
        by_article[ann.stem.rsplit("_", 1)[0]].append(ann)
    several = [paths for paths in by_article.values() if len(paths) > 1]
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # tp(a), |a|, tp(b), |b|
    for paths in several:
        for a, b in itertools.permutations([read_brat(p) for p in paths], 2):
            for role in ROLES:
                ga, gb = a.spans[role], b.spans[role]
                exact = counts[f"{role}_exact"]
                exact[0] += len(ga & gb)
                exact[1] += len(ga)
                exact[2] += len(ga & gb)
                exact[3] += len(gb)
                loose = counts[f"{role}_overlap"]
                loose[0] += sum(any(overlap(x, y) for y in gb) for x in ga)
                loose[1] += len(ga)
                loose[2] += sum(any(overlap(y, x) for x in ga) for y in gb)
                loose[3] += len(gb)
    f1 = {}
    for name, (tp_a, n_a, tp_b, n_b) in counts.items():
        p, r = tp_a / max(1, n_a), tp_b / max(1, n_b)
        f1[name] = 2 * p * r / max(1e-9, p + r)
    return len(several), f1


def main(roots: list[str]) -> None:
    for root in roots:
        n, f1 = agreement(Path(root))
        print(f"{root}: {n} articles with several annotations")
        for name, value in f1.items():
            print(f"  {name:<16} F1 {value:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["../shared/corpus/polnear/train", "../shared/corpus/polnear/dev"])
