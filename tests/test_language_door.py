"""The language door: a toy second language, registered with a reader and its own extractors, is
read, extracted and given cases with no change to casework; English is untouched by it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from casework.case_files import load_cases, update_cases
from casework.errors import InputRejected
from casework.extract.entities import EntityIndex
from casework.languages import LANGUAGES, register_language
from casework.model import Account, Claim, Document, Event, Finding, Source, Timex
from casework.pipeline import (
    ACCOUNTS,
    CLAIMS,
    DURESS,
    ENTITIES,
    EVENTS,
    FINDINGS,
    READ,
    SOURCES,
    TIMEXES,
    annotate,
    annotate_many,
)
from casework.store.database import open_store
from casework.store.documents import save_document

# "Toy": capitalised words are names, "arestis" means was detained, a date is written D.M.YYYY.
TOY = "xx"
NAME = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b")
DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")


def _read(texts: list[str], batch_size: int) -> list[Doc]:
    nlp = spacy.blank(TOY)
    nlp.add_pipe("sentencizer")
    return list(nlp.pipe(texts, batch_size=batch_size))


def _entities(doc: Doc, byline: list[str]) -> EntityIndex:
    index = EntityIndex(entities=[])
    for m in NAME.finditer(doc.text):
        index.new_entity("person", m.group(0), m.start(), m.end())
    return index


def _timexes(text: str, published: str | None) -> list[Timex]:
    return [
        Timex(m.start(), m.end(), m.group(0), "DATE", f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}", "explicit")
        for m in DATE.finditer(text)
    ]


def _events(doc: Doc, index: EntityIndex, timexes: list[Timex]) -> list[Event]:
    from casework.model import EventDate

    events: list[Event] = []
    for sent in doc.sents:
        if "arestis" not in sent.text:
            continue
        people = [
            e for e in index.entities if any(sent.start_char <= s < sent.end_char for s, _ in e.mentions)
        ]
        dates = [x for x in timexes if sent.start_char <= x.start < sent.end_char]
        date = EventDate(dates[0].text, dates[0].value) if dates else None
        span = (sent.start_char, sent.end_char)
        events.append(
            Event(f"ev{len(events) + 1}", "detention", [p.id for p in people[:1]], [], None, date, span)
        )
    return events


def _none_claims(doc: Doc, index: EntityIndex) -> list[Claim]:
    return []


def _no_link(text: str, claims: list[Claim], events: list[Event]) -> None:
    return None


def _no_accounts(doc: Doc, index: EntityIndex, claims: list[Claim], timexes: list[Timex]) -> list[Account]:
    return []


def _no_findings(doc: Document) -> list[Finding]:
    return []


@pytest.fixture
def toy_language() -> Iterator[None]:
    only = (TOY,)
    READ.register("toy.read.v1", languages=only)(_read)
    ENTITIES.register("toy.entities.v1", languages=only)(_entities)
    TIMEXES.register("toy.timexes.v1", languages=only)(_timexes)
    CLAIMS.register("toy.claims.v1", languages=only)(_none_claims)
    EVENTS.register("toy.events.v1", languages=only)(_events)
    SOURCES.register("toy.sources.v1", languages=only)(_no_link)
    DURESS.register("toy.duress.v1", languages=only)(_no_link)
    ACCOUNTS.register("toy.accounts.v1", languages=only)(_no_accounts)
    FINDINGS.register("toy.findings.v1", languages=only)(_no_findings)
    stages = ("read", "entities", "timexes", "claims", "events", "sources", "duress", "accounts", "findings")
    components = {s: f"toy.{s}.v1" for s in stages}
    register_language(TOY, {**components, "attributions": "casework.attributions.v1"})
    yield
    del LANGUAGES[TOY]


def _toy_document(text: str) -> Document:
    from casework.ingest.loader import document_id

    return Document(id=document_id(text), source=Source(path="toy.txt"), text=text, language=TOY)


TOY_REPORT = "Bakyt Asanov arestis en Osh 3.5.2021. La polico diris nenion."


def test_an_unregistered_language_is_refused_with_the_reason() -> None:
    with pytest.raises(InputRejected, match="language 'xx' is not supported yet"):
        annotate(_toy_document(TOY_REPORT))


@pytest.mark.usefixtures("toy_language")
def test_a_registered_language_is_read_and_extracted_by_its_own_components() -> None:
    doc = annotate(_toy_document(TOY_REPORT))
    assert [e.name for e in doc.entities] == ["Bakyt Asanov"]
    assert [(e.type, e.date.value if e.date else None) for e in doc.events] == [("detention", "2021-05-03")]
    assert {e.component for e in doc.events} == {"toy.events.v1"}
    assert {e.component for e in doc.entities} == {"toy.entities.v1"}
    assert {x.component for x in doc.timexes} == {"toy.timexes.v1"}


@pytest.mark.slow
@pytest.mark.usefixtures("toy_language")
def test_a_batch_of_two_languages_reads_each_with_its_reader_and_opens_cases(tmp_path: Path) -> None:
    english = Document(
        id="e1",
        source=Source(path="en.txt"),
        text="Police detained the journalist Aida Usenova in Osh on 11 March 2024, her husband said.",
        language="en",
    )
    out = annotate_many([_toy_document(TOY_REPORT), english])
    toy, eng = out
    assert isinstance(toy, Document) and isinstance(eng, Document)
    assert {e.component for e in toy.events} == {"toy.events.v1"}
    assert {e.component for e in eng.events} == {"casework.events.v1"}
    assert [e.type for e in eng.events][:1] == ["detention"]
    store = open_store(str(tmp_path / "c.db"), create=True)
    with store.write() as conn:
        save_document(conn, toy)
        save_document(conn, eng)
    update_cases(store)
    with store.read() as conn:
        names = sorted(c.name for c in load_cases(conn))
    store.close()
    assert names == ["Aida Usenova", "Bakyt Asanov"]
