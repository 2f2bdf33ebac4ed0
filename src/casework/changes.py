"""What moved in a case since the last update: a new case, a new status, a new finding.

Each rebuilt case is compared with the snapshot the last update left of it (or of the case it
continues, when its id changed because a report with an earlier mention joined it); each change is
logged once in `case_changes` (unique per case and key), with the case, what changed and the
sentences that state it, in the same transaction that rewrites the case list. Alert rules
(alerting.py) turn changes into alerts in that transaction too, so a kill never logs one twice or
loses one.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml
from sqlalchemy import Connection

from casework.model import Case, Evidence
from casework.ontology import case_types, load_gazetteer, types_with
from casework.store.case_snapshots import replace_snapshot_rows, snapshot_rows, unnotified_snapshot_rows
from casework.store.change_rows import add_change_row, change_logged

MAX_EVIDENCE = 5  # sentences an alert carries; the case page has them all
# findings about how widely a fact is reported, not what it says: no alert when one appears
QUIET_FINDINGS = frozenset({"single_source", "open_question", "consular_clock"})


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    data = yaml.safe_load(
        files("casework").joinpath("data", "country_codes.yaml").read_text(encoding="utf-8")
    )
    return {str(k): str(v) for k, v in (data.get("cities") or {}).items()}


def countries_in(text: str, *, demonyms: bool = True) -> list[str]:
    """The countries a phrase names ("in Kazakhstan", "in Almaty") or, with DEMONYMS, implies
    ("Kazakh police"; left out of a whole sentence, where "a Kyrgyz musician" is no place)."""
    gaz, cities = load_gazetteer(), _cities()
    words = re.findall(r"[A-Z][\w-]+(?: [A-Z][\w-]+)?", text)

    def of(word: str) -> str | None:
        if word in cities:
            return cities[word]
        if demonyms:
            return gaz.country_of(word)
        return word if word in gaz.countries else None

    return sorted({c for w in words for c in (of(w), *(of(x) for x in w.split())) if c})


@dataclass
class Snapshot:
    case_id: str
    status: str
    since: str | None
    nationality: list[str]
    held_in: list[str]
    findings: list[str] | None  # None: not known (a snapshot the v6 migration made from the case list)
    documents: list[str]
    detained_on: str | None
    home_acted: bool
    detained_evidence: dict[str, Any] | None = None

    def row(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "status": self.status,
            "since": self.since,
            "nationality": json.dumps(self.nationality, ensure_ascii=False),
            "held_in": json.dumps(self.held_in),
            "findings": json.dumps(self.findings, ensure_ascii=False),  # null: not known
            "mentions": json.dumps(self.documents),
            "detained_on": self.detained_on,
            "home_acted": self.home_acted,
            "detained_evidence": json.dumps(self.detained_evidence, ensure_ascii=False)
            if self.detained_evidence
            else None,
        }


def _finding_key(kind: str, message: str) -> str:
    return f"{kind}: {message}"


def snapshot(case: Case) -> Snapshot:
    held = [e for e in case.events if e.type in case_types()]
    places = " ; ".join(x for e in held for x in [e.place or "", *e.agents])
    custody = types_with("custody")
    sentences = " ; ".join(e.evidence.text for e in held if e.type in custody)
    clock = case.consular
    return Snapshot(
        case_id=case.id,
        status=case.status,
        since=case.since,
        nationality=list(case.profile.get("nationality", [])),
        held_in=sorted({*countries_in(places), *countries_in(sentences, demonyms=False)}),
        findings=sorted(
            {_finding_key(f.kind, f.message) for f in case.findings if f.kind not in QUIET_FINDINGS}
        ),
        documents=sorted({s.document_id for s in case.sources}),
        detained_on=clock.detained.day if clock else None,
        home_acted=bool(clock and clock.acted),
        detained_evidence=clock.detained.evidence.to_json() if clock and clock.detained.evidence else None,
    )


def _from_row(row: Any) -> Snapshot:
    return Snapshot(
        row.case_id,
        row.status,
        row.since,
        json.loads(row.nationality),
        json.loads(row.held_in),
        json.loads(row.findings),
        json.loads(row.mentions),
        row.detained_on,
        bool(row.home_acted),
        json.loads(row.detained_evidence) if row.detained_evidence else None,
    )


def _evidence(items: list[Evidence]) -> list[dict[str, Any]]:
    return [e.to_json() for e in items[:MAX_EVIDENCE]]


@dataclass
class Change:
    case_id: str
    kind: str
    key: str
    name: str
    summary: str
    detail: dict[str, Any]


def _case_detail(case: Case, snap: Snapshot) -> dict[str, Any]:
    return {
        "case": {
            "id": case.id,
            "name": case.name,
            "names": list(case.names),
            "status": snap.status,
            "since": snap.since,
            "where": case.where,
            "nationality": snap.nationality,
            "held_in": snap.held_in,
        }
    }


def compare(case: Case, new: Snapshot, old: Snapshot | None) -> list[Change]:
    """The changes from OLD to NEW (all of the case's news when there was no OLD)."""
    base = _case_detail(case, new)
    if old is None:
        held = [e.evidence for e in case.timeline if e.type in case_types()]
        detail = {**base, "change": {"what": "new case"}, "evidence": _evidence(held or case.current.sources)}
        return [
            Change(case.id, "new-case", "new-case", case.name, f"{case.name}: {case.current.label}", detail)
        ]
    out = []
    if old.status != new.status:
        detail = {
            **base,
            "change": {"what": "status", "from": old.status, "to": new.status, "since": new.since},
            "evidence": _evidence(case.current.sources),
        }
        out.append(
            Change(
                case.id,
                "status-change",
                f"status:{old.status}->{new.status}:{new.since or ''}",
                case.name,
                f"{case.name}: {old.status} -> {case.current.label}",
                detail,
            )
        )
    seen = set(old.findings or [])
    for f in case.findings if old.findings is not None else []:
        key = _finding_key(f.kind, f.message)
        if key in seen or f.kind in QUIET_FINDINGS:
            continue
        seen.add(key)
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
        detail = {
            **base,
            "change": {"what": "finding", "kind": f.kind, "message": f.message, "sides": list(f.sides)},
            "evidence": _evidence(f.evidence),
        }
        out.append(
            Change(
                case.id, "new-finding", f"finding:{digest}", case.name, f"{case.name}: {f.message}", detail
            )
        )
    return out


def _old_snapshots(conn: Connection, ids: set[str] | None) -> dict[str, Snapshot]:
    return {r.case_id: _from_row(r) for r in snapshot_rows(conn, ids)}


def _predecessor(new: Snapshot, vanished: dict[str, Snapshot]) -> Snapshot | None:
    """The vanished case that shares most reports with NEW: the case it continues under a new id."""
    shared = Counter({cid: len(set(old.documents) & set(new.documents)) for cid, old in vanished.items()})
    best = [(n, cid) for cid, n in shared.items() if n]
    return vanished[max(best)[1]] if best else None


def record_changes(conn: Connection, cases: list[Case], rebuilt: set[str] | None) -> list[int]:
    """Compare the rebuilt CASES with their snapshots, log the changes, fire alerts; return the ids of
    the changes logged. REBUILT names every case id the update looked at (the cases rebuilt and those
    it found gone); None means all of them (a full rebuild)."""
    from casework.alerting import fire_alerts

    new = {c.id: snapshot(c) for c in cases}
    scope = None if rebuilt is None else rebuilt | set(new)
    old = _old_snapshots(conn, scope)
    vanished = {cid: s for cid, s in old.items() if cid not in new}
    changes: list[Change] = []
    for case in cases:
        snap = new[case.id]
        before = old.get(case.id) or _predecessor(snap, vanished)
        changes.extend(compare(case, snap, before))
    replace_snapshot_rows(conn, scope, [n.row() for n in new.values()])
    ids = log_changes(conn, changes)
    fire_alerts(conn, ids)
    return ids


def log_changes(conn: Connection, changes: list[Change]) -> list[int]:
    """Insert the changes not logged before (per case and key); return the new rows' ids."""
    ids = []
    at = now()
    for ch in changes:
        if change_logged(conn, ch.case_id, ch.key):
            continue
        ids.append(
            add_change_row(
                conn,
                {
                    "case_id": ch.case_id,
                    "kind": ch.kind,
                    "key": ch.key,
                    "name": ch.name,
                    "summary": ch.summary,
                    "detail": json.dumps(ch.detail, ensure_ascii=False),
                    "at": at,
                },
            )
        )
    return ids


def overdue_changes(conn: Connection, days: int, today: date | None = None) -> list[Change]:
    """Cases whose home state has not acted DAYS after the detention day the reports give."""
    cutoff = ((today or datetime.now(UTC).date()) - timedelta(days=days)).isoformat()
    rows = unnotified_snapshot_rows(conn, cutoff)
    out = []
    for r in rows:
        snap = _from_row(r)
        detail = {
            "case": {
                "id": snap.case_id,
                "name": r.name,
                "names": [r.name],
                "status": snap.status,
                "since": snap.since,
                "nationality": snap.nationality,
                "held_in": snap.held_in,
            },
            "change": {"what": "consular clock", "detained_on": snap.detained_on, "days": days},
            "evidence": [snap.detained_evidence] if snap.detained_evidence else [],
        }
        out.append(
            Change(
                snap.case_id,
                "consular-overdue",
                f"consular-overdue:{days}",
                r.name,
                f"{r.name}: detained {snap.detained_on}, no act of the home state reported after {days} days",
                detail,
            )
        )
    return out
