from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = CORPUS / "seed" / "kazakhstan-state-tv-confession.txt"
DEV_GOLD = CORPUS / "dev-gold"
EXAMPLES = ROOT / "examples"


def need(path: Path) -> Path:
    """Skip, saying what is missing, when the shared corpus is not beside the checkout."""
    if not path.exists():
        pytest.skip(f"shared corpus not found at {path} (tests that read real reports need ../shared/corpus)")
    return path
