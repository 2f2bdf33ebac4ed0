"""The pipeline's order, written once: ingest -> read -> extract -> (resolve) -> check.

Each stage is a function from plain data to plain data; none imports the next.
Cross-document resolution, storage and serving build on the Documents this
returns.
"""

from __future__ import annotations

from casework.check.findings import check_document
from casework.errors import InputRejected
from casework.extract.accounts import read_accounts
from casework.extract.claims import attribute_events, extract_claims, flag_duress
from casework.extract.entities import recognise_entities
from casework.extract.events import extract_events
from casework.extract.timexes import resolve_timexes
from casework.ingest.loader import RawInput, load_document
from casework.model import Document
from casework.nlp import parse

MAX_CHARS = 200_000  # a report longer than this is cut, not parsed whole


def annotate(doc: Document) -> Document:
    """read -> extract -> check, on a Document whose text is already clean."""
    if doc.language != "en":
        raise InputRejected(doc.source.path or doc.id, f"language {doc.language!r} is not supported yet")
    parsed = parse(doc.text[:MAX_CHARS])
    index = recognise_entities(parsed, doc.byline)
    doc.timexes = resolve_timexes(doc.text, doc.published)
    doc.claims = extract_claims(parsed, index)
    doc.events = extract_events(parsed, index, doc.timexes)
    attribute_events(doc.text, doc.claims, doc.events)
    flag_duress(doc.text, doc.claims, doc.events)
    doc.entities = index.entities
    doc.accounts = read_accounts(parsed, index, doc.claims, doc.timexes)
    doc.findings = check_document(doc)
    return doc


def process(raw: RawInput, *, published: str | None = None, raw_text: bool = False) -> Document:
    """One input through the whole pipeline."""
    return annotate(load_document(raw, published=published, raw_text=raw_text))
