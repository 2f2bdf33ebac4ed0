"""The one flow every review action goes through, from the CLI, the web forms and the API alike:
check the request, keep the decision with its evidence, bring the affected cases up to date; and undo.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection

from casework.case_files import load_case, summary_row
from casework.errors import BadRequest, NotFound
from casework.lookup import one_document
from casework.ontology import load_ontology
from casework.review.record import CASE_FIELDS, CORRECTABLE, REJECT_REASONS, Decision, one_decision
from casework.review.refs import (
    Target,
    case_anchor,
    fact_target,
    finding_target,
    pick_case_id,
    split_finding_ref,
)
from casework.review.weigh import save_case_queue
from casework.store.case_rows import listed_case_ids, replace_case_summaries
from casework.store.database import Store
from casework.store.decision_rows import add_decision_row, mark_decision_undone
from casework.store.person_rows import entities_of_person_in, people_linked_in
from casework.store.report_lookups import event_subject_ids

STATES = ("detained", "charged", "on trial", "sentenced", "released", "deported", "missing", "dead")
_DAY = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MAX_TEXT = 4000


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _check_day(value: str) -> str:
    value = value.strip()
    if not _DAY.match(value):
        raise BadRequest(f"{value[:40]!r} is not a date: give YYYY-MM-DD, YYYY-MM or YYYY")
    if len(value) == 10:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise BadRequest(f"{value!r} is not a day of the calendar") from None
    return value


def _text(value: str | None, what: str, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if not value:
        raise BadRequest(f"{what} is empty")
    if any(
        ord(c) < 32 and c not in "\t\n\r" for c in value
    ):  # PostgreSQL stores no NUL, and no one types these
        raise BadRequest(f"{what} holds control characters")
    if len(value) > limit:
        raise BadRequest(f"{what} is longer than {limit} characters")
    return value


def _target(conn: Connection, ref: str, case: str | None) -> tuple[Target, str | None]:
    """The fact REF names, and the case it is decided in (given, or the one a finding belongs to)."""
    finding = split_finding_ref(ref)
    if finding is not None:
        case_id = pick_case_id(conn, finding[0])
        built = load_case(conn, case_id)
        if built is None:
            raise NotFound(f"no case {finding[0]!r}")
        return finding_target(built, finding[1]), case_id
    if ref.startswith("case:"):
        case_id = pick_case_id(conn, ref[5:])
        doc_id, span = case_anchor(conn, case_id)
        built = load_case(conn, case_id)
        current = {"status": {"state": built.status, "since": built.since}} if built else {}
        return Target("case", doc_id, span, "person", built.name if built else case_id, current), case_id
    return fact_target(conn, ref), pick_case_id(conn, case) if case else None


def _checked_value(target: Target, field: str, value: Any) -> Any:
    if field not in CORRECTABLE.get(target.fact, ()):
        allowed = ", ".join(CORRECTABLE.get(target.fact, ())) or "nothing"
        raise BadRequest(f"a {target.fact}'s {field!r} cannot be corrected (one of: {allowed})")
    if field == "type":
        if value not in load_ontology().events:
            raise BadRequest(f"{value!r} is not an event type of the ontology")
        return value
    if field in ("date", "value"):
        return _check_day(str(value))
    if field == "status":
        state, since = (value.get("state"), value.get("since")) if isinstance(value, dict) else (value, None)
        if state not in STATES:
            raise BadRequest(f"{state!r} is not a status: one of {', '.join(STATES)}")
        return {"state": state, "since": _check_day(since) if since else None}
    text = _text(str(value) if value is not None else None, field, 200)
    if field in ("subject", "agent") and target.doc is not None:
        from casework.review.overlay import entity_named

        if entity_named(target.doc, text, "person" if field == "subject" else None) is None:
            raise BadRequest(
                f"report {target.document_id} names no {'person' if field == 'subject' else 'one'} {text!r}"
            )
    return text


def _subject_span(conn: Connection, target: Target, case_id: str | None) -> list[int] | None:
    """For "not a detainee" on an event: the mention of the case's person among its subjects."""
    if target.doc is None or target.fact_id is None:
        return None
    ev = next(e for e in target.doc.events if e.id == target.fact_id)
    subjects = ev.subject
    if case_id is not None:
        own = entities_of_person_in(conn, case_id, target.doc.id)
        subjects = [s for s in subjects if s in own]
    ent = target.doc.entity(subjects[0]) if len(subjects) == 1 else None
    return list(ent.mentions[0]) if ent is not None and ent.mentions else None


def decide(
    store: Store,
    reviewer: str,
    action: str,
    ref: str,
    *,
    field: str | None = None,
    value: Any = None,
    reason: str | None = None,
    note: str | None = None,
    case: str | None = None,
) -> Decision:
    """Confirm, reject or correct the fact REF (see refs.py), as REVIEWER; returns the decision kept."""
    if action not in ("confirm", "reject", "correct"):
        raise BadRequest(f"{action!r} is not a decision: confirm, reject or correct")
    with store.write() as conn:
        target, case_id = _target(conn, ref, case)
        payload: dict[str, Any] = {"ref": ref}
        original = None
        if action == "reject":
            reasons = REJECT_REASONS.get(target.fact, ())
            reason = (reason or reasons[0]).strip()
            if reason not in reasons:
                raise BadRequest(
                    f"a {target.fact} is rejected as one of: {', '.join(reasons)} (not {reason!r})"
                )
            if target.fact == "event" and reason == "not a detainee":
                payload["subject"] = _subject_span(conn, target, case_id)
        elif action == "correct":
            if not field:
                raise BadRequest("say which field to correct")
            value = _checked_value(target, field, value)
            original = target.current.get(field)
            if original == value:
                raise BadRequest(f"the {field} is {value!r} already")
        note = _text(note, "the note") if note and note.strip() else None
        decision_id = _insert(
            conn, action=action, target=target, field=field if action == "correct" else None, value=value,
            original=original, reason=reason if action == "reject" else None, note=note,
            case_id=case_id, payload=payload, reviewer=reviewer,
        )  # fmt: skip
        named = None
        if field in ("subject", "agent") and target.doc is not None:
            from casework.review.overlay import entity_named

            ent = entity_named(target.doc, str(value))
            named = ent.id if ent is not None else None
        refresh_cases(conn, _affected(conn, target.document_id, case_id, named))
        found = one_decision(conn, decision_id)
    assert found is not None
    return found


