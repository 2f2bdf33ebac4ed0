"""The entities of one report and where each is mentioned, for the later stages to look up."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from casework.model import Entity, EntityKind


@dataclass
class Mention:
    start: int
    end: int
    entity: str


@dataclass
class EntityIndex:
    """Entities of one document and where each is mentioned, for the later stages."""

    entities: list[Entity]
    mentions: list[Mention] = field(default_factory=list)
    sent_starts: list[int] = field(default_factory=list)
    # id -> entity, rebuilt when entities were added: a scan per lookup made long reports quadratic
    _ids: dict[str, Entity] = field(default_factory=dict, repr=False, compare=False)
    # mentions by start, for `at` (a scan of every mention per lookup was quadratic), and their spans
    _by_start: list[int] = field(default_factory=list, repr=False, compare=False)
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _longest: int = field(default=0, repr=False, compare=False)
    _spans: set[tuple[int, int]] = field(default_factory=set, repr=False, compare=False)

    def by_id(self, entity_id: str) -> Entity:
        found = self._ids.get(entity_id)
        if found is None or len(self._ids) != len(self.entities):
            self._ids = {e.id: e for e in reversed(self.entities)}  # the first of an id wins, as before
            found = self._ids.get(entity_id)
        if found is None:
            return next(e for e in self.entities if e.id == entity_id)
        return found

    def at(self, start: int, end: int) -> str | None:
        """The entity mentioned in [start, end), preferring the longest mention (the first of
        equals, in the order they were added). Mentions are searched by their start, sorted: only
        those that start at most one longest mention before `start` can overlap it."""
        if len(self._by_start) != len(self.mentions):
            self._by_start = sorted(range(len(self.mentions)), key=lambda i: self.mentions[i].start)
            self._starts = [self.mentions[i].start for i in self._by_start]
            self._longest = max((m.end - m.start for m in self.mentions), default=0)
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        best: tuple[int, int] | None = None  # (length, order added)
        for k in range(lo, hi):
            i = self._by_start[k]
            m = self.mentions[i]
            if m.start < end and start < m.end:
                key = (m.end - m.start, -i)
                if best is None or key > best:
                    best = key
        return self.mentions[-best[1]].entity if best else None

    def add_mention(self, entity_id: str, start: int, end: int) -> None:
        ent = self.by_id(entity_id)
        if (start, end) not in ent.mentions:
            ent.mentions.append((start, end))
            ent.mentions.sort()
        if (start, end) not in self._spans:
            self._spans.add((start, end))
            self.mentions.append(Mention(start, end, entity_id))

    def new_entity(self, kind: EntityKind, name: str, start: int, end: int) -> str:
        ent = Entity(id=self.free_id(kind), kind=kind, name=name)
        self.entities.append(ent)
        self.add_mention(ent.id, start, end)
        return ent.id

    def free_id(self, kind: EntityKind) -> str:
        """The next id for an entity of KIND ("p3"), past any number an entity merged away left free."""
        prefix = {"person": "p", "organization": "o", "place": "l", "group": "g"}[kind]
        n = sum(1 for e in self.entities if e.kind == kind) + 1
        taken = {e.id for e in self.entities}
        while f"{prefix}{n}" in taken:
            n += 1
        return f"{prefix}{n}"

    def kind(self, entity_id: str | None) -> str | None:
        if entity_id is None:
            return None
        return self.by_id(entity_id).kind

    def previous_people(self, pos: int, kinds: tuple[str, ...] = ("person",)) -> list[Mention]:
        return sorted(
            (m for m in self.mentions if m.end <= pos and self.by_id(m.entity).kind in kinds),
            key=lambda m: m.start,
        )
