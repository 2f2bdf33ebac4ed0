"""The document model, defined once and shared by every stage.

Every stage takes these dataclasses in and gives them out; `to_json` writes the
versioned `casework.document/1` contract of DESIGN.md. Character offsets always
point into `Document.text`, the cleaned body.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA = "casework.document/1"

Span = tuple[int, int]


class ContractError(ValueError):
    """A JSON object that is not a well-formed casework.document/1."""


def _span(value: Any) -> Span:
    start, end = value
    return (int(start), int(end))


EntityKind = Literal["person", "organization", "place", "group"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Anchor = Literal["explicit", "published", "context", "none"]


@dataclass
class Source:
    """Where a document came from: a path or a URL, and its format."""

    path: str | None = None
    url: str | None = None
    format: str = "text"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.url is not None:
            out["url"] = self.url
        if self.path is not None or not out:
            out["path"] = self.path
        out["format"] = self.format
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Source:
        return cls(path=data.get("path"), url=data.get("url"), format=str(data.get("format", "text")))


@dataclass
class Entity:
    id: str
    kind: EntityKind
    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)
    component: str = ""  # the registered component that made it (registry.py)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "aliases": list(self.aliases),
            "mentions": [list(m) for m in self.mentions],
            "attributes": dict(self.attributes),
            "component": self.component,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entity:
        return cls(
            id=str(data["id"]),
            kind=data["kind"],
            name=str(data["name"]),
            aliases=[str(a) for a in data.get("aliases", [])],
            mentions=[_span(m) for m in data.get("mentions", [])],
            attributes=dict(data.get("attributes", {})),
            component=str(data.get("component") or ""),
        )


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: TimexType
    value: str | None
    anchor: Anchor
    component: str = ""  # the registered component that made it (registry.py)

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
            "anchor": self.anchor,
            "component": self.component,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Timex:
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            type=data["type"],
            value=data.get("value"),
            anchor=data["anchor"],
            component=str(data.get("component") or ""),
        )


@dataclass
class EventDate:
    text: str
    value: str | None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "value": self.value}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> EventDate | None:
        return None if data is None else cls(str(data["text"]), data.get("value"))


@dataclass
class Event:
    id: str
    type: str
    subject: list[str]
    agent: list[str]
    place: str | None
    date: EventDate | None
    sentence: Span
    source: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    # Where in the text the event is named (the trigger word); beside the contract's fields.
    trigger: Span = (0, 0)
    component: str = ""  # the registered component that made it (registry.py)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "subject": list(self.subject),
            "agent": list(self.agent),
            "place": self.place,
            "date": self.date.to_json() if self.date else None,
            "sentence": list(self.sentence),
            "source": self.source,
            "attributes": dict(self.attributes),
            "trigger": list(self.trigger),
            "component": self.component,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Event:
        return cls(
            id=str(data["id"]),
            type=str(data["type"]),
            subject=[str(s) for s in data.get("subject", [])],
            agent=[str(a) for a in data.get("agent", [])],
            place=data.get("place"),
            date=EventDate.from_json(data.get("date")),
            sentence=_span(data["sentence"]),
            source=data.get("source"),
            attributes=dict(data.get("attributes", {})),
            trigger=_span(data.get("trigger") or (0, 0)),
            component=str(data.get("component") or ""),
        )


@dataclass
class Claim:
    id: str
    speaker: str | None
    speaker_text: str
    speaker_span: Span | None
    cue: str
    cue_span: Span
    content: str
    span: Span
    direct: bool
    flags: list[str] = field(default_factory=list)
    # The sentence that carries the attribution; beside the contract's fields.
    sentence: Span = (0, 0)
    component: str = ""  # the registered component that made it (registry.py)
    about: list[str] = field(default_factory=list)  # people the words are about (entity ids), beside

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker,
            "speaker_text": self.speaker_text,
            "speaker_span": list(self.speaker_span) if self.speaker_span else None,
            "cue": self.cue,
            "cue_span": list(self.cue_span),
            "content": self.content,
            "span": list(self.span),
            "direct": self.direct,
            "flags": list(self.flags),
            "sentence": list(self.sentence),
            "component": self.component,
            "about": list(self.about),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Claim:
        speaker_span = data.get("speaker_span")
        return cls(
            id=str(data["id"]),
            speaker=data.get("speaker"),
            speaker_text=str(data["speaker_text"]),
            speaker_span=_span(speaker_span) if speaker_span is not None else None,
            cue=str(data["cue"]),
            cue_span=_span(data["cue_span"]),
            content=str(data["content"]),
            span=_span(data["span"]),
            direct=bool(data["direct"]),
            flags=[str(f) for f in data.get("flags", [])],
            sentence=_span(data.get("sentence") or (0, 0)),
            component=str(data.get("component") or ""),
            about=[str(a) for a in data.get("about") or []],
        )


@dataclass
class Finding:
    kind: str
    message: str
    refs: list[str]
    spans: list[Span]
    component: str = ""  # the registered component that made it (registry.py)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "message": self.message,
            "refs": list(self.refs),
            "spans": [list(s) for s in self.spans],
            "component": self.component,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Finding:
        return cls(
            kind=str(data["kind"]),
            message=str(data["message"]),
            refs=[str(r) for r in data.get("refs", [])],
            spans=[_span(x) for x in data.get("spans", [])],
            component=str(data.get("component") or ""),
        )


@dataclass
class Account:
    """One source's statement of a fact about a person, compared by the checks.

    Kept beside the contract (not serialised): e.g. the reason a person gives
    for being in a country, with the claim that states it.
    """

    aspect: str
    subject: str
    value: str
    keys: frozenset[str]
    claim: str
    span: Span
    date: str | None = None
    component: str = ""  # the registered component that made it (registry.py)


@dataclass
class Document:
    id: str
    source: Source
    text: str
    title: str | None = None
    byline: list[str] = field(default_factory=list)
    published: str | None = None
    language: str = "en"
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    accounts: list[Account] = field(default_factory=list)
    # Extra metadata from ingest (site name, encoding, ...), not part of document/1.
    meta: dict[str, Any] = field(default_factory=dict)

    def entity(self, entity_id: str | None) -> Entity | None:
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "id": self.id,
            "source": self.source.to_json(),
            "title": self.title,
            "byline": list(self.byline),
            "published": self.published,
            "language": self.language,
            "text": self.text,
            "entities": [e.to_json() for e in self.entities],
            "timexes": [t.to_json() for t in self.timexes],
            "events": [e.to_json() for e in self.events],
            "claims": [c.to_json() for c in self.claims],
            "findings": [f.to_json() for f in self.findings],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Document:
        """The Document a `to_json` object describes (accounts and meta are not in the contract)."""
        if data.get("schema") != SCHEMA:
            raise ContractError(f"not a {SCHEMA} object (schema {data.get('schema')!r})")
        try:
            return cls(
                id=str(data["id"]),
                source=Source.from_json(data.get("source") or {}),
                text=str(data["text"]),
                title=data.get("title"),
                byline=[str(b) for b in data.get("byline", [])],
                published=data.get("published"),
                language=str(data.get("language", "en")),
                entities=[Entity.from_json(e) for e in data.get("entities", [])],
                timexes=[Timex.from_json(t) for t in data.get("timexes", [])],
                events=[Event.from_json(e) for e in data.get("events", [])],
                claims=[Claim.from_json(c) for c in data.get("claims", [])],
                findings=[Finding.from_json(f) for f in data.get("findings", [])],
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ContractError(f"a {SCHEMA} object with a missing or malformed field ({exc!r})") from None


# --- across documents -----------------------------------------------------------------


@dataclass
class Evidence:
    """Where a fact stands: a document and a span of its text (the sentence that states it)."""

    document_id: str
    span: Span
    text: str
    published: str | None = None
    source_group: str = ""  # the first copy of its near-duplicate group: count each group once

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document_id,
            "span": list(self.span),
            "text": self.text,
            "published": self.published,
        }


@dataclass
class ReviewMark:
    """How a fact stands after review: extracted (no one looked), confirmed or corrected. A rejected
    fact leaves the case and is listed in CaseReview.rejected instead."""

    state: str = "extracted"
    by: list[str] = field(default_factory=list)  # the reviewers who confirmed or corrected it
    original: dict[str, Any] = field(default_factory=dict)  # a corrected field -> the extracted value
    decisions: list[int] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "reviewers": list(self.by),
            "original": dict(self.original),
            "decisions": list(self.decisions),
        }


@dataclass
class CaseEvent:
    type: str
    date: str | None
    place: str | None
    agents: list[str]
    evidence: Evidence
    stated_by: str | None = None  # whose account it is, when only someone's account states it
    grounds: str | None = None  # "on suspicion of espionage", "charged with fraud"
    # an undated event is placed by this day: its report's date, else the latest date the report gives
    placed: str | None = None
    support: int = 1  # independent source groups that state it (near-duplicate copies count once)
    anchor: str | None = None  # what a relative date was resolved against ("published", "detention", ...)
    undone: bool = False  # the report says it was undone ("the conviction was quashed")
    subject_guessed: bool = False  # the learned ranker, not a rule, read whom it is about
    ref: str = ""  # DOCUMENT:EVENT, what a review decision names (ids may change on re-extraction)
    review: ReviewMark = field(default_factory=ReviewMark)

    @property
    def when_label(self) -> str:
        """The date, or for an undated event what places it: its report's date or the report's latest date."""
        if self.date:
            return self.date
        if self.evidence.published:
            return f"no date, by {self.evidence.published} (the report's date)"
        if self.placed:
            return f"no date (beside {self.placed}, the latest date its report gives)"
        return "no date"

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "date": self.date,
            "placed": self.placed,
            "place": self.place,
            "agents": list(self.agents),
            "stated_by": self.stated_by,
            "grounds": self.grounds,
            "support": self.support,
            "account_only": self.stated_by is not None,
            "subject_guessed": self.subject_guessed,
            "evidence": self.evidence.to_json(),
            "ref": self.ref,
            "review": self.review.to_json(),
        }


@dataclass
class CaseClaim:
    speaker: str
    content: str
    flags: list[str]
    evidence: Evidence
    support: int = 1  # independent source groups that report the speaker saying it
    ref: str = ""  # DOCUMENT:CLAIM
    review: ReviewMark = field(default_factory=ReviewMark)

    def to_json(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "content": self.content,
            "flags": list(self.flags),
            "support": self.support,
            "evidence": self.evidence.to_json(),
            "ref": self.ref,
            "review": self.review.to_json(),
        }


@dataclass
class CaseFinding:
    kind: str
    message: str
    evidence: list[Evidence]
    sides: list[str] = field(default_factory=list)  # who says each side, beside its evidence
    review: ReviewMark = field(default_factory=ReviewMark)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "message": self.message,
            "evidence": [e.to_json() for e in self.evidence],
            "sides": list(self.sides),
            "review": self.review.to_json(),
        }


@dataclass
class CaseStatus:
    """The person's state after the latest event, the dates it is known for, and its sources."""

    state: str  # detained, charged, on trial, sentenced, released, deported, missing, dead, disputed, unknown
    since: str | None = None  # the first date a report gives for this state
    by: str | None = None  # when no report dates it: known to hold by this day (a report's date)
    sources: list[Evidence] = field(default_factory=list)
    sides: list[tuple[str, Evidence]] = field(default_factory=list)  # disputed: each state and its sentence
    notes: list[str] = field(default_factory=list)  # "whereabouts unknown (per relatives, 9 Jan 2022)"

    @property
    def label(self) -> str:
        """ "released on 2022-01-10", "detained since at least 2022-01-06", "detained, by 2022-01-11"."""
        if self.state == "disputed":
            return "disputed: " + " vs ".join(f"{s} ({e.document_id[:8]})" for s, e in self.sides)
        if self.since:
            custody = self.state in ("detained", "charged", "on trial", "sentenced")
            return f"{self.state} {'since at least' if custody else 'on'} {self.since}"
        if self.by:
            return f"{self.state}, by {self.by}"
        if self.state == "unknown":
            return self.state
        return f"{self.state} (no report dates it)"

    def to_json(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "label": self.label,
            "since": self.since,
            "by": self.by,
            "sources": [e.to_json() for e in self.sources],
            "sides": [{"state": s, "evidence": e.to_json()} for s, e in self.sides],
            "notes": list(self.notes),
        }


