"""Cross-document person resolution at scale: 1,000,000 generated person mentions.

The generator makes people with Central Asian and Russian names and writes each
mention the way reports do: transliteration variants (zh/j/dzh, kh/h, -yev/-ev,
y/i), Cyrillic script, an initial for the first name (5%), a bare surname (1%:
reports introduce a person by full name, and a later bare surname is resolved
inside the report before this step), and namesakes (other people with the same
surname, 2% with the same full name but another nationality). Each mention is
its own document. It knows who is who, so precision and recall are counted
over pairs of mentions (pairwise, from the contingency table of clusters).

Usage: python benchmarks/resolution.py [MENTIONS]
"""

from __future__ import annotations

import random
import sys
import time
from collections import Counter

from common import machine

from casework.resolve.people import PersonMention, resolve_people

_CONS = [
    "b",
    "d",
    "g",
    "k",
    "l",
    "m",
    "n",
    "r",
    "s",
    "t",
    "zh",
    "kh",
    "sh",
    "ch",
    "ts",
    "y",
    "j",
    "z",
    "v",
    "p",
]
_VOW = ["a", "e", "i", "o", "u", "y"]
_END = ["ov", "ev", "yev", "in", "bek", "uly", "bayev", "aliev", "imov"]
_CYR = {
    "zh": "ж", "kh": "х", "sh": "ш", "ch": "ч", "ts": "ц", "yev": "ев", "ya": "я", "yu": "ю",
    "a": "а", "b": "б", "d": "д", "e": "е", "g": "г", "i": "и", "j": "дж", "k": "к", "l": "л", "m": "м",
    "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "t": "т", "u": "у", "v": "в", "y": "ы", "z": "з",
}  # fmt: skip
_COUNTRIES = ["Kyrgyzstan", "Kazakhstan", "Uzbekistan", "Tajikistan", "Russia", "Turkmenistan"]


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_CONS) + rng.choice(_VOW[:5]) for _ in range(syllables))


def _cyrillic(word: str) -> str:
    out, i = "", 0
    while i < len(word):
        for n in (3, 2, 1):
            if word[i : i + n] in _CYR:
                out += _CYR[word[i : i + n]]
                i += n
                break
        else:
            i += 1
    return out


def _variant(rng: random.Random, word: str) -> str:
    """One of the spellings a report might use for the same name."""
    roll = rng.random()
    if roll < 0.15:
        return _cyrillic(word.lower()).capitalize()
    w = word
    if roll < 0.35:
        w = w.replace("zh", "j") if rng.random() < 0.5 else w.replace("j", "dzh")
    elif roll < 0.5:
        w = w.replace("kh", "h").replace("yev", "ev")
    elif roll < 0.6:
        w = w.replace("y", "i", 1)
    return w[:1].upper() + w[1:]


def generate(n_mentions: int, seed: int = 7) -> tuple[list[PersonMention], list[int]]:
    rng = random.Random(seed)
    surnames = [_word(rng, rng.choice((2, 3))) + rng.choice(_END) for _ in range(max(50, n_mentions // 40))]
    firsts = [_word(rng, rng.choice((2, 3))) for _ in range(400)]
    people: list[tuple[str, str, str]] = []
    taken: set[tuple[str, str]] = set()
    n_people = max(10, n_mentions // 12)
    while len(people) < n_people:
        if people and rng.random() < 0.02:  # a namesake: same full name, another country
            first, last, country = rng.choice(people)
            people.append((first, last, rng.choice([c for c in _COUNTRIES if c != country])))
            continue
        first, last = rng.choice(firsts), rng.choice(surnames)
        if (first, last) in taken:
            continue  # a random clash of syllables is not a namesake anyone would write about
        taken.add((first, last))
        people.append((first, last, rng.choice(_COUNTRIES)))
    mentions, truth = [], []
    for i in range(n_mentions):
        pid = rng.randrange(n_people)
        first, last, country = people[pid]
        form = rng.random()
        surname = _variant(rng, last)
        if form < 0.01:
            name = surname  # a bare surname
        elif form < 0.06:
            name = f"{first[0].upper()}. {surname}"
        else:
            name = f"{_variant(rng, first)} {surname}"
        nationality = country if rng.random() < 0.6 else None
        mentions.append(PersonMention(f"d{i}:p1", name, nationality=nationality, order=f"{i:09d}"))
        truth.append(pid)
    return mentions, truth


def pairwise(predicted: list[str], truth: list[int]) -> tuple[float, float]:
    def pairs(counts: Counter[object]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    both = pairs(Counter(zip(predicted, truth, strict=True)))
    pred, gold = pairs(Counter(predicted)), pairs(Counter(truth))
    return (both / pred if pred else 1.0), (both / gold if gold else 1.0)


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    mentions, truth = generate(n)
    print(f"resolution: {n} generated person mentions, {len(set(truth))} people; {machine()}")
    start = time.perf_counter()
    result = resolve_people(mentions)
    elapsed = time.perf_counter() - start
    precision, recall = pairwise([result.person_of[m.key] for m in mentions], truth)
    print(
        f"  {elapsed:.1f} s ({n / elapsed:,.0f} mentions/s), {result.compared / n:.2f} pairs compared per mention, "
        f"pairwise precision {precision:.4f}, recall {recall:.4f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
