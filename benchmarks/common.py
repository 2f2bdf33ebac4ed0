"""Shared helpers for the benchmarks: where the shared corpus is, and a plain skip when it is not."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def need(path: Path) -> Path:
    if not path.exists():
        print(f"skipped: {path} not found (benchmarks read the shared corpus beside the checkout)")
        sys.exit(0)
    return path


def machine() -> str:
    import os

    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