@dataclass
class ClockPoint:
    """One point of the consular clock: its day (when a report gives it) and the sentence it rests on."""

    what: str  # "detention", "home state knew", "home state acted"
    day: str | None
    evidence: Evidence | None
    note: str = ""  # why the day is unknown, or what the act was

    def to_json(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "date": self.day,
            "note": self.note,
            "evidence": self.evidence.to_json() if self.evidence else None,
        }


@dataclass
class ConsularClock:
    """Detention, the first day the home state knew, its first act, and the days between."""

    detained: ClockPoint
    knew: ClockPoint | None
    acted: ClockPoint | None
    days_to_knew: int | None = None
    days_to_act: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "detained": self.detained.to_json(),
            "knew": self.knew.to_json() if self.knew else None,
            "acted": self.acted.to_json() if self.acted else None,
            "days_to_knew": self.days_to_knew,
            "days_to_act": self.days_to_act,
        }


@dataclass
class CaseAnnotation:
    """A note, a tag or a hand-filled field on a case, with who wrote it and when."""

    decision: int
    kind: str  # note, tag or field
    text: str
    by: str
    at: str
    field: str | None = None  # for a field: which one (detaining_authority, ...)

    def to_json(self) -> dict[str, Any]:
        return {"decision": self.decision, "kind": self.kind, "field": self.field, "text": self.text,
                "by": self.by, "at": self.at}  # fmt: skip


