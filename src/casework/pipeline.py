"""The document flow, written once: load -> read -> extract -> link -> check.

Each step is a registered component (registry.py) chosen by name in a
`PipelineConfig`; the language a document is in picks the defaults
(`languages.py`), and the config may replace any of them. After each step the
facts it made are stamped with its name and checked (offsets inside the text,
references to entities that exist), so a faulty component rejects the one
document it failed on, never the batch. Cross-document steps (resolve, cases)
build on the Documents this returns: see flow.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from casework.budget import OverBudget, time_budget
from casework.check.findings import check_document
from casework.check.output import check_output
from casework.errors import ConfigError, InputRejected
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
from casework.extract.timexes import value_timexes
from casework.ingest.loader import RawInput, load_document
from casework.languages import LANGUAGES, register_language
from casework.model import Account, Claim, Document, Event, Finding, Timex
from casework.nlp import parse_many
from casework.registry import Component, Registry

MAX_CHARS = 200_000  # a report longer than this is cut, not parsed whole

ReadFn = Callable[[list[str], int], list[Doc]]
EntitiesFn = Callable[[Doc, list[str]], EntityIndex]
TimexesFn = Callable[[str, str | None], list[Timex]]
ClaimsFn = Callable[[Doc, EntityIndex], list[Claim]]
EventsFn = Callable[[Doc, EntityIndex, list[Timex]], list[Event]]
AttributionsFn = Callable[[Doc, EntityIndex], list[Attribution]]
LinkFn = Callable[[str, list[Claim], list[Event]], None]
AccountsFn = Callable[[Doc, EntityIndex, list[Claim], list[Timex]], list[Account]]
FindingsFn = Callable[[Document], list[Finding]]

READ: Registry[ReadFn] = Registry("read", assigns=("parse",))
ENTITIES: Registry[EntitiesFn] = Registry("entities", requires=("parse",), assigns=("entities",))
TIMEXES: Registry[TimexesFn] = Registry("timexes", assigns=("timexes",))
CLAIMS: Registry[ClaimsFn] = Registry("claims", requires=("entities",), assigns=("claims",))
EVENTS: Registry[EventsFn] = Registry("events", requires=("entities", "timexes"), assigns=("events",))
ATTRIBUTIONS: Registry[AttributionsFn] = Registry("attributions", requires=("entities",))
SOURCES: Registry[LinkFn] = Registry("sources", requires=("claims", "events"))
DURESS: Registry[LinkFn] = Registry("duress", requires=("claims", "events"))
ACCOUNTS: Registry[AccountsFn] = Registry("accounts", requires=("claims", "timexes"), assigns=("accounts",))
FINDINGS: Registry[FindingsFn] = Registry("findings", requires=("events", "claims"), assigns=("findings",))

# the stages in the order they run; attributions is not a step of its own (claims are the anchored
# attributions), but is chosen the same way for the evaluation of every attribution
STAGES: dict[str, Registry[Any]] = {
    "read": READ,
    "entities": ENTITIES,
    "timexes": TIMEXES,
    "claims": CLAIMS,
    "events": EVENTS,
    "sources": SOURCES,
    "duress": DURESS,
    "accounts": ACCOUNTS,
    "findings": FINDINGS,
    "attributions": ATTRIBUTIONS,
}


def _read_english(texts: list[str], batch_size: int) -> list[Doc]:
    return parse_many(texts, batch_size=batch_size)


READ.register("casework.read.spacy-en.v1")(_read_english)
ENTITIES.register("casework.entities.v1")(recognise_entities)
TIMEXES.register("casework.timexes.v1")(value_timexes)
CLAIMS.register("casework.claims.v1")(extract_claims)
EVENTS.register("casework.events.v1")(extract_events)
ATTRIBUTIONS.register("casework.attributions.v1")(extract_attributions)
SOURCES.register("casework.sources.v1")(attribute_events)
DURESS.register("casework.duress.v1")(flag_duress)
ACCOUNTS.register("casework.accounts.v1")(read_accounts)
FINDINGS.register("casework.findings.v1")(check_document)


ENGLISH = {
    "read": "casework.read.spacy-en.v1",
    "entities": "casework.entities.v1",
    "timexes": "casework.timexes.v1",
    "claims": "casework.claims.v1",
    "events": "casework.events.v1",
    "sources": "casework.sources.v1",
    "duress": "casework.duress.v1",
    "accounts": "casework.accounts.v1",
    "findings": "casework.findings.v1",
    "attributions": "casework.attributions.v1",
}
register_language("en", ENGLISH)


@dataclass(frozen=True)
class PipelineConfig:
    """Which registered component does each stage.

    A choice that does not serve a document's language is passed over for that language's default,
    so `events=acme.events.v2` (English only) changes English reports and leaves the rest as they were.
    """

    read: str = ENGLISH["read"]
    entities: str = ENGLISH["entities"]
    timexes: str = ENGLISH["timexes"]
    claims: str = ENGLISH["claims"]
    events: str = ENGLISH["events"]
    sources: str = ENGLISH["sources"]
    duress: str = ENGLISH["duress"]
    accounts: str = ENGLISH["accounts"]
    findings: str = ENGLISH["findings"]
    attributions: str = ENGLISH["attributions"]  # every attribution; claims are the anchored ones

    def __post_init__(self) -> None:
        for stage, registry in STAGES.items():
            registry.spec(getattr(self, stage))  # an unknown name is an error now, not at the first document

    def component(self, stage: str, language: str) -> Component[Any]:
        chosen = STAGES[stage].spec(getattr(self, stage))
        if chosen.serves(language):
            return chosen
        defaults = LANGUAGES.get(language)
        if defaults is None or stage not in defaults:
            raise ConfigError(f"no {stage} component for language {language!r}")
        return STAGES[stage].spec(defaults[stage])

    def names(self, language: str = "en") -> dict[str, str]:
        """stage -> the component that does it for LANGUAGE, each checked to find what it needs."""
        made: set[str] = set()
        out: dict[str, str] = {}
        for stage in STAGES:
            step = self.component(stage, language)
            missing = [r for r in step.requires if r not in made]
            if missing:
                raise ConfigError(
                    f"{step.name} ({stage}) needs {', '.join(missing)}, which no earlier step makes"
                )
            made.update(step.assigns)
            out[stage] = step.name
        return out

    @classmethod
    def parse(cls, choices: Mapping[str, str]) -> PipelineConfig:
        """From stage -> component name (a config file's [pipeline] table, `--pipeline` options)."""
        for stage in choices:
            if stage not in STAGES:
                raise ConfigError(f"no pipeline stage {stage!r} (stages: {', '.join(STAGES)})")
        return cls(**choices)


DEFAULT = PipelineConfig()


def unsupported(doc: Document) -> str | None:
    """Why extraction must skip this document, or None."""
    if doc.language not in LANGUAGES:
        return f"language {doc.language!r} is not supported yet"
    return None


@contextmanager
def _step(doc: Document, component: Component[Any]) -> Iterator[None]:
    """Run one component: a failure inside it rejects this document, naming the component."""
    try:
        yield
    except (InputRejected, OverBudget):
        raise
    except Exception as exc:
        raise InputRejected(_name(doc), f"{component.name} failed: {type(exc).__name__}: {exc}") from exc
    problem = check_output(doc)
    if problem is not None:
        raise InputRejected(_name(doc), f"{component.name} gave {problem}")
    _stamp(doc, component)


def _name(doc: Document) -> str:
    return doc.source.url or doc.source.path or doc.id


FACTS = ("entities", "timexes", "claims", "events", "accounts", "findings")


def _stamp(doc: Document, component: Component[Any]) -> None:
    """Facts nobody has claimed yet were made by COMPONENT (the events step may add a group entity)."""
    for name in FACTS:
        for fact in getattr(doc, name):
            if not fact.component:
                fact.component = component.name


def annotate(doc: Document, parsed: Doc | None = None, config: PipelineConfig = DEFAULT) -> Document:
    """read -> extract -> link -> check, on a Document whose text is already clean."""
    reason = unsupported(doc)
    if reason is not None:
        raise InputRejected(_name(doc), reason)
    lang = doc.language
    config.names(lang)  # every stage has a component for the language, and each finds what it needs
    text = doc.text[:MAX_CHARS]
    if parsed is None:
        read = config.component("read", lang)
        with _step(doc, read):
            parsed = read.func([text], 1)[0]
    step = config.component("entities", lang)
    with _step(doc, step):
        index: EntityIndex = step.func(parsed, doc.byline)
        doc.entities = index.entities
    step = config.component("timexes", lang)
    with _step(doc, step):
        # only the text that was parsed: every later stage joins timexes to tokens of `parsed`
        doc.timexes = step.func(text, doc.published)
    step = config.component("claims", lang)
    with _step(doc, step):
        doc.claims = step.func(parsed, index)
    step = config.component("events", lang)
    with _step(doc, step):
        doc.events = step.func(parsed, index, doc.timexes)
    for stage in ("sources", "duress"):
        step = config.component(stage, lang)
        with _step(doc, step):
            step.func(doc.text, doc.claims, doc.events)
    doc.entities = index.entities  # linking may add an entity (a speaker named only once)
    step = config.component("accounts", lang)
    with _step(doc, step):
        doc.accounts = step.func(parsed, index, doc.claims, doc.timexes)
    step = config.component("findings", lang)
    with _step(doc, step):
        doc.findings = step.func(doc)
    return doc


def _clear(doc: Document) -> Document:
    doc.entities, doc.timexes, doc.events, doc.claims, doc.findings, doc.accounts = [], [], [], [], [], []
    return doc


def _read_all(docs: list[Document], config: PipelineConfig, batch_size: int) -> dict[int, Doc]:
    """Each language's documents through its reader in one batch (spaCy's nlp.pipe is faster so)."""
    parsed: dict[int, Doc] = {}
    by_language: dict[str, list[Document]] = {}
    for doc in docs:
        by_language.setdefault(doc.language, []).append(doc)
    for lang, group in by_language.items():
        read = config.component("read", lang)
        try:
            out = read.func([d.text[:MAX_CHARS] for d in group], batch_size)
        except OverBudget:
            raise
        except Exception:
            continue  # each document is read again on its own below, and fails alone
        parsed.update(zip((id(d) for d in group), out, strict=True))
    return parsed


def annotate_many(
    docs: list[Document],
    *,
    batch_size: int = 32,
    budget: float | None = None,
    config: PipelineConfig = DEFAULT,
) -> list[Document | InputRejected]:
    """annotate() over a batch, each language's documents read in one batch.

    With a `budget` (seconds per document), a document whose extraction runs past it comes back
    with no annotations and the reason in `meta["not_extracted"]`, to be stored as such."""
    ready = [d for d in docs if unsupported(d) is None]
    try:
        with time_budget(budget * len(ready) if budget else None):
            parsed = _read_all(ready, config, batch_size)
    except OverBudget:
        parsed = {}  # the slow one is found below, each document parsed within its own budget
    out: list[Document | InputRejected] = []
    for doc in docs:
        try:
            with time_budget(budget):
                out.append(annotate(doc, parsed.get(id(doc)), config))
        except InputRejected as exc:
            _clear(doc)
            out.append(exc)
        except OverBudget as exc:
            _clear(doc).meta["not_extracted"] = str(exc)
            out.append(doc)
    return out


def process(
    raw: RawInput, *, published: str | None = None, raw_text: bool = False, config: PipelineConfig = DEFAULT
) -> Document:
    """One input through the whole document flow."""
    return annotate(load_document(raw, published=published, raw_text=raw_text), config=config)
