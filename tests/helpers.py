"""Run the pipeline on a string, and look things up in the result."""

from __future__ import annotations

from casework.ingest.loader import RawInput
from casework.model import Document, Event
from casework.pipeline import process


def run(text: str, *, published: str | None = None, raw: bool = True) -> Document:
    return process(RawInput("<test>", text.encode("utf-8"), None), published=published, raw_text=raw)


def names(doc: Document, ids: list[str]) -> list[str]:
    return [doc.entity(i).name for i in ids if doc.entity(i) is not None]  # type: ignore[union-attr]


def events_of(doc: Document, kind: str) -> list[Event]:
    return [e for e in doc.events if e.type == kind]


def speaker(doc: Document, claim_index: int) -> str | None:
    ent = doc.entity(doc.claims[claim_index].speaker)
    return ent.name if ent else None