@dataclass
class RejectedFact:
    """A fact a reviewer rejected: out of the case, still listed with its evidence and why."""

    decision: int
    fact: str  # event, claim, finding or case
    label: str  # "detention", "Ms Kurbanova: 'he was beaten'"
    reason: str
    by: str
    at: str
    evidence: Evidence | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "decision": self.decision,
            "fact": self.fact,
            "label": self.label,
            "reason": self.reason,
            "by": self.by,
            "at": self.at,
            "evidence": self.evidence.to_json() if self.evidence else None,
        }


@dataclass
class CaseReview:
    """What reviewers added to a case: hand-filled fields, notes and tags, and the facts they rejected."""

    fields: dict[str, CaseAnnotation] = field(default_factory=dict)
    notes: list[CaseAnnotation] = field(default_factory=list)
    tags: list[CaseAnnotation] = field(default_factory=list)
    rejected: list[RejectedFact] = field(default_factory=list)
    status_by: str | None = None  # the reviewer who set the status by hand
    decisions: list[int] = field(default_factory=list)  # every decision attached to this case

    def to_json(self) -> dict[str, Any]:
        return {
            "fields": {k: v.to_json() for k, v in self.fields.items()},
            "notes": [n.to_json() for n in self.notes],
            "tags": [n.text for n in self.tags],
            "rejected": [r.to_json() for r in self.rejected],
            "status_by": self.status_by,
        }


