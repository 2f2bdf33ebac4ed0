"""`casework eval cases`: persons, events, claims and event dates against casework's gold format.

A folder holds `articles/NN.txt` and `gold/NN.json`. Each article is read as
given (`--raw`), so the gold evidence sentences are found verbatim in it.

Matching, one to one within an article:
- persons: a system person matches a gold person when one of its names equals
  one of the gold person's forms (name or variants), or their surnames are one
  name by the transliteration-aware matcher and their first names do not clash;
- events: same type, one of the sentences the system event cites (its own, or
  one merged into it, `attributes.also_in`) overlaps the gold evidence sentence, and when the gold subject is a gold person, that person is among
  the system event's subjects;
- claims: the system claim's sentence overlaps the gold evidence sentence;
- event dates: over matched events with a gold date, the system date value
  starts with the gold value (gold gives a year, a month or a day).
- who has a case: the people a case is opened for (built through a store, as
  `casework ingest` builds them) against the gold persons who are the subject of a
  detention-type event; case status: over matched case people, the status the case
  gives against the status of the person's last status-giving gold event.
A "detention-type" event on an article whose gold has none is counted apart
(`negative_detention_events`); the floor for it is zero.

A folder in the dev-gold layout (`second-batch/` beside `articles/` and `gold/`)
is read whole and scored also by fold (`casework.evaluate.folds`): the articles
the rules were written against, and those no one read while writing them.
"""

from __future__ import annotations

import html
import json
import tempfile
from dataclasses import dataclass, field
from functools import cmp_to_key
from pathlib import Path
from typing import Any

from casework.case_files import cases_of_reports
from casework.errors import InputRejected
from casework.evaluate.folds import fold_of, is_unseen
from casework.evaluate.scores import Score, overlap
from casework.ingest.loader import RawInput, load_document
from casework.model import Case, Document, Entity, Event
from casework.ontology import case_types, load_ontology, status_of_types
from casework.pipeline import annotate_many
from casework.resolve.names import same_word
from casework.status import CUSTODY


@dataclass
class GoldCase:
    name: str
    text: str
    gold: dict[str, Any]


def read_gold(root: Path) -> list[GoldCase]:
    articles, golds = root / "articles", root / "gold"
    if not articles.is_dir() or not golds.is_dir():
        raise InputRejected(str(root), "expected articles/ and gold/ folders (casework gold format)")
    out = []
    for gold_path in sorted(golds.glob("*.json")):
        article = articles / f"{gold_path.stem}.txt"
        if not article.exists():
            raise InputRejected(str(gold_path), f"no article {article.name}")
        out.append(
            GoldCase(
                gold_path.stem, article.read_text(encoding="utf-8"), json.loads(gold_path.read_text("utf-8"))
            )
        )
    return out


def _forms(person: dict[str, Any]) -> list[str]:
    return [html.unescape(f) for f in [person["name"], *person.get("variants", [])] if f]


def _words(name: str) -> list[str]:
    return [w for w in name.replace("-", " ").split() if w[:1].isalpha()]


def names_match(system: str, gold: str) -> bool:
    """Same name: equal, or the same surname (by the name matcher) with no clashing first name."""
    if system.casefold() == gold.casefold():
        return True
    a, b = _words(system), _words(gold)
    if not a or not b or not same_word(a[-1], b[-1]):
        return False
    return len(a) == 1 or len(b) == 1 or same_word(a[0], b[0])


def _entity_forms(ent: Entity) -> list[str]:
    return [ent.name, *ent.aliases]


def _person_matches(ent: Entity, forms: list[str]) -> bool:
    return any(names_match(s, g) for s in _entity_forms(ent) for g in forms)


def _span_of(text: str, evidence: str) -> tuple[int, int] | None:
    start = text.find(evidence)
    return (start, start + len(evidence)) if start >= 0 else None


