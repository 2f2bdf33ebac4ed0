"""A cheap language guess: enough to keep non-English reports away from the English pipeline.

The words are English function words no other language of the reports spells the same way
("also", "will", "so" are German words too, so they are left out); a wire brief of one sentence
has few of them, so the list is long enough that such a brief still counts as English.
"""

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
        "them",
        "than",
        "more",
        "among",
        "into",
        "over",
        "under",
        "she",
        "her",
        "him",
        "or",
        "would",
        "could",
        "can",
        "did",
        "there",
        "out",
        "about",
        "when",
        "before",
        "if",
        "what",
        "those",
        "these",
        "told",
        "says",
        "while",
        "against",
        "since",
        "we",
        "you",
        "during",
        "amid",
        "two",
        "three",
    ]
)
# Function words of the other Latin-script languages reports come in (German, French, Spanish,
# Italian, Portuguese, Turkish, Uzbek), none spelt like an English word: a headline-length brief
# with none of them and an English inflection or possessive is English ("Police detained 20 people,
# including X", "X's whereabouts remain unknown").
_OTHER_BY_LANGUAGE = (
    "der das und ist nicht ein eine mit von zu dem des auf für als auch nach bei unter ihnen wurde sind",
    "le la les des est et une du au aux dans pour par sur qui que avec ont été",
    "el los las del y es una por con para fue han",
    "il di che è della nel sono gli",
    "os da do não em com uma foram",
    "ve bir bu için ile",
    "va bilan uchun edi",
)
_OTHER = frozenset(w for line in _OTHER_BY_LANGUAGE for w in line.split())
_INFLECTED = re.compile(r"[a-z]{2,}(?:ed|ing|ies|tion|ment|ness|ly)$")
_POSSESSIVE = re.compile(r"\w['’]s\b")
# Words of detention news that no other language of the reports spells the same way, for a
# one-line brief with no function word and no inflection ("Police held X overnight.").
_NEWS_WORDS = frozenset(
    [
        # a headline's present tense: "Iran executes protester X", "Court jails blogger X"
        "arrests",
        "detains",
        "jails",
        "frees",
        "releases",
        "sentences",
        "charges",
        "executes",
        "hangs",
        "deports",
        "extradites",
        "remains",
        "holds",
        "convicts",
        "acquits",
        "pardons",
        "bars",
        "police",
        "held",
        "court",
        "jail",
        "prison",
        "freed",
        "overnight",
        "people",
        "men",
        "women",
        "man",
        "woman",
        "years",
        "custody",
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
    if english / len(words) >= 0.08:
        return "en"
    short = len(words) <= 40 and not any(w.lower() in _OTHER for w in words)
    english_shape = any(_INFLECTED.match(w) or w.lower() in _NEWS_WORDS for w in words) or bool(
        _POSSESSIVE.search(text[:2000])
    )
    return "en" if short and english_shape else "und"
