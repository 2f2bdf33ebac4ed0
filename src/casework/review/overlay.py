"""Decisions laid over the extracted facts when the cases are built: a decision wins over extraction.

Each decision is re-attached to the fact that stands now on its evidence: an event of the same type on the
same trigger span, a claim on the same span, a date on the same characters, a case through the mention its
person was named by. A decision whose fact is gone is not applied and is listed (`unattached`), never
dropped silently. Matching is done on the report as extracted, before any decision changes it, so a
correction of an event's type does not stop a later decision on the same event from finding it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection

from casework.model import (
    Case,
    CaseAnnotation,
    CaseFinding,
    CaseStatus,
    Claim,
    Document,
    Entity,
    Event,
    EventDate,
    RejectedFact,
    ReviewMark,
    Timex,
)
from casework.review.record import Decision, all_decisions
from casework.store.person_rows import person_at_mention

Span = tuple[int, int]
ON_DOCUMENT = ("event", "claim", "timex")


@dataclass
class Rejection:
    """A fact taken out of a report by a reviewer, kept so the case can list it."""

    decision: Decision
    fact: str
    label: str
    sentence: Span
    subjects: set[str] = field(default_factory=set)  # entity ids the rejection concerns
    claim: Claim | None = None


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _one(found: list[Event] | list[Claim]) -> Event | Claim | None:
    return found[0] if len(found) == 1 else None


def match_event(doc: Document, d: Decision) -> Event | None:
    """The event of the decision's type on its trigger span; else the one such event overlapping it."""
    same = [ev for ev in doc.events if ev.type == d.fact_type]
    exact = [ev for ev in same if d.span and ev.trigger == d.span]
    if exact:
        return exact[0]
    near = _one([ev for ev in same if d.span and _overlaps(ev.trigger, d.span)])
    return near if isinstance(near, Event) else None


def match_claim(doc: Document, d: Decision) -> Claim | None:
    exact = [c for c in doc.claims if d.span and c.span == d.span]
    if exact:
        return exact[0]
    near = _one([c for c in doc.claims if d.span and _overlaps(c.span, d.span)])
    return near if isinstance(near, Claim) else None


def match_timex(doc: Document, d: Decision) -> Timex | None:
    return next((x for x in doc.timexes if d.span and (x.start, x.end) == d.span), None)


def entity_named(doc: Document, name: str, kind: str | None = None) -> Entity | None:
    """The report's entity that bears NAME (any of its spellings there)."""
    want = name.strip().casefold()
    for ent in doc.entities:
        if (kind is None or ent.kind == kind) and want in {n.casefold() for n in [ent.name, *ent.aliases]}:
            return ent
    return None


def entity_at(doc: Document, span: Span) -> Entity | None:
    """The entity one of whose mentions is SPAN (or overlaps it)."""
    for ent in doc.entities:
        if tuple(span) in [tuple(m) for m in ent.mentions]:
            return ent
    for ent in doc.entities:
        if any(_overlaps((m[0], m[1]), span) for m in ent.mentions):
            return ent
    return None


def anchored_person(conn: Connection, d: Decision) -> str | None:
    """The person now linked to the mention a case decision was anchored on."""
    if d.document_id is None or d.span is None:
        return None
    return person_at_mention(conn, d.document_id, d.span)


