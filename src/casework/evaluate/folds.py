"""Which dev-gold articles the extraction rules were written against, and which no one read.

Five folds by article number (`NN % 5`; the seed is in fold 0). Rules are not
trained, so "in fold" means the articles whose text and errors were read while
the rules were written: the first batch (01-16), the seed, and the second batch's
folds 0, 1 and 2. The second batch's folds 3 and 4 were never read for rule
writing; their scores are the out-of-fold figures that predict unseen reports,
and they are the ones pinned. A learned component trained on dev-gold must
leave the scored fold out of its training.
"""

from __future__ import annotations

FOLDS = 5
FIRST_BATCH_LAST = 16  # 01-16: the articles the first rules were written on
UNSEEN_FOLDS = frozenset({3, 4})


def fold_of(name: str) -> int:
    return int(name) % FOLDS if name.isdigit() else 0


def is_unseen(name: str) -> bool:
    """Not read while the rules were written: second-batch articles of the held-out folds."""
    return name.isdigit() and int(name) > FIRST_BATCH_LAST and fold_of(name) in UNSEEN_FOLDS
