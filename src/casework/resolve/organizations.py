"""Organisations and places across reports: one key for the many ways a report names the same body.

"Ministry of Foreign Affairs of Kyrgyzstan", "Kyrgyz Foreign Ministry" and "MFA
of the Kyrgyz Republic" are one body: demonyms become their country, common
abbreviations are spelt out, word order and function words do not count.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from casework.ontology import load_gazetteer
from casework.resolve.names import fullest, name_key

_DROP = {"the", "of", "for", "and", "republic", "a", "an", "de", "s"}
_ABBREVIATIONS = {
    "mfa": ["ministry", "foreign", "affairs"],
    "mvd": ["ministry", "internal", "affairs"],
    "mia": ["ministry", "internal", "affairs"],
    "gknb": ["state", "committee", "national", "security"],
    "nsc": ["national", "security", "committee"],
    "un": ["united", "nations"],
}
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@lru_cache(maxsize=65536)
def org_key(name: str) -> str:
    gaz = load_gazetteer()
    words: list[str] = []
    for raw in _WORD.findall(html.unescape(name)):
        country = gaz.country_of(raw) or gaz.country_of(raw.capitalize())
        low = raw.lower().strip("'’")
        if country:
            words.append(country.lower())
        elif low in _ABBREVIATIONS:
            words.extend(_ABBREVIATIONS[low])
        elif low not in _DROP:
            words.append(low)
    bag = set(words)
    if "ministry" in bag and "foreign" in bag:
        bag.add("affairs")  # "Foreign Ministry" is the Ministry of Foreign Affairs
    if "ministry" in bag and "interior" in bag:
        bag |= {"internal", "affairs"}
        bag.discard("interior")
    return " ".join(sorted(bag))


@lru_cache(maxsize=65536)
def place_key(name: str) -> str:
    gaz = load_gazetteer()
    country = gaz.country_of(name.strip())
    if country:
        return country.lower()
    return " ".join(name_key(w) for w in _WORD.findall(html.unescape(name)))


def global_id(kind: str, key: str) -> str:
    prefix = {"organization": "O", "place": "L", "group": "G"}.get(kind, "X")
    return prefix + hashlib.sha256(f"{kind}:{key}".encode()).hexdigest()[:10]


@dataclass(frozen=True)
class BodyMention:
    """An organisation or place as one report names it."""

    document_id: str
    entity_id: str
    kind: str
    name: str


@dataclass(frozen=True)
class BodyLink:
    """A body mention tied to the one body it names across reports, under that body's fullest name."""

    document_id: str
    entity_id: str
    kind: str
    global_id: str
    name_key: str
    name: str


def link_bodies(mentions: Iterable[BodyMention]) -> list[BodyLink]:
    """Organisations and places across reports, by a key of their names: one link per mention."""
    keyed = []
    for m in mentions:
        key = org_key(m.name) if m.kind == "organization" else place_key(m.name)
        keyed.append((m, global_id(m.kind, key), key))
    forms: dict[str, list[str]] = {}
    for m, gid, _ in keyed:
        forms.setdefault(gid, []).append(m.name)
    best = {gid: fullest(f) for gid, f in forms.items()}
    return [BodyLink(m.document_id, m.entity_id, m.kind, gid, key, best[gid]) for m, gid, key in keyed]
