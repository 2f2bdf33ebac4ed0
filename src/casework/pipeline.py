"""The pipeline's order, written once: ingest -> read -> extract -> (resolve) -> check.

Each stage is a function from plain data to plain data; none imports the next.
Cross-document resolution, storage and serving build on the Documents this
returns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from casework.budget import OverBudget, time_budget
from casework.check.findings import check_document
from casework.errors import InputRejected
from casework.extract.accounts import read_accounts
from casework.extract.claims import (
    Attribution,
    attribute_events,
    extract_attributions,
    extract_claims,
    flag_duress,
)
from casework.extract.entities import EntityIndex, recognise_entities
from casework.extract.events import extract_events
from casework.extract.timexes import resolve_timexes
from casework.ingest.loader import RawInput, load_document
from casework.model import Claim, Document, Event, Timex
from casework.nlp import parse, parse_many
from casework.registry import Registry

MAX_CHARS = 200_000  # a report longer than this is cut, not parsed whole

EntitiesFn = Callable[[Doc, list[str]], EntityIndex]
TimexesFn = Callable[[str, str | None], list[Timex]]
ClaimsFn = Callable[[Doc, EntityIndex], list[Claim]]
EventsFn = Callable[[Doc, EntityIndex, list[Timex]], list[Event]]
AttributionsFn = Callable[[Doc, EntityIndex], list[Attribution]]

ENTITIES: Registry[EntitiesFn] = Registry("entities")
TIMEXES: Registry[TimexesFn] = Registry("timexes")
CLAIMS: Registry[ClaimsFn] = Registry("claims")
EVENTS: Registry[EventsFn] = Registry("events")
ATTRIBUTIONS: Registry[AttributionsFn] = Registry("attributions")

ENTITIES.register("casework.entities.v1")(recognise_entities)
TIMEXES.register("casework.timexes.v1")(resolve_timexes)
CLAIMS.register("casework.claims.v1")(extract_claims)
EVENTS.register("casework.events.v1")(extract_events)
ATTRIBUTIONS.register("casework.attributions.v1")(extract_attributions)


@dataclass(frozen=True)
class PipelineConfig:
    """Which registered component does each extraction stage."""

    entities: str = "casework.entities.v1"
    timexes: str = "casework.timexes.v1"
    claims: str = "casework.claims.v1"
    events: str = "casework.events.v1"
    attributions: str = "casework.attributions.v1"  # every attribution; claims are the anchored ones


DEFAULT = PipelineConfig()


def unsupported(doc: Document) -> str | None:
    """Why extraction must skip this document, or None."""
    if doc.language != "en":
        return f"language {doc.language!r} is not supported yet"
    return None


def annotate(doc: Document, parsed: Doc | None = None, config: PipelineConfig = DEFAULT) -> Document:
    """read -> extract -> check, on a Document whose text is already clean."""
    reason = unsupported(doc)
    if reason is not None:
        raise InputRejected(doc.source.url or doc.source.path or doc.id, reason)
    if parsed is None:
        parsed = parse(doc.text[:MAX_CHARS])
    index = ENTITIES.get(config.entities)(parsed, doc.byline)
    # only the text that was parsed: every later stage joins timexes to tokens of `parsed`
    doc.timexes = TIMEXES.get(config.timexes)(doc.text[:MAX_CHARS], doc.published)
    doc.claims = CLAIMS.get(config.claims)(parsed, index)
    doc.events = EVENTS.get(config.events)(parsed, index, doc.timexes)
    attribute_events(doc.text, doc.claims, doc.events)
    flag_duress(doc.text, doc.claims, doc.events)
    doc.entities = index.entities
    doc.accounts = read_accounts(parsed, index, doc.claims, doc.timexes)
    doc.findings = check_document(doc)
    return doc


def _clear(doc: Document) -> Document:
    doc.entities, doc.timexes, doc.events, doc.claims, doc.findings, doc.accounts = [], [], [], [], [], []
    return doc


def annotate_many(
    docs: list[Document], *, batch_size: int = 32, budget: float | None = None
) -> list[Document | InputRejected]:
    """annotate() over a batch, parsing with spaCy's nlp.pipe (faster than one call per text).

    With a `budget` (seconds per document), a document whose extraction runs past it comes back
    with no annotations and the reason in `meta["not_extracted"]`, to be stored as such."""
    ready = [d for d in docs if unsupported(d) is None]
    texts = [d.text[:MAX_CHARS] for d in ready]
    try:
        with time_budget(budget * len(ready) if budget else None):
            parsed = dict(zip((id(d) for d in ready), parse_many(texts, batch_size=batch_size), strict=True))
    except OverBudget:
        parsed = {}  # the slow one is found below, each document parsed within its own budget
    out: list[Document | InputRejected] = []
    for doc in docs:
        try:
            with time_budget(budget):
                out.append(annotate(doc, parsed.get(id(doc))))
        except InputRejected as exc:
            out.append(exc)
        except OverBudget as exc:
            _clear(doc).meta["not_extracted"] = str(exc)
            out.append(doc)
    return out


def process(raw: RawInput, *, published: str | None = None, raw_text: bool = False) -> Document:
    """One input through the whole pipeline."""
    return annotate(load_document(raw, published=published, raw_text=raw_text))
