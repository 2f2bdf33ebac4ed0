"""The document contract round-trips: from_json(to_json(d)) == d, through JSON text and through the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from casework.model import (
    SCHEMA,
    Claim,
    ContractError,
    Document,
    Entity,
    Event,
    EventDate,
    Finding,
    Source,
    Timex,
)
from casework.store.database import open_store
from casework.store.documents import load_document, save_document

words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)
ids = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
spans = st.tuples(st.integers(0, 500), st.integers(0, 500)).map(lambda p: (min(p), max(p)))
maybe = st.none() | words
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**31), 2**31) | words,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(words, inner, max_size=3),
    max_leaves=5,
)
attributes = st.dictionaries(words, json_values, max_size=3)
component = st.sampled_from(["", "casework.events.v1", "acme.events.v2"])

entities = st.builds(
    Entity,
    id=ids,
    kind=st.sampled_from(["person", "organization", "place", "group"]),
    name=words,
    aliases=st.lists(words, max_size=3),
    mentions=st.lists(spans, max_size=3),
    attributes=attributes,
    component=component,
)
timexes = st.builds(
    Timex,
    start=st.integers(0, 500),
    end=st.integers(0, 500),
    text=words,
    type=st.sampled_from(["DATE", "TIME", "DURATION", "SET"]),
    value=maybe,
    anchor=st.sampled_from(["explicit", "published", "context", "none"]),
    component=component,
)
events = st.builds(
    Event,
    id=ids,
    type=st.sampled_from(["detention", "release", "hunger_strike"]),
    subject=st.lists(ids, max_size=3),
    agent=st.lists(ids, max_size=3),
    place=maybe,
    date=st.none() | st.builds(EventDate, words, maybe),
    sentence=spans,
    source=st.none() | ids,
    attributes=attributes,
    trigger=spans,
    component=component,
)
claims = st.builds(
    Claim,
    id=ids,
    speaker=st.none() | ids,
    speaker_text=words,
    speaker_span=st.none() | spans,
    cue=words,
    cue_span=spans,
    content=words,
    span=spans,
    direct=st.booleans(),
    flags=st.lists(st.sampled_from(["hedged", "under_duress", "denied"]), max_size=2),
    sentence=spans,
    component=component,
    about=st.lists(ids, max_size=2),
)
findings = st.builds(
    Finding, kind=words, message=words, refs=st.lists(ids, max_size=3), spans=st.lists(spans, max_size=2),
    component=component,
)  # fmt: skip
sources = st.builds(Source, path=maybe, url=maybe, format=st.sampled_from(["text", "html", "warc"]))
documents = st.builds(
    Document,
    id=ids,
    source=sources,
    text=words,
    title=maybe,
    byline=st.lists(words, max_size=2),
    published=st.none() | st.dates().map(lambda d: d.isoformat()),
    language=st.sampled_from(["en", "ru", "und"]),
    entities=st.lists(entities, max_size=3, unique_by=lambda e: e.id),
    timexes=st.lists(timexes, max_size=3),
    events=st.lists(events, max_size=3, unique_by=lambda e: e.id),
    claims=st.lists(claims, max_size=3, unique_by=lambda c: c.id),
    findings=st.lists(findings, max_size=2),
)


def _same_source(doc: Document) -> Document:
    """The contract writes a path only when there is no URL, or neither (as null)."""
    if doc.source.url is not None and doc.source.path is not None:
        doc.source.path = None
    return doc


@given(documents.map(_same_source))
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_to_json_then_from_json_gives_the_document_back(doc: Document) -> None:
    text = json.dumps(doc.to_json(), ensure_ascii=False)
    assert Document.from_json(json.loads(text)) == doc


def _storable(doc: Document) -> Document:
    """The store keys mentions by their start, and gives them back in order."""
    doc = _same_source(doc)
    for e in doc.entities:
        e.mentions = list(dict(e.mentions).items())
        e.mentions.sort()
    return doc


@given(doc=documents.map(_storable))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_stored_document_loads_as_it_was_saved(doc: Document, tmp_path: Path) -> None:
    doc.text = doc.text.replace("\x00", "")  # NUL never reaches the store (ingest drops it)
    store = open_store(str(tmp_path / "c.db"), create=True)
    try:
        with store.write() as conn:
            conn.execute(text("DELETE FROM documents"))  # one store for every example of the test
            save_document(conn, doc)
        with store.read() as conn:
            back = load_document(conn, doc.id)
    finally:
        store.close()
    assert back is not None
    back.meta = doc.meta
    back.accounts = doc.accounts
    assert back == doc


@pytest.mark.parametrize(
    "bad",
    [
        {"schema": "casework.document/2", "id": "x", "text": ""},
        {"schema": SCHEMA, "text": "no id"},
        {"schema": SCHEMA, "id": "x", "text": "t", "events": [{"id": "e1"}]},
        {"schema": SCHEMA, "id": "x", "text": "t", "claims": [{"id": "c1", "span": "not a span"}]},
    ],
)
def test_a_malformed_contract_object_is_a_contract_error(bad: dict[str, object]) -> None:
    with pytest.raises(ContractError):
        Document.from_json(bad)
