"""The learned subject ranker: shipped weights load offline, and alone (with the rules' reading of
subjects switched off) it finds whom plain constructions are about, and marks what it guessed."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from casework.case_files import cases_of_reports
from casework.extract import events
from casework.extract.subject_ranker import candidates, features, load_ranker
from casework.nlp import parse
from casework.store.database import open_store
from casework.web.app import create_app
from helpers import run

pytestmark = pytest.mark.slow


def test_weights_ship_with_the_package() -> None:
    ranker = load_ranker()
    assert ranker is not None
    assert 0.0 < ranker.threshold < 1.0
    assert len(ranker.weights) > 100


def test_candidates_are_noun_phrase_heads() -> None:
    doc = parse("Police in Osh arrested the activist Aziz Karimov on Monday.")
    trigger = next(t for t in doc if t.lemma_ == "arrest")
    heads = [t.text for t in candidates(trigger, doc[:])]
    assert "Karimov" in heads and "Aziz" not in heads and "arrested" not in heads


def test_features_are_a_function_of_the_parse() -> None:
    doc = parse("Aziz Karimov was arrested in Osh.")
    trigger, cand = doc[3], doc[1]
    assert features(trigger, cand, "detention") == features(trigger, cand, "detention")
    assert "p=|nsubjpass" in features(trigger, cand, "detention")  # from the verb down to its subject


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Aziz Karimov was arrested in Osh on Monday.", ["Aziz Karimov"]),
        ("Police in Osh arrested Aziz Karimov on Monday.", ["Aziz Karimov"]),
        ("Officials confirmed the arrest of Aziz Karimov in Osh.", ["Aziz Karimov"]),
    ],
)
def test_alone_the_ranker_finds_the_patient(
    monkeypatch: pytest.MonkeyPatch, text: str, want: list[str]
) -> None:
    monkeypatch.setattr(events, "_subject_tokens", lambda trig: [])
    doc = run(text)
    got = [e for e in doc.events if e.type == "detention"]
    assert [doc.entity(s).name for e in got for s in e.subject] == want  # type: ignore[union-attr]
    assert all(e.attributes.get("subject_by") == events.RANKER for e in got)


def test_without_weights_the_rules_work_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(events, "_subject_tokens", lambda trig: [])
    monkeypatch.setattr(events, "best_subject", lambda *a: None)
    assert [
        e for e in run("Aziz Karimov was arrested in Osh on Monday.").events if e.type == "detention"
    ] == []


def test_the_case_says_whose_subject_a_model_guessed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    text = "Aziz Karimov was arrested in Osh on Monday. He was charged with fraud."
    monkeypatch.setattr(events, "_subject_tokens", lambda trig: [])
    guessed = cases_of_reports([run(text)], tmp_path / "guessed.db")
    monkeypatch.undo()
    read = cases_of_reports([run(text)], tmp_path / "read.db")
    flags = [[e.to_json()["subject_guessed"] for e in c.timeline] for c in (guessed[0], read[0])]
    assert True in flags[0] and True not in flags[1]


def test_the_case_page_marks_a_guessed_subject(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(events, "_subject_tokens", lambda trig: [])
    cases = cases_of_reports([run("Aziz Karimov was arrested in Osh on Monday.")], tmp_path / "c.db")
    store = open_store(str(tmp_path / "c.db"), create=False)
    try:
        with TestClient(create_app(store)) as client:
            page = client.get(f"/cases/{cases[0].id}")
    finally:
        store.close()
    assert page.status_code == 200
    assert "a model&#39;s guess" in page.text or "a model's guess" in page.text
