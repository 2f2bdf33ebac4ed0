"""The ontology and gazetteers, loaded from the package's YAML data files."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields
from functools import cached_property, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from casework.errors import ConfigError
from casework.yamlfile import load_unique

# A different ontology file for the whole process (a new event type, a domain's own words):
# the path in this variable, read instead of the package's data/ontology.yaml.
ONTOLOGY_ENV = "CASEWORK_ONTOLOGY"


@dataclass(frozen=True)
class EventType:
    name: str
    definition: str
    plover: str
    cameo: str
    verbs: frozenset[str]
    nouns: frozenset[str]
    phrases: tuple[re.Pattern[str], ...]
    role: str
    person_subject: bool
    requires: frozenset[str] = frozenset()
    requires_for_phrases: frozenset[str] = frozenset()
    forbids: frozenset[str] = frozenset()
    needs_place: bool = False
    has_agent: bool = True
    with_term: str | None = None  # the type it becomes with a term ("jailed for five years")
    without_particle: frozenset[str] = frozenset()  # verbs that name it only with no particle
    transitive_not: frozenset[str] = frozenset()  # verbs that name it only with no object
    noun_context: frozenset[str] = frozenset()  # a noun trigger needs one of these beside it
    term_verbs: frozenset[str] = frozenset()  # the verbs `with_term` applies to
    forbids_in_sentence: frozenset[str] = frozenset()  # words anywhere in the sentence that rule it out
    unless_in_sentence: frozenset[str] = frozenset()  # ... unless one of these is there too
    realis_governors: frozenset[str] = frozenset()  # governors that leave this type's event real
    ends_as: str | None = None  # the type of the event that ends it ("held until May": a release)
    end_preps: frozenset[str] = frozenset()  # the words that give the end's date
    undone_by: frozenset[str] = frozenset()  # verbs that undo it ("the conviction was quashed")
    put_off_by: frozenset[str] = frozenset()  # verbs that put it off ("the sentencing was postponed")
    status: str | None = None  # the detained person's status after an event of this type
    stage: int = 2  # where it stands in a case's course: orders events the reports do not order
    undone_in_sentence: tuple[re.Pattern[str], ...] = ()  # in its sentence: it was undone (quashed)
    home_state_act: bool = False  # a state acting for its national (summons, note, call, demand)
    opens_case: bool = False  # its subject gets a case file (a detention-type event)
    merge_by_subject: bool = True  # a state of one person: repeated mentions are one event
    colour: str = "#7f8c8d"  # its lane on the timeline
    behaviours: frozenset[str] = frozenset()  # what the code does with it (BEHAVIOURS)
    kairos: tuple[str, ...] = ()  # the KAIROS types it stands for, TYPE or TYPE+ROLE
    ace: tuple[str, ...] = ()  # the ACE types (M2E2) it stands for


# What code may ask of an event type, never its name: each behaviour is documented in ontology.yaml
# (`behaviours:`) and given to the types that have it there.
BEHAVIOURS = frozenset(
    {"custody", "ends_custody", "grounds", "dated_once", "movement", "harm", "statement", "gathering",
     "whereabouts", "meeting", "appeal"}
)  # fmt: skip


@dataclass(frozen=True)
class Ontology:
    version: int
    events: dict[str, EventType]
    modals: frozenset[str]
    continuing: frozenset[str]
    governors: frozenset[str]
    negations: frozenset[str]
    presupposing: frozenset[str]
    nobody: frozenset[str]
    term_nouns: frozenset[str]
    count_words: frozenset[str]
    accusing: frozenset[str]
    alleging: frozenset[str]
    claim_cues: frozenset[str]
    weak_cues: frozenset[str]
    object_cues: frozenset[str]
    claim_phrases: tuple[str, ...]
    hedges: tuple[str, ...]
    denials: frozenset[str]
    duress: dict[str, re.Pattern[str]]  # on_camera, televised, coerced
    person_nouns: frozenset[str]
    thing_nouns: frozenset[str]
    titles: frozenset[str]
    occupations: frozenset[str]
    org_words: frozenset[str]
    surname_forms: re.Pattern[str]
    case_checks: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)
    raw: dict[str, Any] = field(repr=False, default_factory=dict)

    def types_with(self, behaviour: str) -> frozenset[str]:
        """The event types that have BEHAVIOUR (ontology.yaml `behaviours:`)."""
        if behaviour not in BEHAVIOURS:
            raise ConfigError(
                f"no event-type behaviour {behaviour!r} (known: {', '.join(sorted(BEHAVIOURS))})"
            )
        return self._by_behaviour.get(behaviour, frozenset())

    @cached_property
    def _by_behaviour(self) -> dict[str, frozenset[str]]:
        """behaviour -> its types, worked out once per ontology: the checks ask for it per case."""
        return {b: frozenset(n for n, et in self.events.items() if b in et.behaviours) for b in BEHAVIOURS}

    @cached_property
    def custody_verbs(self) -> frozenset[str]:
        """The verbs of events that open a case and happen to their subject ("detain", "jail")."""
        return frozenset(
            v for et in self.events.values() if et.opens_case and et.role == "patient" for v in et.verbs
        )

    @cached_property
    def person_event_nouns(self) -> frozenset[str]:
        """The nouns that name an event happening to a person ("arrest", "trial")."""
        return frozenset(n for et in self.events.values() if et.person_subject for n in et.nouns)


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in data.get(key) or [])


def _patterns(data: dict[str, Any], key: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in data.get(key) or [])


def _load_yaml(name: str) -> dict[str, Any]:
    text = files("casework").joinpath("data", name).read_text(encoding="utf-8")
    return _mapping(name, load_unique(text))


def _load_file(path: Path) -> dict[str, Any]:
    try:
        return _mapping(str(path), load_unique(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read the ontology ({exc})") from exc


def _mapping(name: str, data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ConfigError(f"{name}: expected a mapping at the top level")
    return data


def load_ontology() -> Ontology:
    """The ontology in force: the package's, or the file `$CASEWORK_ONTOLOGY` names."""
    return _ontology_at(os.environ.get(ONTOLOGY_ENV) or None)


