"""The report that defines the job (../shared/corpus/seed) must come out right."""

from __future__ import annotations

import pytest

from casework.ingest.sources import iter_sources
from casework.model import Document
from casework.pipeline import process
from conftest import SEED, need
from helpers import events_of, names

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def doc() -> Document:
    raw = next(iter(iter_sources([str(need(SEED))])))
    assert not isinstance(raw, Exception)
    return process(raw)


def sentence(doc: Document, span: tuple[int, int]) -> str:
    return doc.text[span[0] : span[1]]


def test_clean_up(doc: Document) -> None:
    assert doc.title and doc.title.startswith("Kazakhstan State TV parades")
    assert doc.byline == ["Anne Kader"]
    assert "You may also like" not in doc.text
    assert doc.text.startswith("Kazakhstan State TV has paraded")


def test_entities(doc: Document) -> None:
    people = {e.name: e for e in doc.entities if e.kind == "person"}
    for name in ["Vikram Ruzahunov", "Sadyr Japarov", "Rapil Joshybaev", "Azizbek Madmarov",
                 "Nuran Niyazaliev", "M. Syzdykov", "Anne Kader"]:  # fmt: skip
        assert name in people, name
    assert people["Anne Kader"].attributes.get("role") == "author"
    assert people["Anne Kader"].mentions == []
    vikram = people["Vikram Ruzahunov"]
    assert "Ruzahunov" in vikram.aliases and len(vikram.mentions) >= 6
    assert vikram.attributes["nationality"] == "Kyrgyzstan"
    assert vikram.attributes["ethnicity"] == "Uyghur"
    assert "musician" in vikram.attributes["occupation"]
    orgs = {e.name for e in doc.entities if e.kind == "organization"}
    assert {"Kazakhstan State TV", "Ministry of Foreign Affairs of Kyrgyzstan"} <= orgs
    places = {e.name for e in doc.entities if e.kind == "place"}
    assert {"Kazakhstan", "Kyrgyzstan", "Almaty", "Uzbekistan", "Tajikistan"} <= places
    for ent in doc.entities:
        for start, end in ent.mentions:
            assert doc.text[start:end].strip()


def test_dates(doc: Document) -> None:
    got = {t.text.replace("’", "'"): t.value for t in doc.timexes}
    assert got["January 2, 2021"] == "2021-01-02"
    assert got["December 16, 2021"] == "2021-12-16"
    assert got["January 2nd"] == "2022-01-02"
    assert got["January 9"] == "2022-01-09"
    assert got["New Year's Eve"] == "2021-12-31"
    assert {t.anchor for t in doc.timexes if t.text == "January 9"} == {"context"}


def test_events(doc: Document) -> None:
    det = [e for e in events_of(doc, "detention") if names(doc, e.subject) == ["Vikram Ruzahunov"]]
    assert len(det) == 1 and "suspicion of involvement in the riots" in det[0].attributes["grounds"]
    conf = events_of(doc, "confession")
    assert len(conf) == 1 and conf[0].attributes.get("televised") and conf[0].attributes.get("coerced")
    assert "cuts and bruises" in sentence(doc, events_of(doc, "ill_treatment")[0].sentence)
    assert names(doc, events_of(doc, "disappearance")[0].subject) == ["Vikram Ruzahunov"]
    travel = {e.date.value: e for e in events_of(doc, "travel") if e.date}
    assert set(travel) == {"2021-01-02", "2022-01-02"}
    assert travel["2022-01-02"].place == "Almaty"
    assert events_of(doc, "protest")
    summons = [e for e in events_of(doc, "diplomatic_protest") if e.date]
    assert summons and summons[0].date.value == "2022-01-09"  # type: ignore[union-attr]
    assert len(events_of(doc, "diplomatic_protest")) == 2  # the summons and the note
    assert any("telephone" in sentence(doc, e.sentence) for e in events_of(doc, "diplomatic_contact"))
    assert len(events_of(doc, "demand")) == 2


def test_claims(doc: Document) -> None:
    by = {}
    for c in doc.claims:
        ent = doc.entity(c.speaker)
        by.setdefault(ent.name if ent else c.speaker_text, []).append(c)
    duress = [c for c in by["Vikram Ruzahunov"] if "under_duress" in c.flags]
    assert len(duress) == 3
    assert any("relatives" in k for k in by)
    assert len(by["Ministry of Foreign Affairs of Kyrgyzstan"]) >= 2
    japarov = by["Sadyr Japarov"]
    assert len(japarov) == 2 and any("hedged" in c.flags for c in japarov)
    assert len(by["Nuran Niyazaliev"]) == 2
    for c in doc.claims:
        assert doc.text[c.span[0] : c.span[1]] == c.content
        assert doc.text[c.cue_span[0] : c.cue_span[1]] == c.cue


def test_findings(doc: Document) -> None:
    kinds = [f.kind for f in doc.findings]
    assert "date_conflict" in kinds and "account_conflict" in kinds and "impossible_sequence" in kinds
    dates = next(f for f in doc.findings if f.kind == "date_conflict")
    assert "2021-01-02" in dates.message and "2022-01-02" in dates.message
    accounts = " ".join(f.message for f in doc.findings if f.kind == "account_conflict")
    assert "paid" in accounts and "concert" in accounts
    seq = next(f for f in doc.findings if f.kind == "impossible_sequence")
    assert "2021-12-31" in seq.message and "2022-01-02" in seq.message
    ids = {e.id for e in doc.events} | {c.id for c in doc.claims}
    for f in doc.findings:
        assert set(f.refs) <= ids and f.spans