def annotate(
    store: Store, reviewer: str, action: str, case: str, text: str, *, field: str | None = None
) -> Decision:
    """A note, a tag or a hand-filled field (CASE_FIELDS) on CASE; a note may be on a report (`doc:ID`)."""
    if action not in ("note", "tag", "field"):
        raise BadRequest(f"{action!r} is not an annotation: note, tag or field")
    if action == "field" and field not in CASE_FIELDS:
        raise BadRequest(f"{field!r} is not a case field: one of {', '.join(CASE_FIELDS)}")
    text = _text(text, "the tag" if action == "tag" else "the text", 64 if action == "tag" else MAX_TEXT)
    if action == "tag" and not re.fullmatch(r"[\w .:/-]+", text):
        raise BadRequest("a tag is a few words: letters, digits, spaces and . : / - only")
    with store.write() as conn:
        if case.startswith("doc:") and action == "field":
            raise BadRequest("a report has no case fields: fill them on a case")
        if case.startswith("doc:"):
            doc_id = one_document(conn, case[4:])
            target = Target("document", doc_id, None, None, doc_id)
            case_id = None
        else:
            case_id = pick_case_id(conn, case)
            doc_id, span = case_anchor(conn, case_id)
            target = Target("case", doc_id, span, "person", case_id)
        decision_id = _insert(
            conn, action=action, target=target, field=field if action == "field" else None, value=text,
            original=None, reason=None, note=None, case_id=case_id, payload={}, reviewer=reviewer,
        )  # fmt: skip
        if case_id:
            refresh_cases(conn, [case_id])
        found = one_decision(conn, decision_id)
    assert found is not None
    return found


def _insert(conn: Connection, *, action: str, target: Target, field: str | None, value: Any, original: Any,
            reason: str | None, note: str | None, case_id: str | None, payload: dict[str, Any], reviewer: str) -> int:  # fmt: skip
    return add_decision_row(
        conn,
        dict(
            action=action,
            fact=target.fact,
            document_id=target.document_id,
            start=target.span[0] if target.span else None,
            end=target.span[1] if target.span else None,
            fact_type=target.fact_type,
            field=field,
            value=json.dumps(value, ensure_ascii=False) if value is not None else None,
            original=json.dumps(original, ensure_ascii=False) if original is not None else None,
            reason=reason,
            note=note,
            case_id=case_id,
            payload=json.dumps(payload),
            reviewer=reviewer,
            created_at=now(),
        ),
    )


def log_decision(
    conn: Connection, action: str, case_id: str | None, payload: dict[str, Any], reviewer: str
) -> int:
    """A merge or split, logged in the same transaction as the judgements it wrote (edits.py)."""
    return _insert(
        conn, action=action, target=Target("person", None, None, None, ""), field=None, value=None,
        original=None, reason=None, note=None, case_id=case_id, payload=payload, reviewer=reviewer,
    )  # fmt: skip


def _affected(
    conn: Connection, doc_id: str | None, case_id: str | None, also: str | None = None
) -> list[str]:
    """The people a decision on this report may change the case of: those it names who have a case now,
    or who are the subject of one of its events (or ALSO, an entity a correction names), so they may
    gain or lose one. Not everyone it names: an official quoted in every report would rebuild them all."""
    if not doc_id:
        return [case_id] if case_id else []
    subjects = event_subject_ids(conn, doc_id)
    if also:
        subjects.add(also)
    named = people_linked_in(conn, doc_id)
    people = {p for e, p in named if e in subjects}
    ids = [p for _, p in named]
    with_case = listed_case_ids(conn, ids)
    return sorted(people | with_case | ({case_id} if case_id else set()))


def refresh_cases(conn: Connection, person_ids: list[str]) -> None:
    """Rewrite the case-list rows of these people only: a decision must not cost a whole resolution."""
    for pid in person_ids:
        case = load_case(conn, pid)
        replace_case_summaries(conn, [summary_row(case)] if case is not None else [], of=[pid])
        save_case_queue(conn, pid, case)


def undo(store: Store, reviewer: str, decision_id: int) -> Decision:
    """Take DECISION_ID back: the facts and cases stand as they did before it (it stays in the history)."""
    from casework.case_files import update_cases

    with store.write() as conn:
        d = one_decision(conn, decision_id)
        if d is None:
            raise NotFound(f"no decision {decision_id}")
        if not d.active:
            raise BadRequest(f"decision {decision_id} was undone already ({d.undone_at} by {d.undone_by})")
        mark_decision_undone(conn, decision_id, now(), reviewer)
        if d.action in ("merge", "split"):
            from casework.review.judgement_log import restore_judgements

            restore_judgements(conn, d.payload)
        else:
            refresh_cases(conn, _affected(conn, d.document_id, d.case_id))
    if d.action in ("merge", "split"):
        update_cases(store)  # who is who changes: resolve again, as merge and split do
    with store.read() as conn:
        found = one_decision(conn, decision_id)
    assert found is not None
    return found
