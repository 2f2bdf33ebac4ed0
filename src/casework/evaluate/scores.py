"""Precision, recall and F1, as every evaluation reports them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def overlap(a: tuple[int, int], b: tuple[int, int] | None) -> bool:
    """Do two character spans share at least one character? (No span overlaps nothing.)"""
    return b is not None and a[0] < b[1] and b[0] < a[1]


@dataclass
class Score:
    """Counts behind P/R/F1. With one-to-one matching both hit counts are equal; with overlap
    matching, system items that hit (for precision) and gold items that are hit (for recall) differ."""

    system_hits: float = 0.0
    predicted: float = 0.0
    gold: float = 0.0
    gold_hits: float = 0.0

    @property
    def precision(self) -> float:
        return self.system_hits / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.gold_hits / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, hits: float, predicted: float, gold: float, gold_hits: float | None = None) -> None:
        self.system_hits += hits
        self.predicted += predicted
        self.gold += gold
        self.gold_hits += hits if gold_hits is None else gold_hits

    def to_json(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "predicted": self.predicted,
            "gold": self.gold,
        }