# An event type's word lists are read alike: each field of EventType that holds words is the
# type's YAML key of the same name (a new list is a new field, nothing more).
_WORD_LISTS = tuple(f.name for f in fields(EventType) if f.type == "frozenset[str]")


def types_with(behaviour: str) -> frozenset[str]:
    """The event types of the ontology in force that have BEHAVIOUR."""
    return load_ontology().types_with(behaviour)


def case_types() -> frozenset[str]:
    """The event types whose subject gets a case file (`opens_case:` in the ontology)."""
    return frozenset(name for name, et in load_ontology().events.items() if et.opens_case)


@lru_cache(maxsize=4)
def _ontology_at(path: str | None) -> Ontology:
    data = _load_yaml("ontology.yaml") if path is None else _load_file(Path(path))
    events: dict[str, EventType] = {}
    for name, spec in (data.get("events") or {}).items():
        try:
            events[name] = EventType(
                **{key: _words(spec, key) for key in _WORD_LISTS},
                name=name,
                definition=str(spec["definition"]),
                plover=str(spec.get("plover", "")),
                cameo=str(spec.get("cameo", "")),
                phrases=tuple(re.compile(p, re.IGNORECASE) for p in spec.get("phrases") or []),
                role=str(spec.get("role", "patient")),
                person_subject=bool(spec.get("person_subject", False)),
                needs_place=bool(spec.get("needs_place", False)),
                has_agent=bool(spec.get("has_agent", True)),
                with_term=str(spec["with_term"]) if spec.get("with_term") else None,
                ends_as=str(spec["ends_as"]) if spec.get("ends_as") else None,
                status=str(spec["status"]) if spec.get("status") else None,
                stage=int(spec.get("stage", 2)),
                undone_in_sentence=_patterns(spec, "undone_in_sentence"),
                home_state_act=bool(spec.get("home_state_act", False)),
                opens_case=bool(spec.get("opens_case", False)),
                merge_by_subject=bool(spec.get("merge_by_subject", True)),
                colour=str(spec.get("colour", "#7f8c8d")),
                kairos=tuple(str(k) for k in spec.get("kairos") or []),
                ace=tuple(str(k) for k in spec.get("ace") or []),
            )
        except (KeyError, re.error, TypeError) as exc:
            raise ConfigError(f"ontology.yaml: event type {name!r}: {exc}") from exc
    for et in events.values():
        unknown = et.behaviours - BEHAVIOURS
        if unknown:
            raise ConfigError(
                f"ontology.yaml: event type {et.name!r}: no behaviour {', '.join(sorted(unknown))}"
            )
        for key in ("with_term", "ends_as"):
            other = getattr(et, key)
            if other is not None and other not in events:
                raise ConfigError(f"ontology.yaml: event type {et.name!r}: {key} {other!r} is no type")
    irrealis = data.get("irrealis") or {}
    claims = data.get("claims") or {}
    return Ontology(
        version=int(data.get("version", 1)),
        events=events,
        modals=_words(irrealis, "modals"),
        continuing=_words(irrealis, "continuing"),
        governors=_words(irrealis, "governors"),
        negations=_words(irrealis, "negations"),
        presupposing=_words(irrealis, "presupposing"),
        nobody=_words(irrealis, "nobody"),
        term_nouns=_words(data, "term_nouns"),
        count_words=_words(data, "count_words"),
        accusing=_words(data, "accusing"),
        alleging=_words(data, "alleging"),
        claim_cues=_words(claims, "cues"),
        weak_cues=_words(claims, "weak_cues"),
        object_cues=_words(claims, "object_cues"),
        claim_phrases=tuple(str(p).lower() for p in claims.get("phrases") or []),
        hedges=tuple(str(p).lower() for p in claims.get("hedges") or []),
        denials=_words(claims, "denials"),
        duress=_duress(claims),
        person_nouns=_words(data, "person_nouns") | _words(data, "occupations"),
        thing_nouns=_words(data, "thing_nouns"),
        titles=_words(data, "titles"),
        occupations=_words(data, "occupations"),
        org_words=_words(data, "org_words"),
        surname_forms=re.compile(str(data.get("surname_forms") or r"(?!)")),
        case_checks=_case_checks(data),
        raw=data,
    )