class ReviewOverlay:
    """Every decision of the store, ready to lay over the reports and cases as they are built."""

    def __init__(self, decisions: list[Decision], person_at: dict[int, str | None]) -> None:
        self.decisions = decisions
        self.on_document: dict[str, list[Decision]] = {}
        self.on_case: dict[str, list[Decision]] = {}
        self.on_findings = [d for d in decisions if d.fact == "finding"]
        self.person_at = person_at
        for d in decisions:
            if d.fact in ON_DOCUMENT and d.document_id:
                self.on_document.setdefault(d.document_id, []).append(d)
            elif d.fact == "case" and person_at.get(d.id):
                self.on_case.setdefault(str(person_at[d.id]), []).append(d)
        self.attached: set[int] = {d.id for d in decisions if d.fact == "case" and person_at.get(d.id)}
        self.failed: set[int] = set()  # attached, but its value no longer fits the report (a name gone)
        # per report: (kind, fact id) -> how it stands, and every decision on it (undone ones too)
        self.marks: dict[str, dict[tuple[str, str], ReviewMark]] = {}
        self.touched: dict[str, dict[tuple[str, str], list[int]]] = {}
        self.rejected: dict[str, list[Rejection]] = {}

    @classmethod
    def load(cls, conn: Connection, documents: list[str] | None = None) -> ReviewOverlay:
        """Every decision, or (for one case) those made on its reports: every decision that can touch
        a case stands on one of its reports (a case decision on the person's mention, a finding on
        its sentence)."""
        decisions = [d for d in all_decisions(conn, documents) if d.action not in ("merge", "split")]
        return cls(decisions, {d.id: anchored_person(conn, d) for d in decisions if d.fact == "case"})

    def touches(self, doc_id: str) -> bool:
        return any(d.active for d in self.on_document.get(doc_id, []))

    def rejected_people(self) -> set[str]:
        """People a reviewer said are not detainees: they have no case, whatever the reports say."""
        out: set[str] = set()
        for pid, decisions in self.on_case.items():
            if any(d.active and d.action == "reject" for d in decisions):
                out.add(pid)
        return out

    def decisions_on(self, doc_id: str, kind: str, fact_id: str) -> list[int]:
        return self.touched.get(doc_id, {}).get((kind, fact_id), [])

    def mark(self, doc_id: str, kind: str, fact_id: str) -> ReviewMark:
        return self.marks.get(doc_id, {}).get((kind, fact_id), ReviewMark())

    def apply(self, doc: Document) -> None:
        """Lay this report's decisions over it, in the order they were made (in place)."""
        decisions = self.on_document.get(doc.id, [])
        if not decisions:
            return
        # a report loaded again (another command's copy) starts afresh
        self.rejected[doc.id], self.marks[doc.id], self.touched[doc.id] = [], {}, {}
        targets: list[tuple[Decision, Event | Claim | Timex]] = []
        for d in decisions:  # matched on the report as extracted
            found: Event | Claim | Timex | None = (
                match_event(doc, d) if d.fact == "event" else match_claim(doc, d) if d.fact == "claim"
                else match_timex(doc, d)
            )  # fmt: skip
            if found is not None:
                self.attached.add(d.id)
                targets.append((d, found))
                fact_id = found.id if isinstance(found, (Event, Claim)) else f"t{found.start}"
                self.touched[doc.id].setdefault((d.fact, fact_id), []).append(d.id)
        for d, target in targets:
            if not d.active:
                continue
            if isinstance(target, Event):
                self._on_event(doc, d, target)
            elif isinstance(target, Claim):
                self._on_claim(doc, d, target)
            else:
                self._on_timex(doc, d, target)

    def _marked(self, doc: Document, kind: str, fact_id: str, d: Decision) -> ReviewMark:
        mark = self.marks[doc.id].setdefault((kind, fact_id), ReviewMark())
        if d.reviewer not in mark.by:
            mark.by.append(d.reviewer)
        mark.decisions.append(d.id)
        if d.action == "confirm" and mark.state == "extracted":
            mark.state = "confirmed"
        if d.action == "correct":
            mark.state = "corrected"
        return mark

    def _on_event(self, doc: Document, d: Decision, ev: Event) -> None:
        if d.action == "reject":
            subjects = set(ev.subject)
            if d.reason == "not a detainee":
                span = d.payload.get("subject")
                ent = entity_at(doc, (span[0], span[1])) if span else None
                gone = {ent.id} if ent is not None else set(ev.subject)
                ev.subject = [s for s in ev.subject if s not in gone]
                subjects = gone
            elif ev in doc.events:
                doc.events.remove(ev)
            self.rejected[doc.id].append(Rejection(d, "event", ev.type, ev.sentence, subjects))
            return
        if d.action == "correct" and not self._correct_event(doc, d, ev):
            self.failed.add(d.id)
            return
        mark = self._marked(doc, "event", ev.id, d)
        if d.action == "correct" and d.field:
            mark.original.setdefault(d.field, d.original)

    def _correct_event(self, doc: Document, d: Decision, ev: Event) -> bool:
        value = d.value
        if d.field == "type":
            ev.type = str(value)
        elif d.field == "date":
            ev.date = EventDate(ev.date.text if ev.date else str(value), str(value) if value else None)
            ev.attributes.pop("anchor", None)  # a reviewer's date is not counted from anything
        elif d.field == "place":
            ev.place = str(value) if value else None
        elif d.field in ("subject", "agent"):
            ent = entity_named(doc, str(value), "person" if d.field == "subject" else None)
            if ent is None:
                return False
            if d.field == "subject":
                ev.subject = [ent.id]
            else:
                ev.agent = [ent.id]
        return True

    def _on_claim(self, doc: Document, d: Decision, c: Claim) -> None:
        if d.action == "reject":
            label = f"{c.speaker_text or 'unattributed'}: {c.content[:80]}"
            self.rejected[doc.id].append(Rejection(d, "claim", label, c.sentence, {c.speaker or ""}, claim=c))
            if d.reason == "wrong speaker":
                c.speaker, c.speaker_text, c.speaker_span = None, "unknown speaker", None
            elif c in doc.claims:
                doc.claims.remove(c)
            return
        if d.action == "correct" and d.field == "speaker":
            ent = entity_named(doc, str(d.value))
            c.speaker = ent.id if ent is not None else None
            c.speaker_text = str(d.value)
        mark = self._marked(doc, "claim", c.id, d)
        if d.action == "correct" and d.field:
            mark.original.setdefault(d.field, d.original)

    def _on_timex(self, doc: Document, d: Decision, x: Timex) -> None:
        new = None if d.action == "reject" else str(d.value) if d.action == "correct" else x.value
        if d.action in ("reject", "correct"):
            # the events dated by these words in the same sentence take the reviewer's value
            for ev in doc.events:
                if ev.date and ev.date.text == x.text and ev.sentence[0] <= x.start < ev.sentence[1]:
                    ev.date = EventDate(ev.date.text, new)
            x.value = new

    # --- on a case, once it is built -------------------------------------------------------------

    def apply_to_case(self, case: Case, person_id: str) -> None:
        """Findings confirmed or dismissed, the status set by hand, notes, tags and fields."""
        for d in self.on_findings:
            found = _finding(case.findings, d)
            if found is None:
                continue
            self.attached.add(d.id)
            case.review.decisions.append(d.id)
            if not d.active:
                continue
            if d.action == "reject":
                case.findings.remove(found)
                ev = found.evidence[0] if found.evidence else None
                case.review.rejected.append(
                    RejectedFact(d.id, "finding", found.kind, d.reason or "", d.reviewer, d.created_at, ev)
                )
            else:
                found.review.state = "confirmed"
                found.review.by.append(d.reviewer)
                found.review.decisions.append(d.id)
        for d in self.on_case.get(person_id, []):
            case.review.decisions.append(d.id)
            if not d.active:
                continue
            if d.action == "correct" and d.field == "status" and isinstance(d.value, dict):
                case.status_set = CaseStatus(str(d.value.get("state")), d.value.get("since") or None)
                case.status_set.notes.append(f"set by {d.reviewer} on {d.created_at[:10]}")
                case.review.status_by = d.reviewer
            elif d.action in ("note", "tag", "field"):
                note = CaseAnnotation(d.id, d.action, str(d.value), d.reviewer, d.created_at, d.field)
                if d.action == "field" and d.field:
                    case.review.fields[d.field] = note
                else:
                    (case.review.notes if d.action == "note" else case.review.tags).append(note)


def _finding(findings: list[CaseFinding], d: Decision) -> CaseFinding | None:
    for f in findings:
        if f.kind == d.fact_type and any(
            e.document_id == d.document_id and d.span and tuple(e.span) == d.span for e in f.evidence
        ):
            return f
    return None
