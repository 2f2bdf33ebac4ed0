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
A "detention-type" event on an article whose gold has none is counted apart
(`negative_detention_events`); the floor for it is zero.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casework.errors import InputRejected
from casework.evaluate.scores import Score, overlap
from casework.ingest.loader import RawInput, load_document
from casework.model import Document, Entity, Event
from casework.ontology import DETENTION_TYPES
from casework.pipeline import annotate_many
from casework.resolve.names import same_word


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
            if i in used or e.type != g["type"] or not any(overlap(s, where) for s in _sentences(e)):
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


def _sentences(event: Event) -> list[tuple[int, int]]:
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


def evaluate_cases(root: Path) -> dict[str, Any]:
    cases = read_gold(root)
    raws = [RawInput(c.name, c.text.encode("utf-8"), None) for c in cases]
    docs = annotate_many([load_document(r, raw_text=True) for r in raws])
    persons, events, claims, dates = Score(), Score(), Score(), Score()
    negatives = 0
    for case, doc in zip(cases, docs, strict=True):
        if isinstance(doc, InputRejected):
            raise doc
        _score_persons(doc, case.gold, persons)
        _score_events(doc, case.gold, events, dates)
        _score_claims(doc, case.gold, claims)
        if not any(g["type"] in DETENTION_TYPES for g in case.gold["events"]):
            negatives += sum(e.type in DETENTION_TYPES for e in doc.events)
    return {
        "documents": len(cases),
        "persons": persons.to_json(),
        "events": events.to_json(),
        "claims": claims.to_json(),
        "event_dates": {"accuracy": round(dates.precision, 4), "dated_gold_events_matched": dates.predicted},
        "negative_detention_events": negatives,
    }