def _duress(claims: dict[str, Any]) -> dict[str, re.Pattern[str]]:
    spec = claims.get("duress") or {}
    try:
        return {key: re.compile(str(spec.get(key) or r"(?!)"), re.IGNORECASE) for key in DURESS_KEYS}
    except re.error as exc:
        raise ConfigError(f"ontology.yaml: claims.duress: {exc}") from exc


DURESS_KEYS = ("on_camera", "televised", "coerced")


def _case_checks(data: dict[str, Any]) -> dict[str, tuple[re.Pattern[str], ...]]:
    checks = data.get("case_checks") or {}
    try:
        return {str(name): _patterns(checks, name) for name in checks}
    except re.error as exc:
        raise ConfigError(f"ontology.yaml: case_checks: {exc}") from exc


def status_of_types() -> dict[str, str]:
    """What each event type makes of the person's status, from the ontology's `status:` keys."""
    return {name: et.status for name, et in load_ontology().events.items() if et.status}


@dataclass(frozen=True)
class Gazetteer:
    demonyms: dict[str, str]  # lower-case demonym -> country
    countries: frozenset[str]
    ethnic_groups: frozenset[str]

    def country_of(self, word: str) -> str | None:
        w = word.strip()
        if w in self.countries:
            return w
        return self.demonyms.get(w.lower())


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    data = _load_yaml("places.yaml")
    demonyms: dict[str, str] = {}
    for country, words in (data.get("countries") or {}).items():
        for w in words or []:
            demonyms[str(w).lower()] = str(country)
    return Gazetteer(
        demonyms=demonyms,
        countries=frozenset(str(c) for c in data.get("countries") or {}),
        ethnic_groups=frozenset(str(e).lower() for e in data.get("ethnic_groups") or []),
    )
