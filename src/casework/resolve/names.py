"""Is this the same name? Latin and Cyrillic spellings, transliteration variants, kept apart from near neighbours.

Plain string similarity cannot tell Tokayev from Tokarev, yet must pair
Zhaparov with Japarov and Жапаров. So a name word is first turned into a
phonetic key (Cyrillic romanised, digraphs such as zh/dzh/j or kh/h folded,
each vowel run one symbol), and two keys are compared with an edit distance
whose costs were learned from English-Russian name pairs
(`tools/learn_name_costs.py` -> `data/name_costs.json`): swaps that
transliteration makes all the time (s/z, k/ch, a dropped h) cost little, an
extra consonant (Toka-r-ev) costs much.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib.resources import files

from anyascii import anyascii

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ў": "u", "ә": "a", "ғ": "g", "қ": "k",
    "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
}  # fmt: skip

# Applied in order to the romanised word. Upper-case letters are folded sounds (S = sh, C = ch, J = zh/dzh/j, Z = ts).
_RULES = [
    (r"[^a-z]", ""),
    (r"^wr", "r"),
    (r"^kn", "n"),
    (r"^ps", "s"),
    (r"(?<=.)gh(?![aeiou])", ""),
    (r"shch|sch|sh|sz|sj", "S"),
    (r"tch|tsch|ch|cs|cz(?=[aeiou])", "C"),
    (r"dzh|dj|dsh|zh|j", "J"),
    (r"dz", "Z"),
    (r"ts|tz|cz|c(?=[eiy])", "Z"),
    (r"ph", "f"),
    (r"th", "t"),
    (r"ck", "k"),
    (r"kh", "h"),
    (r"q", "k"),
    (r"x", "ks"),
    (r"w", "v"),
    (r"c", "k"),
    (r"[aeiouy]+", "a"),
    (r"(.)\1+", r"\1"),
]
_COMPILED = [(re.compile(a), b) for a, b in _RULES]
_HAS_CYRILLIC = re.compile("[\u0400-\u04ff]")

# Two keys name one word when their distance is at most BASE + PER_SYMBOL * (their summed length):
# tuned for at most 1% false matches against random pairs (docs/quality.md).
BASE, PER_SYMBOL = 2.0, 0.3


def romanise(word: str) -> str:
    low = word.lower()
    if _HAS_CYRILLIC.search(low):
        return "".join(_CYRILLIC.get(c, anyascii(c)) for c in low)
    return anyascii(low).lower()


def _rewrite(word: str, rules: list[tuple[re.Pattern[str], str]]) -> str:
    key = romanise(word)
    for rx, repl in rules:
        key = rx.sub(repl, key)
    return key


@lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """The phonetic key of one name word: equal keys are spellings of one name."""
    return _rewrite(word, _COMPILED)


def context_symbol(key: str, i: int) -> str:
    """A consonant before a vowel is said aloud and rarely dropped: its deletion is counted apart ("r+")."""
    sym = key[i]
    return sym + "+" if sym != "a" and i + 1 < len(key) and key[i + 1] == "a" else sym


_FINE = [(re.compile(a), b) for a, b in _RULES if b not in ("a",)] + [
    (re.compile(r"y(?=[aeiou])|(?<=[aeiou])y"), "i"),
    (re.compile(r"y"), "i"),
    (re.compile(r"(?<=[aeiou])i(?=[aeiou])"), ""),  # a glide between vowels comes and goes: -eyev / -eev
    (re.compile(r"(.)\1+"), r"\1"),
]


@lru_cache(maxsize=65536)
def fine_key(word: str) -> str:
    """Like name_key, but vowels kept (y as i): tells Tsashaev from Tsushaov, which name_key folds together."""
    return _rewrite(word, _FINE)


class _Costs:
    def __init__(self, data: dict[str, object]) -> None:
        symbols = data["symbols"]
        ops = data["ops"]
        assert isinstance(symbols, dict) and isinstance(ops, dict)
        inserts = float(data["inserts"])  # type: ignore[arg-type]
        self._delete: dict[str, float] = {}
        self._insert: dict[str, float] = {}
        self._replace: dict[tuple[str, str], float] = {}
        self._default_delete = {s: -math.log10(0.5 / (n + 1)) for s, n in symbols.items()}
        self._default_insert = -math.log10(0.5 / inserts)
        self._default_replace = self._default_delete
        for op, count in ops.items():
            kind, *args = op.split("|")
            if kind == "d":
                self._delete[args[0]] = -math.log10((count + 0.5) / (symbols.get(args[0], 0) + 1))
            elif kind == "i":
                self._insert[args[0]] = -math.log10((count + 0.5) / inserts)
            else:
                self._replace[(args[0], args[1])] = -math.log10((count + 0.5) / (symbols.get(args[0], 0) + 1))

    def delete(self, a: str) -> float:
        return self._delete.get(a) or self._default_delete.get(a, self._default_delete.get(a[:1], 5.0))

    def insert(self, b: str) -> float:
        return self._insert.get(b) or self._default_insert

    def replace(self, a: str, b: str) -> float:
        return self._replace.get((a, b)) or self._default_replace.get(a, 5.0)


@lru_cache(maxsize=1)
def _costs() -> _Costs:
    data = json.loads(files("casework").joinpath("data", "name_costs.json").read_text(encoding="utf-8"))
    return _Costs(data)


def key_distance(a: str, b: str) -> float:
    """Weighted edit distance from key a to key b, with the learned costs."""
    costs = _costs()
    prev = [0.0] * (len(b) + 1)
    for j in range(1, len(b) + 1):
        prev[j] = prev[j - 1] + costs.insert(b[j - 1])
    for i in range(1, len(a) + 1):
        ca = a[i - 1]
        drop = costs.delete(context_symbol(a, i - 1))
        cur = [prev[0] + drop] + [0.0] * len(b)
        for j in range(1, len(b) + 1):
            cb = b[j - 1]
            diag = prev[j - 1] if ca == cb else prev[j - 1] + costs.replace(ca, cb)
            cur[j] = min(prev[j] + drop, cur[j - 1] + costs.insert(cb), diag)
        prev = cur
    return prev[len(b)]


@lru_cache(maxsize=1 << 18)
def same_word(a: str, b: str) -> bool:
    """Are these two spellings (any script) of one name word?"""
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return bool(ka) or a.strip().lower() == b.strip().lower()
    if not ka or not kb:
        return False
    limit = BASE + PER_SYMBOL * (len(ka) + len(kb))
    cyr_a, cyr_b = bool(_HAS_CYRILLIC.search(a)), bool(_HAS_CYRILLIC.search(b))
    # The costs were learned Latin -> Cyrillic. Across scripts, measure that way; within one
    # script neither side is "the original", so both directions must pass (Tokayev vs Tokarev).
    if cyr_a != cyr_b:
        return (key_distance(kb, ka) if cyr_a else key_distance(ka, kb)) <= limit
    return max(key_distance(ka, kb), key_distance(kb, ka)) <= limit


def fullest(names: list[str]) -> str:
    """The most complete of the names reports give one person or body; of two as full, the first in
    alphabetical order, so the choice does not hang on the order rows come back in (an incremental
    update sees them in another order than a full rebuild)."""
    return max(sorted(names), key=lambda n: (len(n.split()), len(n)))
