"""One person across many reports: cluster per-document person entities into people.

Blocking keeps the cost near-linear: only mentions that share the phonetic key
of their surname are compared. Each compared pair gets a judgement (same /
different / unsure) with a score per feature, the way nomenklatura records
them; user judgements (`casework merge` / `split`) override automatic ones
and survive every re-run.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz.distance import Levenshtein

from casework.resolve.names import fine_key, name_key, romanise, same_word

Decision = Literal["same", "different", "unsure"]


@dataclass(frozen=True)
class PersonMention:
    """A person entity of one document, with what the document says about them."""

    key: str  # "<document id>:<entity id>"
    name: str
    aliases: tuple[str, ...] = ()
    nationality: str | None = None
    occupation: str | None = None
    order: str = ""  # when its document was ingested: the earliest mention names the person


@dataclass(frozen=True)
class Judgement:
    left: str
    right: str
    decision: Decision
    score: float
    features: dict[str, float] = field(default_factory=dict, hash=False, compare=False)
    source: str = "auto"  # "auto", or "user" for merge/split


def _words(name: str) -> list[str]:
    return [w.strip(".,") for w in name.replace("-", " ").split() if w.strip(".,")[:1].isalpha()]


def _surname(m: PersonMention) -> str:
    words = _words(m.name)
    return words[-1] if words else m.name


def _first(m: PersonMention) -> str | None:
    words = _words(m.name)
    return words[0] if len(words) > 1 else None


def _initial_only(m: PersonMention) -> bool:
    first = _first(m)
    return first is not None and len(first.rstrip(".")) == 1


def _initial(m: PersonMention) -> str:
    return romanise(_first(m) or "")[:1]


def _initials_fit(full: PersonMention, initial: PersonMention) -> bool:
    """ "Z." or "J." for Zhanna / Janna / Жанна: the initial of any common spelling fits."""
    a, b = _initial(full), _initial(initial)
    return a == b or (b in "zjd" and name_key(_first(full) or "").startswith("J"))


def block_key(m: PersonMention) -> str:
    return name_key(_surname(m))


def compare(a: PersonMention, b: PersonMention) -> Judgement:
    """Same person? Names decide; a clashing first name, nationality or occupation keeps people apart."""
    features: dict[str, float] = {}
    sa, sb = _surname(a), _surname(b)
    if not same_word(sa, sb) or Levenshtein.distance(fine_key(sa), fine_key(sb)) > 1:
        return Judgement(a.key, b.key, "different", -1.0, {"surname": -1.0})
    features["surname"] = 1.0
    fa, fb = _first(a), _first(b)
    if fa and fb:
        if romanise(fa)[:1] == romanise(fb)[:1] and (len(fa.rstrip(".")) == 1 or len(fb.rstrip(".")) == 1):
            features["first_name"] = 0.5  # an initial that fits
        elif name_key(fa) == name_key(fb) and Levenshtein.distance(fine_key(fa), fine_key(fb)) <= 1:
            features["first_name"] = 1.0  # one name, spelt or transliterated otherwise
        elif same_word(fa, fb):
            features["first_name"] = 0.3  # near: Timur / Temir - not enough on its own
        else:
            features["first_name"] = -2.0
    if a.nationality and b.nationality:
        features["nationality"] = 0.5 if a.nationality == b.nationality else -2.0
    if a.occupation and b.occupation:
        oa, ob = a.occupation.split()[-1].lower(), b.occupation.split()[-1].lower()
        features["occupation"] = 0.5 if oa == ob else -0.5
    score = sum(features.values())
    if score < 0.5:
        decision: Decision = "different"
    elif fa and fb:
        decision = "same" if score >= 1.5 else "unsure"
    else:
        decision = "unsure" if score < 1.0 else "same"
    return Judgement(a.key, b.key, decision, round(score, 3), features)


class _Clusters:
    def __init__(self, mentions: dict[str, PersonMention]) -> None:
        self.parent = {k: k for k in mentions}
        self.apart: dict[str, set[str]] = defaultdict(set)  # root -> roots it must never join
        # root -> the nationalities its reports give: two people of different states stay two people
        self.states: dict[str, set[str]] = {
            k: {m.nationality} if m.nationality else set() for k, m in mentions.items()
        }

    def find(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def keep_apart(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        self.apart[ra].add(rb)
        self.apart[rb].add(ra)

    def join(self, a: str, b: str, *, force: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if rb in self.apart[ra] or any(self.find(x) == rb for x in self.apart[ra]):
            return False
        if not force and self.states[ra] and self.states[rb] and not self.states[ra] & self.states[rb]:
            return False
        self.parent[rb] = ra
        self.apart[ra] |= self.apart.pop(rb, set())
        self.states[ra] |= self.states.pop(rb, set())
        return True


@dataclass
class Resolution:
    person_of: dict[str, str]  # mention key -> person id
    judgements: list[Judgement]
    compared: int


def person_id(keys: Iterable[str]) -> str:
    """A stable id for a person: from the first mention that names them."""
    return "P" + hashlib.sha256(min(keys).encode("utf-8")).hexdigest()[:10]


def resolve_people(mentions: list[PersonMention], overrides: Iterable[Judgement] = ()) -> Resolution:
    """Cluster mentions into people; user judgements win over automatic ones.

    Blocks: the phonetic key of the surname, then the first sound of the first name, so
    the pairs compared grow with the size of a family of spellings, not with the corpus.
    A bare surname ("Osmonov") joins the one person of that surname the reports name in
    full; with several candidates it stays apart (unsure)."""
    by_key = {m.key: m for m in mentions}
    blocks: dict[str, list[PersonMention]] = defaultdict(list)
    for m in mentions:
        blocks[block_key(m)].append(m)
    judgements: list[Judgement] = []
    compared = 0
    clusters = _Clusters(by_key)
    # sorted, like the blocks below: the result must not hang on the order the store gives rows in
    user = sorted(
        (j for j in overrides if j.left in by_key and j.right in by_key), key=lambda j: (j.left, j.right)
    )
    for j in user:
        if j.decision == "different":
            clusters.keep_apart(j.left, j.right)
    for j in user:
        if j.decision == "same":
            clusters.join(j.left, j.right, force=True)
    for _block, members in sorted(blocks.items()):
        # Mentions written alike, with the same context, are one person: compare each form once.
        forms: dict[tuple[str, str | None, str | None], PersonMention] = {}
        for m in sorted(members, key=lambda m: (m.order, m.key)):
            form = (m.name.casefold(), m.nationality, m.occupation)
            if form in forms:
                clusters.join(forms[form].key, m.key)
            else:
                forms[form] = m
        members = list(forms.values())
        full = [m for m in members if _first(m) and not _initial_only(m)]
        bare = sorted(
            (m for m in members if not _first(m) or _initial_only(m)), key=lambda m: (m.order, m.key)
        )
        sub: dict[str, list[PersonMention]] = defaultdict(list)
        for m in full:
            sub[name_key(_first(m) or "")[:1]].append(m)
        for group in sub.values():
            group.sort(key=lambda m: (m.order, m.key))
            found: list[Judgement] = []
            for i, a in enumerate(group):
                for b in group[:i]:
                    compared += 1
                    found.append(compare(b, a))
            for j in sorted(found, key=lambda j: -j.score):  # strongest evidence first
                if j.decision == "same":
                    clusters.join(j.left, j.right)
            judgements.extend(found)
        named = sorted({clusters.find(m.key) for m in full})
        for m in bare:
            # "D. Osmonov" can only be one of the Osmonovs whose first name starts with D
            fine = fine_key(_surname(m))
            people = [
                p for p in named
                if (not _initial_only(m) or _initials_fit(by_key[p], m))
                and Levenshtein.distance(fine_key(_surname(by_key[p])), fine) <= 1
            ]  # fmt: skip
            if len(people) > 1 and m.nationality:
                # several candidates: the mention's own state may leave one
                people = [p for p in people if m.nationality in clusters.states[clusters.find(p)]] or people
            if len(people) > 1:
                judgements.append(
                    Judgement(m.key, people[0], "unsure", 0.0, {"candidates": float(len(people))})
                )
                continue
            # the one person of that surname named in full, or else the first bare mention
            target = people[0] if people else bare[0].key
            if target == m.key:
                continue
            compared += 1
            j = compare(by_key[target], m)
            judgements.append(j)
            if j.decision != "different":
                clusters.join(target, m.key)
    groups: dict[str, list[str]] = defaultdict(list)
    for k in by_key:
        groups[clusters.find(k)].append(k)
    person_of = {k: person_id(keys) for keys in groups.values() for k in keys}
    return Resolution(person_of, [*user, *judgements], compared)