def _score_persons(doc: Document, gold: dict[str, Any], score: Score) -> None:
    people = [e for e in doc.entities if e.kind == "person" and e.mentions]
    used: set[int] = set()
    hits = 0
    for person in gold["persons"]:
        forms = _forms(person)
        for i, ent in enumerate(people):
            if i not in used and _person_matches(ent, forms):
                used.add(i)
                hits += 1
                break
    score.add(hits, len(people), len(gold["persons"]))


def _gold_person(gold: dict[str, Any], subject: str | None) -> list[str] | None:
    if not subject:
        return None
    for person in gold["persons"]:
        forms = _forms(person)
        if any(names_match(subject, f) for f in forms):
            return forms
    return None


def _score_events(doc: Document, gold: dict[str, Any], events: Score, dates: Score) -> None:
    used: set[int] = set()
    hits = 0
    for g in gold["events"]:
        where = _span_of(doc.text, g["evidence"])
        forms = _gold_person(gold, g.get("subject"))
        for i, e in enumerate(doc.events):
            if i in used or e.type != g["type"] or not any(overlap(s, where) for s in cited_sentences(e)):
                continue
            if forms is not None:
                subjects = [doc.entity(s) for s in e.subject]
                if not any(s is not None and _person_matches(s, forms) for s in subjects):
                    continue
            used.add(i)
            hits += 1
            if g.get("date"):
                value = (e.date.value if e.date else None) or ""
                dates.add(int(value.startswith(g["date"])), 1, 1)
            break
    events.add(hits, len(doc.events), len(gold["events"]))


def cited_sentences(event: Event) -> list[tuple[int, int]]:
    """Every sentence casework cites for the event: its own, and those of the mentions merged into it."""
    also = event.attributes.get("also_in")
    extra = [(int(a), int(b)) for a, b in also] if isinstance(also, list) else []
    return [event.sentence, *extra]


def _score_claims(doc: Document, gold: dict[str, Any], score: Score) -> None:
    used: set[int] = set()
    hits = 0
    for g in gold["claims"]:
        where = _span_of(doc.text, g["evidence"])
        for i, c in enumerate(doc.claims):
            if i not in used and overlap(c.sentence, where):
                used.add(i)
                hits += 1
                break
    score.add(hits, len(doc.claims), len(gold["claims"]))


@dataclass
class CaseScores:
    """Every count behind `casework eval cases`, for one set of articles."""

    documents: int = 0
    persons: Score = field(default_factory=Score)
    events: Score = field(default_factory=Score)
    claims: Score = field(default_factory=Score)
    dates: Score = field(default_factory=Score)
    case_people: Score = field(default_factory=Score)
    status: Score = field(default_factory=Score)
    negatives: int = 0

    def add(self, other: CaseScores) -> None:
        self.documents += other.documents
        for name in ("persons", "events", "claims", "dates", "case_people", "status"):
            mine, theirs = getattr(self, name), getattr(other, name)
            mine.add(theirs.system_hits, theirs.predicted, theirs.gold, theirs.gold_hits)
        self.negatives += other.negatives

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "persons": self.persons.to_json(),
            "events": self.events.to_json(),
            "claims": self.claims.to_json(),
            "event_dates": {
                "accuracy": round(self.dates.precision, 4),
                "dated_gold_events_matched": self.dates.predicted,
            },
            "case_people": self.case_people.to_json(),
            "case_status": {"accuracy": round(self.status.precision, 4), "matched": self.status.predicted},
            "negative_detention_events": self.negatives,
        }


