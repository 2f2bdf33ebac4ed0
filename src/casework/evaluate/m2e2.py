"""`casework eval m2e2`: events against ACE-style annotation of news sentences by another group (M2E2, VOA).

The data is M2E2's `m2e2_annotations.zip` (or the `text_only_event.json` inside it): one record a
sentence, its `golden-event-mentions` with ACE types. Each casework type's `ace:` list in the
ontology says which ACE types it stands for (Justice:Arrest-Jail: detention or sentence;
Conflict:Demonstrate: protest). Each sentence is read as a document of its own (no context), and
scored by type: a sentence is a hit for an ACE type when the gold has a mention of it and casework
finds an event of a type standing for it.

M2E2 leaves many real events unannotated ("a protester is detained by police" has no
Arrest-Jail mention), so precision here is a floor and recall is the telling figure.

Sentences are split in two by the CRC-32 of their id: half 0 was read while writing rules (in
fold), half 1 was not (out of fold).
"""

from __future__ import annotations

import json
import zipfile
import zlib
from pathlib import Path
from typing import Any

from casework.errors import InputRejected
from casework.evaluate.scores import Score
from casework.ingest.loader import RawInput, load_document
from casework.model import Document
from casework.ontology import load_ontology
from casework.pipeline import annotate_many

MEMBER = "m2e2_annotations/text_only_event.json"
BATCH = 256  # sentences annotated at a time: memory stays small


def ace_types() -> dict[str, frozenset[str]]:
    """ACE type -> the casework types that stand for it (the ontology's `ace:` lists)."""
    out: dict[str, set[str]] = {}
    for name, et in load_ontology().events.items():
        for kind in et.ace:
            out.setdefault(kind, set()).add(name)
    return {k: frozenset(v) for k, v in out.items()}


def read_sentences(path: Path) -> list[dict[str, Any]]:
    """The records of the zip (a folder holding it, the zip itself) or of the unzipped JSON file."""
    if path.is_dir():
        path = path / "m2e2_annotations.zip"
    try:
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                data = json.loads(archive.read(MEMBER))
        else:
            data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, KeyError, zipfile.BadZipFile, json.JSONDecodeError) as exc:
        raise InputRejected(str(path), f"not M2E2's annotations ({exc})") from exc
    if not isinstance(data, list):
        raise InputRejected(str(path), "not M2E2's annotations (expected a list of sentences)")
    return data


def _document(record: dict[str, Any]) -> Document:
    doc = load_document(
        RawInput(str(record["sentence_id"]), str(record["sentence"]).encode(), None), raw_text=True
    )
    doc.language = "en"  # the corpus is English; one sentence is too short for the language guess
    return doc


def _score(
    scores: dict[str, Score], record: dict[str, Any], doc: Document, mapping: dict[str, frozenset[str]]
) -> None:
    gold = {str(m["event_type"]) for m in record.get("golden-event-mentions", [])} & set(mapping)
    mine = {kind for kind, types in mapping.items() if any(e.type in types for e in doc.events)}
    for kind in mapping:
        hit = float(kind in gold and kind in mine)
        scores.setdefault(kind, Score()).add(hit, float(kind in mine), float(kind in gold), hit)


def _total(scores: dict[str, Score]) -> dict[str, Any]:
    total = Score()
    for s in scores.values():
        total.add(s.system_hits, s.predicted, s.gold, s.gold_hits)
    return {"events": total.to_json(), "by_type": {k: v.to_json() for k, v in sorted(scores.items())}}


def evaluate_m2e2(path: Path) -> dict[str, Any]:
    records = read_sentences(path)
    mapping = ace_types()
    folds: tuple[dict[str, Score], dict[str, Score]] = ({}, {})
    everything: dict[str, Score] = {}
    for start in range(0, len(records), BATCH):
        chunk = records[start : start + BATCH]
        for record, doc in zip(chunk, annotate_many([_document(r) for r in chunk]), strict=True):
            if isinstance(doc, InputRejected):
                raise doc
            fold = zlib.crc32(str(record["sentence_id"]).encode()) % 2
            _score(folds[fold], record, doc, mapping)
            _score(everything, record, doc, mapping)
    result = _total(everything)
    result["sentences"] = len(records)
    result["in_fold"] = _total(folds[0])
    result["out_of_fold"] = _total(folds[1])
    return result
