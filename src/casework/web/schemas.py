"""The JSON API's shapes (pydantic), so `/api/openapi.json` describes exactly what is served.

They mirror the versioned `casework.case/1` and `casework.document/1` contracts
(model.py), plus what the pages add: disputed dates, near-duplicates, paging.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from casework.case_files import CaseSummary


class _Out(BaseModel):
    model_config = ConfigDict(populate_by_name=True)


class EvidenceOut(_Out):
    document: str = Field(description="id of the report")
    span: list[int] = Field(description="[start, end] character offsets into the report's text")
    text: str = Field(description="the sentence that states the fact")
    published: str | None


class CaseEventOut(_Out):
    type: str
    date: str | None
    place: str | None
    agents: list[str]
    stated_by: str | None
    grounds: str | None
    placed: str | None = Field(
        None, description="an undated event: the day it is known by (its report's date)"
    )
    support: int = Field(1, description="independent source groups that state it")
    account_only: bool = Field(False, description="only someone's account states it")
    subject_guessed: bool = Field(False, description="a trained model, not a rule, read whom it is about")
    evidence: EvidenceOut
    disputed: bool = Field(False, description="another source gives this event another date")


class CaseClaimOut(_Out):
    speaker: str
    content: str
    flags: list[str]
    support: int = Field(1, description="independent source groups that report it")
    evidence: EvidenceOut


class CaseFindingOut(_Out):
    kind: str
    message: str
    evidence: list[EvidenceOut]
    sides: list[str] = Field(default_factory=list, description="who says each side, beside its evidence")


class StatusSideOut(_Out):
    state: str
    evidence: EvidenceOut


class StatusOut(_Out):
    state: str
    label: str = Field(description='"released on 2022-01-10", "detained since at least 2022-01-06"')
    since: str | None
    by: str | None = Field(description="no report dates the state: it holds by this day (a report's date)")
    sources: list[EvidenceOut]
    sides: list[StatusSideOut] = Field(description="when disputed: each source's state")
    notes: list[str] = Field(description='e.g. "whereabouts unknown (per relatives, 9 Jan 2022)"')


class ClockPointOut(_Out):
    what: str
    date: str | None
    note: str
    evidence: EvidenceOut | None


class ConsularClockOut(_Out):
    detained: ClockPointOut
    knew: ClockPointOut | None
    acted: ClockPointOut | None
    days_to_knew: int | None
    days_to_act: int | None


class CaseOut(_Out):
    schema_name: str = Field(alias="schema")
    id: str
    name: str
    names: list[str]
    status: str
    since: str | None
    status_detail: StatusOut
    where: str | None
    profile: dict[str, list[str]]
    timeline: list[CaseEventOut]
    claims: list[CaseClaimOut]
    officials: list[str]
    findings: list[CaseFindingOut]
    consular_days: int | None
    consular_clock: ConsularClockOut | None
    sources: list[EvidenceOut]
    source_groups: int


class CaseListOut(_Out):
    total: int
    offset: int
    limit: int
    cases: list[CaseSummary]


class EntityOut(_Out):
    id: str
    kind: str
    name: str
    aliases: list[str]
    mentions: list[list[int]]
    attributes: dict[str, object]


class TimexOut(_Out):
    start: int
    end: int
    text: str
    type: str
    value: str | None
    anchor: str


class EventDateOut(_Out):
    text: str
    value: str | None


class EventOut(_Out):
    id: str
    type: str
    subject: list[str]
    agent: list[str]
    place: str | None
    date: EventDateOut | None
    sentence: list[int]
    source: str | None
    attributes: dict[str, object]


class ClaimOut(_Out):
    id: str
    speaker: str | None
    speaker_text: str
    speaker_span: list[int] | None
    cue: str
    cue_span: list[int]
    content: str
    span: list[int]
    direct: bool
    flags: list[str]


class FindingOut(_Out):
    kind: str
    message: str
    refs: list[str]
    spans: list[list[int]]


class SourceOut(_Out):
    path: str | None = None
    url: str | None = None
    format: str


class DocumentOut(_Out):
    schema_name: str = Field(alias="schema")
    id: str
    source: SourceOut
    title: str | None
    byline: list[str]
    published: str | None
    language: str
    text: str
    entities: list[EntityOut]
    timexes: list[TimexOut]
    events: list[EventOut]
    claims: list[ClaimOut]
    findings: list[FindingOut]
    near_duplicates: list[str] = Field(
        description="ids of reports that are copies of this one, or it of them"
    )
    cases: list[str] = Field(description="ids of the cases this report is a source of")


class MergeIn(_Out):
    first: str = Field(description="a person id, or a mention as DOCUMENT:ENTITY")
    second: str


class SplitIn(_Out):
    person: str
    mentions: list[str] = Field(min_length=1, description="mentions as DOCUMENT:ENTITY")


class Done(_Out):
    ok: bool
    message: str
