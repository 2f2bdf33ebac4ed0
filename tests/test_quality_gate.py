"""The evaluation gate: no change may lower a pinned score (pins in src/casework/data/quality_pins.json)."""

from __future__ import annotations

import pytest

from casework.evaluate.run import CORPUS_PATHS, KINDS, LOWER_IS_BETTER, load_pins, measure
from conftest import CORPUS, need

pytestmark = pytest.mark.slow
TOLERANCE = 1e-4  # scores are rounded to four places


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_no_pinned_score_is_lowered(kind: str) -> None:
    pins = load_pins().get(kind)
    if not pins:
        pytest.skip(f"no pinned scores for {kind}")
    result = KINDS[kind](need(CORPUS / CORPUS_PATHS[kind]))
    worse = []
    for name, pinned in pins.items():
        value = measure(result, name)
        lower_better = name.rsplit(".", 1)[-1] in LOWER_IS_BETTER
        if (value > pinned + TOLERANCE) if lower_better else (value < pinned - TOLERANCE):
            worse.append(f"{name}: {value:.4f}, pinned {pinned:.4f}")
    assert not worse, f"{kind} got worse: " + "; ".join(worse)
