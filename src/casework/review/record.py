"""A decision as stored: one row of `review_decisions`, read back into a typed value."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, RowMapping

from casework.store.decision_rows import decision_row, decision_rows

ACTIONS = ("confirm", "reject", "correct", "note", "tag", "field", "merge", "split")
FACTS = ("event", "claim", "timex", "finding", "case", "document", "person")

# What may be corrected, per kind of fact; a case's status carries a date with it.
CORRECTABLE = {
    "event": ("type", "date", "place", "subject", "agent"),
    "claim": ("speaker",),
    "timex": ("value",),
    "case": ("status",),
}
# Why a fact is rejected: each reason says what leaves (the whole fact, or who it is attributed to).
REJECT_REASONS = {
    "event": ("not an event", "not a detainee"),
    "claim": ("not a claim", "wrong speaker"),
    "timex": ("not a date",),
    "finding": ("not a problem",),
    "case": ("not a detainee",),
}
# The case fields analysts fill by hand where the reports are silent or wrong.
CASE_FIELDS = {
    "detaining_authority": "Detaining authority",
    "place_of_custody": "Place of custody",
    "legal_basis": "Legal basis",
    "charges": "Charges",
    "lawyer_access": "Lawyer access",
    "family_access": "Family access",
    "consular_access": "Consular access",
    "consular_notification": "Consular notification",
}


@dataclass
class Decision:
    id: int
    action: str
    fact: str
    document_id: str | None
    span: tuple[int, int] | None
    fact_type: str | None
    field: str | None
    value: Any
    original: Any
    reason: str | None
    note: str | None
    case_id: str | None
    reviewer: str
    created_at: str
    payload: dict[str, Any] = dataclasses.field(default_factory=dict)  # `field` is a column here
    undone_at: str | None = None
    undone_by: str | None = None

    @property
    def active(self) -> bool:
        return self.undone_at is None

    @property
    def summary(self) -> str:
        """One line for a history: 'correct event detention date: 2024-03-02 -> 2024-03-04'."""
        what = (
            f"{self.fact} {self.fact_type}"
            if self.fact_type and self.fact not in ("case", "person")
            else self.fact
        )
        if self.action == "correct":
            return f"correct {what} {self.field}: {_show(self.original)} -> {_show(self.value)}"
        if self.action == "reject":
            return f"reject {what}: {self.reason or ''}".rstrip(": ")
        if self.action == "field":
            return f"set {CASE_FIELDS.get(self.field or '', self.field)}: {_show(self.value)}"
        if self.action in ("note", "tag"):
            return f"{self.action} on {self.fact}: {_show(self.value)}"
        if self.action in ("merge", "split"):
            return f"{self.action} {', '.join(self.payload.get('refs', []))}"
        return f"{self.action} {what}"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "action": self.action,
            "fact": self.fact,
            "document": self.document_id,
            "span": list(self.span) if self.span else None,
            "fact_type": self.fact_type,
            "field": self.field,
            "value": self.value,
            "original": self.original,
            "reason": self.reason,
            "note": self.note,
            "case": self.case_id,
            "reviewer": self.reviewer,
            "created_at": self.created_at,
            "undone_at": self.undone_at,
            "undone_by": self.undone_by,
            "summary": self.summary,
        }


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return " ".join(str(v) for v in value.values() if v)
    return "(none)" if value is None else str(value)


def _loads(value: str | None) -> Any:
    return json.loads(value) if value else None


def decision_of(r: RowMapping) -> Decision:
    span = (int(r["start"]), int(r["end"])) if r["start"] is not None else None
    return Decision(
        id=int(r["id"]), action=r["action"], fact=r["fact"], document_id=r["document_id"], span=span,
        fact_type=r["fact_type"], field=r["field"], value=_loads(r["value"]), original=_loads(r["original"]),
        reason=r["reason"], note=r["note"], case_id=r["case_id"], reviewer=r["reviewer"], created_at=r["created_at"],
        payload=_loads(r["payload"]) or {}, undone_at=r["undone_at"], undone_by=r["undone_by"],
    )  # fmt: skip


def all_decisions(conn: Connection, documents: list[str] | None = None) -> list[Decision]:
    """Every decision (or those made on DOCUMENTS), undone ones included, oldest first (the order
    they apply in)."""
    return [decision_of(r) for r in decision_rows(conn, documents)]


def one_decision(conn: Connection, decision_id: int) -> Decision | None:
    row = decision_row(conn, decision_id)
    return decision_of(row) if row is not None else None