@dataclass
class Case:
    """One detained person followed across every report that mentions them."""

    id: str
    name: str
    names: list[str]
    profile: dict[str, list[str]]
    events: list[CaseEvent]
    claims: list[CaseClaim]
    officials: list[str]
    sources: list[Evidence]
    accounts: list[tuple[Account, Evidence]] = field(default_factory=list)
    findings: list[CaseFinding] = field(default_factory=list)
    consular_days: int | None = None
    # (document id, the name as that report writes it): for exports that keep mentions
    mentions: list[tuple[str, str]] = field(default_factory=list)
    consular: ConsularClock | None = None
    status_set: CaseStatus | None = None  # a reviewer's correction of the status: wins over the events
    review: CaseReview = field(default_factory=CaseReview)

    @property
    def timeline(self) -> list[CaseEvent]:
        """Dated events by date, undated ones by their report's date and their place in the report."""
        from casework.status import order_events  # the rules of order live with the status

        return order_events(self.events)

    @property
    def current(self) -> CaseStatus:
        """The status with its dates, sources, disputes and notes (casework.status.assess_status)."""
        from casework.status import assess_status

        return self.status_set or assess_status(self.timeline)

    @property
    def single_source_events(self) -> list[CaseEvent]:
        return [e for e in self.events if e.support < 2]

    @property
    def corroborated_events(self) -> list[CaseEvent]:
        return [e for e in self.events if e.support >= 2]

    @property
    def claims_by_speaker(self) -> dict[str, list[CaseClaim]]:
        out: dict[str, list[CaseClaim]] = {}
        for claim in self.claims:
            out.setdefault(claim.speaker, []).append(claim)
        return out

    @property
    def status(self) -> str:
        """One word: the state after the latest event ("disputed" when sources disagree on it)."""
        return self.current.state

    @property
    def since(self) -> str | None:
        """The first date a report gives for the current status, else the day it is known by."""
        current = self.current
        return current.since or current.by

    @property
    def where(self) -> str | None:
        from casework.ontology import types_with  # the model is read before the ontology is loaded

        held = types_with("custody")
        places = [e.place for e in self.timeline if e.type in held and e.place]
        return places[-1] if places else None

    @property
    def source_groups(self) -> int:
        return len({s.source_group for s in self.sources})

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": "casework.case/1",
            "id": self.id,
            "name": self.name,
            "names": list(self.names),
            "status": self.status,
            "since": self.since,
            "status_detail": self.current.to_json(),
            "where": self.where,
            "profile": {k: list(v) for k, v in self.profile.items()},
            "timeline": [e.to_json() for e in self.timeline],
            "claims": [c.to_json() for c in self.claims],
            "officials": list(self.officials),
            "findings": [f.to_json() for f in self.findings],
            "consular_days": self.consular_days,
            "consular_clock": self.consular.to_json() if self.consular else None,
            "sources": [s.to_json() for s in self.sources],
            "source_groups": self.source_groups,
            "review": self.review.to_json(),
        }
