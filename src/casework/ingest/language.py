"""A cheap language guess: enough to keep non-English reports away from the English pipeline."""

from __future__ import annotations

import re

_EN = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "was",
        "with",
        "he",
        "it",
        "as",
        "by",
        "at",
        "from",
        "his",
        "be",
        "have",
        "has",
        "had",
        "are",
        "were",
        "said",
        "not",
        "they",
        "an",
        "this",
        "but",
        "which",
        "who",
        "their",
        "been",
        "its",
        "after",
    ]
)
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """'en' for English; 'ru', 'kk' or 'ky' for Cyrillic text by its letters; else 'und'."""
    words = _WORD.findall(text[:20000])
    if not words:
        return "und"
    cyrillic = sum(1 for w in words if re.match(r"[\u0400-\u04ff]", w))
    if cyrillic > len(words) / 2:
        sample = text[:20000].lower()
        if re.search("[әғқұһі]", sample):
            return "kk"
        if re.search("[ңөү]", sample):
            return "ky"
        return "ru"
    english = sum(1 for w in words if w.lower() in _EN)
    return "en" if english / len(words) >= 0.08 else "und"