def _gold_status(gold: dict[str, Any], forms: list[str], text: str) -> str | None:
    """The status after the person's last status-giving gold event, in a case's order: by date
    where the gold dates both events (a year, a month or a day: a shorter date that is the start of
    the other does not order them), else by the stage the ontology gives each type (charge after
    arrest, sentence after trial), else by the order of the text. The gold has no status of its own;
    news reports often tell the latest fact first, so the order of the text alone misleads."""
    onto, status_of = load_ontology(), status_of_types()
    mine = []
    for g in gold["events"]:
        if g["type"] in status_of and g.get("subject") and any(names_match(g["subject"], f) for f in forms):
            where = _span_of(text, g["evidence"])
            stage = onto.events[g["type"]].stage if g["type"] in onto.events else 0
            mine.append((g.get("date") or "", stage, (where or (len(text), 0))[0], g["type"]))

    def before(a: tuple[str, int, int, str], b: tuple[str, int, int, str]) -> int:
        if a[0] and b[0] and not (a[0].startswith(b[0]) or b[0].startswith(a[0])):
            return -1 if a[0] < b[0] else 1
        return -1 if a[1:3] < b[1:3] else 1 if a[1:3] > b[1:3] else 0

    mine.sort(key=cmp_to_key(before))
    # the status rule of issue 14 (status.assess_status): within one report, unknown whereabouts
    # after an arrest is a note beside "detained", not the status ("the seed alone: detained, not
    # missing"); each article here is one report
    held = [m for m in mine if status_of[m[3]] in CUSTODY]
    if held and mine and status_of[mine[-1][3]] == "missing":
        mine = [m for m in mine if status_of[m[3]] != "missing"]
    return status_of[mine[-1][3]] if mine else None


def _score_case_people(doc: Document, gold: dict[str, Any], cases: list[Case], scores: CaseScores) -> None:
    gold_people = [
        p
        for p in gold["persons"]
        if any(
            g["type"] in case_types()
            and g.get("subject")
            and any(names_match(g["subject"], f) for f in _forms(p))
            for g in gold["events"]
        )
    ]
    used: set[int] = set()
    hits = 0
    for person in gold_people:
        forms = _forms(person)
        for i, case in enumerate(cases):
            if i in used or not any(names_match(n, f) for n in case.names for f in forms):
                continue
            used.add(i)
            hits += 1
            want = _gold_status(gold, forms, doc.text)
            if want is not None:
                scores.status.add(int(case.status.split(",")[0].strip() == want), 1, 1)
            break
    scores.case_people.add(hits, len(cases), len(gold_people))


def _cases_of(doc: Document, folder: Path) -> list[Case]:
    """The cases `casework ingest` would open for this one report, built through a store of its own."""
    try:
        return cases_of_reports([doc], folder / "eval.db")
    finally:
        for leftover in folder.iterdir():
            leftover.unlink()


def score_document(case: GoldCase, doc: Document, folder: Path) -> CaseScores:
    scores = CaseScores(documents=1)
    _score_persons(doc, case.gold, scores.persons)
    _score_events(doc, case.gold, scores.events, scores.dates)
    _score_claims(doc, case.gold, scores.claims)
    _score_case_people(doc, case.gold, _cases_of(doc, folder), scores)
    if not any(g["type"] in case_types() for g in case.gold["events"]):
        scores.negatives += sum(e.type in case_types() for e in doc.events)
    return scores


def read_gold_tree(root: Path) -> list[GoldCase]:
    """A gold folder, and its `second-batch/` when it has one (dev-gold's layout)."""
    cases = read_gold(root)
    extra = root / "second-batch"
    if (extra / "gold").is_dir():
        cases += read_gold(extra)
    return cases


def evaluate_cases(root: Path) -> dict[str, Any]:
    cases = read_gold_tree(root)
    raws = [RawInput(c.name, c.text.encode("utf-8"), None) for c in cases]
    docs = annotate_many([load_document(r, raw_text=True) for r in raws])
    total = CaseScores()
    by_fold: dict[int, CaseScores] = {}
    seen, unseen = CaseScores(), CaseScores()
    with tempfile.TemporaryDirectory(prefix="casework-eval-") as tmp:
        for case, doc in zip(cases, docs, strict=True):
            if isinstance(doc, InputRejected):
                raise doc
            scores = score_document(case, doc, Path(tmp))
            total.add(scores)
            by_fold.setdefault(fold_of(case.name), CaseScores()).add(scores)
            (unseen if is_unseen(case.name) else seen).add(scores)
    result = total.to_json()
    if unseen.documents:
        result["in_fold"] = seen.to_json()
        result["out_of_fold"] = unseen.to_json()
        result["folds"] = {str(k): v.to_json() for k, v in sorted(by_fold.items())}
    return result
