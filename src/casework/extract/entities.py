"""Entities within one report: people, organisations, places and groups.

spaCy's small model finds the names; this module repairs its usual slips on
this kind of text (a surname alone tagged ORG, a country glued to the next
name, a nationality tagged ORG), merges every mention of one person (full
name, surname alone, title + surname), resolves pronouns and definite noun
phrases ("the ministry", "the relatives") to entities, and reads the
attributes the text states (nationality, ethnicity, occupation, title).
"""

from __future__ import annotations

import bisect
import html
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from casework.extract.syntax import subtree_span
from casework.languages import words
from casework.model import Entity, EntityKind
from casework.nlp import text_of
from casework.ontology import load_gazetteer, load_ontology

EN = words("en")  # the English pack: these components serve English

_LABELS: dict[str, EntityKind] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
_PRONOUNS_SG = EN.set("pronouns.singular")
_PRONOUNS_PL = EN.set("pronouns.plural")
_PLACE_PREPS = EN.set("prepositions.place")
_POSSESSIVE = re.compile(r"(?:['’]s?|['’])$")
_TITLE_RUN = re.compile(
    r"((?:[A-Z][\w.-]*|of|the|for|and|de)(?:\s+(?:[A-Z][\w.-]*|of|the|for|and|de))*)\s*,?\s*$"
)
_HONORIFIC = re.compile(rf"^(?:{'|'.join(EN.list('honorifics'))})\.?\s+")


@dataclass
class Mention:
    start: int
    end: int
    entity: str


@dataclass
class EntityIndex:
    """Entities of one document and where each is mentioned, for the later stages."""

    entities: list[Entity]
    mentions: list[Mention] = field(default_factory=list)
    sent_starts: list[int] = field(default_factory=list)
    # id -> entity, rebuilt when entities were added: a scan per lookup made long reports quadratic
    _ids: dict[str, Entity] = field(default_factory=dict, repr=False, compare=False)
    # mentions by start, for `at` (a scan of every mention per lookup was quadratic), and their spans
    _by_start: list[int] = field(default_factory=list, repr=False, compare=False)
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _longest: int = field(default=0, repr=False, compare=False)
    _spans: set[tuple[int, int]] = field(default_factory=set, repr=False, compare=False)

    def by_id(self, entity_id: str) -> Entity:
        found = self._ids.get(entity_id)
        if found is None or len(self._ids) != len(self.entities):
            self._ids = {e.id: e for e in reversed(self.entities)}  # the first of an id wins, as before
            found = self._ids.get(entity_id)
        if found is None:
            return next(e for e in self.entities if e.id == entity_id)
        return found

    def at(self, start: int, end: int) -> str | None:
        """The entity mentioned in [start, end), preferring the longest mention (the first of
        equals, in the order they were added). Mentions are searched by their start, sorted: only
        those that start at most one longest mention before `start` can overlap it."""
        if len(self._by_start) != len(self.mentions):
            self._by_start = sorted(range(len(self.mentions)), key=lambda i: self.mentions[i].start)
            self._starts = [self.mentions[i].start for i in self._by_start]
            self._longest = max((m.end - m.start for m in self.mentions), default=0)
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        best: tuple[int, int] | None = None  # (length, order added)
        for k in range(lo, hi):
            i = self._by_start[k]
            m = self.mentions[i]
            if m.start < end and start < m.end:
                key = (m.end - m.start, -i)
                if best is None or key > best:
                    best = key
        return self.mentions[-best[1]].entity if best else None

    def add_mention(self, entity_id: str, start: int, end: int) -> None:
        ent = self.by_id(entity_id)
        if (start, end) not in ent.mentions:
            ent.mentions.append((start, end))
            ent.mentions.sort()
        if (start, end) not in self._spans:
            self._spans.add((start, end))
            self.mentions.append(Mention(start, end, entity_id))

    def new_entity(self, kind: EntityKind, name: str, start: int, end: int) -> str:
        prefix = {"person": "p", "organization": "o", "place": "l", "group": "g"}[kind]
        n = sum(1 for e in self.entities if e.kind == kind) + 1
        ent = Entity(id=f"{prefix}{n}", kind=kind, name=name)
        self.entities.append(ent)
        self.add_mention(ent.id, start, end)
        return ent.id

    def kind(self, entity_id: str | None) -> str | None:
        if entity_id is None:
            return None
        return self.by_id(entity_id).kind

    def previous_people(self, pos: int, kinds: tuple[str, ...] = ("person",)) -> list[Mention]:
        return sorted(
            (m for m in self.mentions if m.end <= pos and self.by_id(m.entity).kind in kinds),
            key=lambda m: m.start,
        )


def _clean_name(text: str) -> str:
    text = _POSSESSIVE.sub("", html.unescape(text).strip())  # "F&#244;n" in a text file is "Fôn"
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return text.strip(" ,.;:‘’'\"“”")


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"\s+", name) if t]


def _initial_compatible(short: list[str], full: list[str]) -> bool:
    """'M. Syzdykov' fits 'Marat Syzdykov'; 'Anna Smith' does not fit 'John Smith'."""
    if len(short) < 2:
        return True
    first = short[0].rstrip(".")
    return full[0].lower().startswith(first.lower()) if len(full) >= 2 else False


def recognise_entities(doc: Doc, byline: list[str]) -> EntityIndex:
    """Entities and mentions of one parsed report."""
    gaz = load_gazetteer()
    spans = [s for s in doc.ents if s.label_ in _LABELS or s.label_ == "NORP"]
    spans += [s for s in doc.ents if s.label_ in ("PRODUCT", "WORK_OF_ART", "EVENT") and _acts_as_person(s)]
    spans = _drop_overlapped(spans, _untagged_names(doc))
    spans.sort(key=lambda s: s.start)
    # 1. repair spans
    repaired: list[tuple[int, int, str, str]] = []  # start, end, label, name
    place_names = {s.text for s in spans if s.label_ in ("GPE", "LOC")} | set(gaz.countries)
    for s in spans:
        label = s.label_
        start, end = s.start_char, s.end_char
        toks = list(s)
        if label != "PERSON" and _acts_as_person(s):
            label = "PERSON"
        elif label == "PERSON" and len(s) == 1 and s.start > 0 and doc[s.start - 1].lower_ in _PLACE_PREPS:
            label = "GPE"  # "in Ashgabat", "to Almaty": a one-word 'person' after a place preposition
        elif label == "PERSON" and _in_place_list(s):
            label = "GPE"
        if label == "PERSON" and not _names_a_person(s):
            continue
        if label == "PERSON":
            # "Kazakhstan M. Syzdykov": a place glued to the front of a name
            while len(toks) > 1 and toks[0].text in place_names:
                toks = toks[1:]
            onto = load_ontology()
            while len(toks) > 1 and (
                toks[0].lower_ in ("the",)
                or toks[0].lower_ in onto.titles
                or toks[0].lower_ in onto.occupations
            ):
                toks = toks[1:]
            if not toks:
                continue
            # "Aibek Tursunov": a first name the model left outside the span it tagged
            while toks[0].i > 0 and _first_name_before(doc[toks[0].i - 1], toks[0]):
                toks = [doc[toks[0].i - 1], *toks]
            start = toks[0].idx
        if toks and toks[-1].text in ("'s", "’s", "'", "’"):
            toks = toks[:-1]
            if not toks:
                continue
            end = toks[-1].idx + len(toks[-1].text)
        if toks and toks[0].lower_ == "the":
            start = toks[1].idx if len(toks) > 1 else start
        if label == "ORG":
            # "Ministry of Foreign Affairs" + "of Kyrgyzstan": the state is part of the name
            tail = re.match(r"\s+of\s+(?:the\s+)?([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)", text_of(doc)[end:])
            if tail and tail.group(1) in place_names:
                end += tail.end()
        if label == "PERSON":
            end = _through_entities(text_of(doc), end)
            start, end = _peerage(text_of(doc), start, end)
        name = _clean_name(text_of(doc)[start:end])
        if not name or not re.search(r"[A-Za-z\u0400-\u04ff]", name):
            continue
        if gaz.country_of(name) and name in gaz.countries:
            label = "GPE"
        elif name.lower() in gaz.demonyms or name.lower() in gaz.ethnic_groups:
            label = "NORP"
        repaired.append((start, end, label, name))
    # 2. a single word that is a known person's surname is that person, whatever the tag
    surnames = {_tokens(n)[-1] for _, _, lab, n in repaired if lab == "PERSON" and len(_tokens(n)) > 1}
    votes: dict[str, Counter[str]] = {}
    fixed: list[tuple[int, int, str, str]] = []
    for start, end, label, name in repaired:
        if label in ("ORG", "GPE", "LOC", "FAC") and name in surnames and name not in gaz.countries:
            label = "PERSON"
        votes.setdefault(name, Counter())[label] += 1
        fixed.append((start, end, label, name))
    index = EntityIndex(entities=[])
    index.sent_starts = [s.start_char for s in doc.sents]
    clusters: list[tuple[str, list[str]]] = []  # (entity id, name tokens) for people
    by_name: dict[tuple[str, str], str] = {}
    for start, end, _label, name in fixed:
        label = _majority(votes[name])
        if label == "NORP":
            continue
        kind = _LABELS[label]
        if kind == "person":
            ent_id = _person_cluster(index, clusters, name, start)
            if ent_id is None:
                ent_id = index.new_entity("person", _HONORIFIC.sub("", name), start, end)
                clusters.append((ent_id, _tokens(_HONORIFIC.sub("", name))))
            else:
                index.add_mention(ent_id, start, end)
                _add_alias(index.by_id(ent_id), name)
            continue
        key = (kind, _org_key(name))
        if kind == "organization":
            key = (kind, _acronym_match(by_name, name) or _part_of(by_name, name) or _org_key(name))
        if key in by_name:
            index.add_mention(by_name[key], start, end)
            _add_alias(index.by_id(by_name[key]), name)
        else:
            by_name[key] = index.new_entity(kind, name, start, end)
    _propagate_names(text_of(doc), index)
    for author in byline:
        ent = Entity(
            id=f"p{sum(1 for e in index.entities if e.kind == 'person') + 1}",
            kind="person",
            name=author,
            attributes={"role": "author"},
        )
        index.entities.append(ent)
    _read_attributes(doc, index)
    return index


_FACILITY = EN.set("custody_places")
_LIST_GLUE = EN.set("list_glue")


def _in_place_list(span: Span) -> bool:
    """ "at Belmarsh prison, London, and Woodhill, Milton Keynes", "from Ledbury, Herefordshire": a name
    in a list of places after a place preposition is a place, however the tagger labelled it."""
    doc = span.doc
    i = span.start - 1
    saw_place = saw_comma = False
    first: Token | None = None
    while i >= 0:
        tok = doc[i]
        if tok.text in _LIST_GLUE or tok.lower_ in _FACILITY:
            saw_comma = saw_comma or tok.text == ","
        elif tok.ent_type_ in ("GPE", "LOC", "FAC"):
            saw_place = True
            first = tok
        elif tok.pos_ == "PROPN":
            first = tok
        else:
            if tok.lower_ not in _PLACE_PREPS:
                return False
            # "from Ledbury, Herefordshire": town, county - one word after one other name, not a person
            return saw_place or (
                saw_comma
                and len(span) == 1
                and first is not None
                and first.ent_type_ != "PERSON"
                and doc[i + 1 : span.start].text.count(",") == 1
            )
        i -= 1
    return False


def _names_a_person(span: Span) -> bool:
    """Drop what only looks like a person: lower-case words, a name used as a modifier ("an Eton pupil",
    "the Belmarsh detainees"), a name introduced by a noun for a thing ("the bank Abbey National")."""
    if not span.text[:1].isupper():
        return False
    root = span.root
    if root.dep_ in ("compound", "amod") and root.head.pos_ == "NOUN" and root.head.i == span.end:
        return False
    before = [t for t in span.doc[max(0, span.start - 2) : span.start] if t.text != ","]
    return not (before and before[-1].lower_ in load_ontology().thing_nouns)


_ENTITY_TAIL = re.compile(r"(?:\s+[A-Z]\w*)?(?:&#?\w+;)+\w*")


def _through_entities(text: str, end: int) -> int:
    """ "Bryn F&#244;n": the tagger stops at an HTML character reference inside a name."""
    m = _ENTITY_TAIL.match(text, end)
    return m.end() if m else end


_PEER = re.compile(rf"(?:{'|'.join(EN.list('peers'))})\s+$")
_PEER_SEAT = re.compile(r"\s+of\s+[A-Z][\w-]+")


def _peerage(text: str, start: int, end: int) -> tuple[int, int]:
    """Peers are known by title and seat: "Lord Roberts of Conwy" is one name, not a Mr Roberts."""
    title = _PEER.search(text, max(0, start - 10), start)
    seat = _PEER_SEAT.match(text, end)
    if title and seat:
        return title.start(), seat.end()
    return start, end


_KIN = EN.set("kin_nouns")


def _looks_like_a_personal_name(toks: list[Token]) -> bool:
    """Two or three capitalised words ending in a surname form ("Nadia Petrova", "Azamat Beksultanov"),
    none of them a word for an organisation or a place: the small English model tags many such
    names from Central Asia and Russia as organisations, or not at all."""
    onto, gaz = load_ontology(), load_gazetteer()
    if not 2 <= len(toks) <= 3 or not all(t.text[:1].isupper() and t.text.isalpha() for t in toks):
        return False
    words = {t.lower_ for t in toks}
    if words & onto.org_words or any(t.text in gaz.countries or gaz.country_of(t.text) for t in toks):
        return False
    return bool(onto.surname_forms.search(toks[-1].text))


def _first_name_before(tok: Token, first: Token) -> bool:
    onto = load_ontology()
    return (
        tok.pos_ == "PROPN"
        and tok.dep_ == "compound"
        and tok.head.i >= first.i
        and tok.text[:1].isupper()
        and tok.text.isalpha()
        and not tok.ent_type_
        and tok.lower_ not in onto.titles | onto.occupations | onto.person_nouns | onto.org_words
    )


def _untagged_names(doc: Doc) -> list[Span]:
    """Runs of proper nouns that look like a personal name where the model tagged no person:
    left untagged ("Alexei Fedorov"), or tagged in part as something else ("Kanat" ORG + "Ermekov")."""
    person = {i for e in doc.ents if e.label_ == "PERSON" for i in range(e.start, e.end)}
    out: list[Span] = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and j not in person:
            j += 1
        if j > i and (_looks_like_a_personal_name(list(doc[i:j])) or _surname_with_who(doc, i, j)):
            out.append(Span(doc, i, j, label="PERSON"))
        i = max(j, i + 1)
    return out


def _surname_with_who(doc: Doc, i: int, j: int) -> bool:
    """'Askarov, who was serving a life sentence': one word in a surname form before ', who'."""
    tok = doc[i]
    return (
        j == i + 1
        and j + 1 < len(doc)
        and doc[j].text == ","
        and doc[j + 1].lower_ == "who"
        and tok.text[:1].isupper()
        and tok.text.isalpha()
        and bool(load_ontology().surname_forms.search(tok.text))
    )


def _drop_overlapped(spans: list[Span], names: list[Span]) -> list[Span]:
    taken = {i for n in names for i in range(n.start, n.end)}
    return [s for s in spans if not taken & set(range(s.start, s.end))] + names


def _acts_as_person(span: Span) -> bool:
    """A mis-tagged name that the sentence treats as a person ('Otis Ferry, the son of...')."""
    toks = [t for t in span if not t.is_punct]
    if _looks_like_a_personal_name(toks):
        return True
    if span.start > 0 and span.doc[span.start - 1].lemma_.lower() in load_ontology().occupations:
        onto = load_ontology()
        plain = all(
            t.text[:1].isupper()
            and t.is_alpha
            and not t.is_upper
            and t.lower_ not in onto.titles | onto.org_words
            for t in toks
        )
        if 2 <= len(toks) <= 3 and plain:
            return True  # "the jailed tycoon Mikhail Orlov", "blogger Aibek Tursunov"
    if span.start > 0 and span.doc[span.start - 1].text.rstrip(".") in (
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Miss",
    ):
        return True
    if not 2 <= len(toks) <= 3 or not all(t.text[:1].isupper() and t.is_alpha for t in toks):
        return False
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and (
            child.lemma_.lower() in _KIN or child.lemma_.lower() in load_ontology().occupations
        ):
            return True
    return root.dep_ == "nsubj" and root.head.lemma_ in ("say", "tell", "add")


def _propagate_names(text: str, index: EntityIndex) -> None:
    """A name the model missed in one place is still that entity ('in which Osmonov, ...')."""
    forms: dict[str, list[str]] = {}
    for ent in index.entities:
        names = {ent.name, *ent.aliases}
        if ent.kind == "person":
            names |= {n.split()[-1] for n in list(names) if len(n.split()) > 1}
        for n in names:
            if len(n) >= 3 and n[0].isupper():
                forms.setdefault(n, []).append(ent.id)
    # a surname two people share stays unresolved here
    owner = {form: owners[0] for form, owners in forms.items() if len(set(owners)) == 1}
    if not owner:
        return
    # one pass over the text for every form at once, longest first at each place (a pass per form
    # and a scan of the mentions per match were quadratic); a character already named is taken
    pattern = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(f) for f in sorted(owner, key=len, reverse=True))
        + r")(?![\w-])"
    )
    taken = bytearray(len(text) + 1)
    for known in index.mentions:
        taken[known.start : known.end] = b"\x01" * (known.end - known.start)
    for found in pattern.finditer(text):
        start, end = found.span()
        if taken.find(1, start, end) != -1:
            continue
        index.add_mention(owner[found.group(0)], start, end)
        taken[start:end] = b"\x01" * (end - start)


def _majority(votes: Counter[str]) -> str:
    ranked = votes.most_common()
    top = ranked[0][1]
    tied = [lab for lab, n in ranked if n == top]
    for pref in ("PERSON", "GPE", "ORG", "LOC", "FAC", "NORP"):
        if pref in tied:
            return pref
    return ranked[0][0]


def _org_key(name: str) -> str:
    return re.sub(r"[^\w]+", " ", name.lower()).strip()


def _acronym_match(by_name: dict[tuple[str, str], str], name: str) -> str | None:
    """'BPI' names the same body as 'British Phonographic Industry'."""
    if not re.fullmatch(r"[A-Z]{2,6}", name):
        return None
    for kind, key in by_name:
        if kind != "organization":
            continue
        words = [w for w in key.split() if w not in ("of", "the", "and", "for")]
        if len(words) >= 2 and "".join(w[0] for w in words).upper() == name:
            return key
    return None


_ORG_VOICE = re.compile(r"\s+(?:press\s+(?:office|service|secretary)|spokes(?:man|woman|person))$", re.I)


def _part_of(by_name: dict[tuple[str, str], str], name: str) -> str | None:
    """'the Ministry press office' speaks for the Ministry named before it."""
    m = _ORG_VOICE.search(name)
    if not m:
        return None
    head = _org_key(name[: m.start()])
    for kind, key in by_name:
        if kind == "organization" and (key == head or key.split()[0] == head.split()[-1]):
            return key
    return None


def _add_alias(ent: Entity, name: str) -> None:
    if name != ent.name and name not in ent.aliases:
        ent.aliases.append(name)


def _person_cluster(
    index: EntityIndex, clusters: list[tuple[str, list[str]]], name: str, pos: int
) -> str | None:
    """The person a (possibly partial) name refers to: the latest compatible one."""
    toks = _tokens(_HONORIFIC.sub("", name))
    if not toks:
        return None
    candidates = []
    for ent_id, full in clusters:
        if toks == full:
            return ent_id
        if (
            (toks[-1] == full[-1] and _initial_compatible(toks, full))
            or (len(toks) == 1 and len(full) > 1 and toks[0] == full[0])
            or (len(full) == 1 and len(toks) > 1 and toks[-1] == full[0])
        ):
            candidates.append(ent_id)
    if not candidates:
        return None
    # the most recently mentioned candidate wins
    latest = max(
        candidates,
        key=lambda c: max((s for s, _ in index.by_id(c).mentions if s <= pos), default=-1),
    )
    ent = index.by_id(latest)
    if len(toks) > len(_tokens(ent.name)):  # a fuller form becomes the name
        _add_alias(ent, ent.name)
        ent.name = " ".join(toks)
        for i, (cid, _) in enumerate(clusters):
            if cid == latest:
                clusters[i] = (cid, toks)
    return latest


# --- attributes ----------------------------------------------------------------------


def _read_attributes(doc: Doc, index: EntityIndex) -> None:
    gaz = load_gazetteer()
    onto = load_ontology()
    for ent in index.entities:
        if ent.kind != "person":
            continue
        for start, end in ent.mentions:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            floor = max(
                (m.end for m in index.mentions if m.end <= start and index.kind(m.entity) == "person"),
                default=0,
            )
            _title_before(text_of(doc), max(floor, 0), start, span, ent, onto.titles, gaz.countries)
            _appositive(span, ent)
            _compound_modifiers(span, ent)
    for ent in index.entities:
        for key in ("nationality", "ethnicity", "occupation", "title", "state"):
            if key in ent.attributes and isinstance(ent.attributes[key], list):
                vals = list(dict.fromkeys(ent.attributes[key]))
                vals = [v for v in vals if not any(v != w and w.endswith(" " + v) for w in vals)]
                ent.attributes[key] = vals[0] if len(vals) == 1 else vals


def _add_attr(ent: Entity, key: str, value: str) -> None:
    value = value.strip(" ,")
    if not value:
        return
    vals = ent.attributes.setdefault(key, [])
    if isinstance(vals, list) and value not in vals:
        vals.append(value)


def _title_before(
    text: str,
    floor: int,
    start: int,
    span: Span,
    ent: Entity,
    titles: frozenset[str],
    countries: frozenset[str],
) -> None:
    sent_start = span.sent.start_char
    window = text[max(sent_start, start - 80, floor) : start]
    window = re.split(r"\band\b", window)[-1]
    m = _TITLE_RUN.search(window)
    if not m:
        return
    run = m.group(1).strip()
    words = run.split()
    # cut the run back to where the title begins
    while words and words[0].lower() not in titles:
        words = words[1:]
    while words and words[-1].lower() in ("of", "the", "and", "for"):
        words = words[:-1]
    if not words or words[0].lower() in ("mr", "mrs", "ms", "miss", "dr", "sir"):
        return
    title = " ".join(words)
    if title in countries:
        return
    _add_attr(ent, "title", title)
    of = re.search(r"\bof\s+(?:the\s+)?([A-Z][\w ]+)$", title)
    if of and of.group(1) in countries:
        _add_attr(ent, "state", of.group(1))


def _np_attributes(head: Token, ent: Entity) -> None:
    """Read 'an Uyghur jazz musician from Kyrgyzstan' into ethnicity, occupation, nationality."""
    gaz = load_gazetteer()
    words: list[str] = []
    # every modifier to the left, nested ones too ("a Kyrgyz documentary photographer")
    left = [t for t in head.subtree if t.i < head.i and t.dep_ in ("amod", "compound", "nmod")]
    for child in [*left, *(c for c in head.children if c.i > head.i)]:
        if child.dep_ in ("amod", "compound", "nmod") and child.i < head.i:
            country = gaz.country_of(child.text)
            if child.text.lower() in gaz.ethnic_groups:
                _add_attr(ent, "ethnicity", child.text)
            elif country:
                _add_attr(ent, "nationality", country)
            elif child.dep_ == "compound" or child.pos_ in ("NOUN", "ADJ"):
                words.append(child.text)
        if child.dep_ == "prep" and child.lower_ == "from":
            for obj in child.children:
                country = gaz.country_of(obj.text)
                if obj.dep_ == "pobj" and country:
                    _add_attr(ent, "nationality", country)
    if head.pos_ == "NOUN" and head.lemma_.lower() in load_ontology().occupations:
        _add_attr(ent, "occupation", " ".join([*words, head.text]).lower())


def _appositive(span: Span, ent: Entity) -> None:
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            _np_attributes(child, ent)
            for conj in child.children:
                if conj.dep_ == "conj" and conj.pos_ == "NOUN":
                    _np_attributes(conj, ent)
    # "the musician, X" or "X, 34, a former Eton pupil": the name is the appositive
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.ent_type_ == "":
        _np_attributes(root.head, ent)


def _compound_modifiers(span: Span, ent: Entity) -> None:
    """'musician Vikram Ruzahunov', 'Kyrgyz citizen X': lower-case nouns before the name."""
    gaz = load_gazetteer()
    first = span[0]
    i = first.i - 1
    doc = span.doc
    while i >= span.sent.start:
        tok = doc[i]
        if tok.dep_ not in ("compound", "amod", "nmod") or tok.head.i < span.start:
            break
        if tok.text[0].islower() and tok.lemma_.lower() in load_ontology().occupations:
            _add_attr(ent, "occupation", tok.text.lower())
        elif tok.text.lower() in gaz.ethnic_groups:
            _add_attr(ent, "ethnicity", tok.text)
        elif gaz.country_of(tok.text) and tok.text not in gaz.countries:
            _add_attr(ent, "nationality", gaz.country_of(tok.text) or "")
        i -= 1


# --- reference: pronouns and definite noun phrases ----------------------------------


def resolve_reference(token: Token, index: EntityIndex) -> str | None:
    """The entity a token refers to: a name, a pronoun, or a definite noun phrase."""
    doc = token.doc
    span = _np_span(token)
    hit = index.at(span.start_char, span.end_char) if span is not None else None
    low = token.lower_
    direct = index.at(token.idx, token.idx + len(token.text))
    if direct is not None and (low not in _PRONOUNS_SG | _PRONOUNS_PL or index.kind(direct) != "group"):
        return direct
    if low in ("who", "whom", "that", "which") and token.head.dep_ in ("relcl", "acl"):
        return resolve_reference(token.head.head, index)
    if low in _PRONOUNS_SG:
        return _antecedent(token, index, ("person",))
    if low in _PRONOUNS_PL:
        return _antecedent(token, index, ("group", "organization"))
    if token.pos_ in ("NOUN", "PROPN"):
        # "The Californian man, Nicholas Lee Jacobsen, was arrested": the name in apposition
        return _named_in_np(token, index) or _definite_np(token, index, doc)
    return hit


def _np_span(token: Token) -> Span | None:
    left = token.left_edge.i
    return token.doc[left : token.i + 1]


_FEMALE_PRON = EN.set("pronouns.female")
_MALE_PRON = EN.set("pronouns.male")


def guess_gender(ent: Entity, text: str) -> str | None:
    """'f', 'm' or None, from what the name and its honorific show; never from outside knowledge."""
    toks = ent.name.split()
    if not toks:
        return None
    for start, _ in ent.mentions[:3]:
        before = text[max(0, start - 6) : start]
        if re.search(r"\b(?:Mrs|Ms|Miss|Lady|Dame)\.?\s*$", before):
            return "f"
        if re.search(r"\b(?:Mr|Sir|Lord)\.?\s*$", before):
            return "m"
    last = toks[-1].lower()
    if len(toks) > 1 and re.search(r"(?:ova|eva|yeva|ina|aya|skaya|kaya)$", last):
        return "f"
    if re.search(r"(?:ov|ev|yev|in|sky|skiy|iy)$", last):
        return "m"
    return None


def _antecedent(token: Token, index: EntityIndex, kinds: tuple[str, ...]) -> str | None:
    pos = token.idx
    prior = index.previous_people(pos, kinds)
    if token.lower_ in _FEMALE_PRON | _MALE_PRON:
        want = "f" if token.lower_ in _FEMALE_PRON else "m"
        text = text_of(token.doc)
        prior = [m for m in prior if guess_gender(index.by_id(m.entity), text) in (None, want)]
    speakers = _quoting(token, index)
    if speakers:
        # '"He has lost three years of his life," said his lawyer': inside a quotation "he" is
        # someone the speaker speaks of, never the speaker
        prior = [m for m in prior if m.entity not in speakers]
    if not prior:
        return None
    sent_start = token.sent.start_char
    in_sentence = [m for m in prior if m.start >= sent_start]
    if in_sentence:
        # skip a possessor just before ("Ruzahunov's relatives said he...") only if a subject exists
        return in_sentence[-1].entity
    # a report about one person: a pronoun that opens a sentence is theirs, unless the sentence
    # before spoke of another person as its subject
    main = _main_person(index)
    speaking = token.head.lemma_.lower() in load_ontology().claim_cues  # "he said": the speaker before
    if (
        main is not None
        and not speaking
        and main in {m.entity for m in prior}
        and token.dep_ in ("nsubj", "nsubjpass")
    ):
        previous = _subject_of_previous_sentence(token, prior)
        if previous is None or previous == main or index.kind(previous) != "person":
            return main
    # the latest earlier sentence that mentions someone: prefer its grammatical subject
    last = prior[-1]
    sent = token.doc.char_span(last.start, last.end, alignment_mode="expand")
    if sent is None:
        return last.entity
    sent_span = sent.sent
    same = [m for m in prior if sent_span.start_char <= m.start < sent_span.end_char]
    for m in same:
        span = token.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
            return m.entity
    return same[0].entity if same else last.entity


_QUOTES = re.compile(r'["“”«»]')


def _quoting(token: Token, index: EntityIndex) -> set[str]:
    """The people who speak the quotation a token is inside (subjects of a speech verb in its
    sentence, the two before or the one after); empty when the token is not inside quotation marks."""
    cues = load_ontology().claim_cues
    if token.head.lemma_.lower() in cues:
        return set()  # '"...," he said': the speaker himself
    text = text_of(token.doc)
    para_start = text.rfind("\n", 0, token.idx) + 1
    if len(_QUOTES.findall(text, para_start, token.idx)) % 2 == 0:
        return set()
    sent = token.sent
    doc = token.doc
    first = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    if first > 0:
        first = doc[first - 1].sent.start  # two sentences back: "Mr Rakosky said ... He said: ..."
    last = doc[sent.end].sent.end if sent.end < len(doc) else sent.end
    out: set[str] = set()
    for tok in doc[first:last]:
        if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in cues:
            # a pronoun speaker ('"...," he said') is resolved as a speaker: no quotation test for it
            ent = index.at(tok.idx, tok.idx + len(tok.text)) or resolve_reference(tok, index)
            if ent is not None and index.kind(ent) == "person":
                out.add(ent)
    return out


def _main_person(index: EntityIndex) -> str | None:
    """The person a report is about: named clearly more often than anyone else (twice the next)."""
    counts = Counter(m.entity for m in index.mentions if index.kind(m.entity) == "person")
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2:
        return None
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]


def _subject_of_previous_sentence(token: Token, prior: list[Mention]) -> str | None:
    start = token.sent.start_char
    before = [m for m in prior if m.start < start]
    if not before:
        return None
    span = token.doc.char_span(before[-1].start, before[-1].end, alignment_mode="expand")
    if span is None:
        return None
    sent = span.sent
    for m in before:
        if sent.start_char <= m.start < sent.end_char:
            ms = token.doc.char_span(m.start, m.end, alignment_mode="expand")
            if ms is not None and ms.root.dep_ in ("nsubj", "nsubjpass"):
                return m.entity
    return None


def _definite_np(token: Token, index: EntityIndex, doc: Doc) -> str | None:
    """'the ministry' -> the Ministry named before; 'the musician' -> the musician named before."""
    head = token.lemma_.lower()
    has_det = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)
    if not has_det:
        return None
    for m in reversed(index.previous_people(token.idx, ("organization", "person", "group"))):
        ent = index.by_id(m.entity)
        names = [ent.name, *ent.aliases]
        if ent.kind in ("organization", "group") and any(
            head in n.lower().split() or head + "s" in n.lower().split() for n in names
        ):
            return ent.id
        occ = ent.attributes.get("occupation")
        occs = occ if isinstance(occ, list) else [occ] if occ else []
        if ent.kind == "person" and any(str(o).split()[-1] == head for o in occs):
            return ent.id
    if token.tag_ == "NN" and head in load_ontology().occupations:
        # "the singer", "the rapper": the person the report is about so far (the most mentioned)
        return _most_named_before(token, index)
    return None


def _most_named_before(token: Token, index: EntityIndex) -> str | None:
    """The person named most often before the token: whom a description refers back to."""
    before = Counter(m.entity for m in index.previous_people(token.idx, ("person",)))
    return before.most_common(1)[0][0] if before else None


def group_entity(token: Token, index: EntityIndex) -> str | None:
    """A group of people named by a noun phrase ('Ruzahunov's relatives', 'the men')."""
    onto = load_ontology()
    counted = token.dep_ in ("nsubj", "nsubjpass") and (
        token.lower_ in onto.count_words or (token.pos_ == "NUM" and token.ent_type_ in ("", "CARDINAL"))
    )  # "Hundreds have been detained", "One of the three has since been freed"
    # "arrested a suspect": the tagger sometimes reads a person noun as an adjective
    nominal = token.pos_ in ("NOUN", "PROPN") or (
        token.pos_ == "ADJ" and token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj")
    )
    aged = token.lower_ == "old" and any(c.lower_ in ("year", "years") for c in token.children)
    if not counted and not aged and (not nominal or token.lemma_.lower() not in onto.person_nouns):
        return None  # ("a 16-year-old" is someone)
    if token.ent_type_ in ("PERSON", "ORG", "GPE"):
        return None
    left = (
        token.left_edge.i
        if aged
        else min(
            [token.i]
            + [
                c.left_edge.i
                for c in token.children
                if c.dep_ in ("poss", "amod", "compound", "det", "nummod")
            ]
        )
    )
    span = token.doc[left : token.i + 1]
    words = [t for t in span if t.dep_ != "det" or t.lower_ not in ("the", "a", "an")]
    if not words:
        return None
    start, end = words[0].idx, token.idx + len(token.text)
    if counted and token.pos_ == "NUM":
        end = max(end, subtree_span(token)[1])  # "one of the three"
    name = text_of(token.doc)[start:end]
    head = token.lemma_.lower()
    for ent in index.entities:
        if ent.kind != "group":
            continue
        ent_head = ent.attributes.get("head")
        if ent_head == head:
            index.add_mention(ent.id, start, end)
            if len(name) > len(ent.name):
                _add_alias(ent, ent.name)
                ent.name = name
            return ent.id
    ent_id = index.new_entity("group", name, start, end)
    grp = index.by_id(ent_id)
    grp.attributes["head"] = head
    grp.attributes["plural"] = token.tag_ in ("NNS", "NNPS") or counted
    gaz = load_gazetteer()
    for t in span:
        country = gaz.country_of(t.text)
        if country and t.text not in gaz.countries:
            grp.attributes["nationality"] = country
    for child in token.children:
        if child.dep_ == "poss":
            owner = resolve_reference(child, index)
            if owner and owner != ent_id:
                grp.attributes["of"] = owner
    return ent_id


# A report's lead (headline, first paragraph) speaks of its main person before naming them.
LEAD_SENTENCES = 2
# nouns for someone who does something: "distributor", "financier", "activist", "campaigner"
_AGENT_NOUN = re.compile(r"(?:er|or|ist|ant|ent|ian|eer)$")


def child_dep(token: Token, dep: str) -> bool:
    return any(c.dep_ == dep for c in token.children)


def _named_in_np(token: Token, index: EntityIndex) -> str | None:
    """The person a noun phrase names in apposition ("The Californian man, Nicholas Lee Jacobsen")
    or in a relative clause ("The rapper, whose real name is X")."""
    clauses = {token.i} | {c.i for c in token.children if c.dep_ == "relcl"}
    for t in token.subtree:
        if (t.dep_ == "appos" and t.head.i == token.i) or (t.dep_ == "attr" and t.head.i in clauses):
            ent = index.at(t.idx, t.idx + len(t.text))
            if ent is not None and index.kind(ent) == "person":
                return ent
    return None


def _sentence_number(index: EntityIndex, pos: int) -> int:
    return bisect.bisect_right(index.sent_starts, pos) - 1


def described_person(token: Token, index: EntityIndex) -> str | None:
    """The named person a singular description stands for: "The rapper, whose real name is X",
    "An ex-chief financial officer at Boeing has received a jail sentence" (named in the next
    sentence). A name in apposition or in a "whose name is" clause wins; else, in the report's lead,
    the person the report names most often (when one clearly leads)."""
    onto = load_ontology()
    head = token.lemma_.lower()
    aged = token.lower_ == "old" and any(c.lower_ in ("year", "years") for c in token.children)
    if aged:
        head = "person"  # "the 43-year-old"
    elif token.tag_ != "NN" or head in onto.thing_nouns or token.ent_type_ or child_dep(token, "poss"):
        return None  # "his wife" is someone's relative, not the report's main person
    named = _named_in_np(token, index)
    if named is not None:
        return named
    here = _sentence_number(index, token.idx)
    if aged and here > LEAD_SENTENCES:
        return _most_named_before(token, index)  # "the 43-year-old": the one spoken of
    if here > LEAD_SENTENCES or not (head in onto.person_nouns or _AGENT_NOUN.search(head)):
        return None  # in the body a description refers back ("the rapper"), as _definite_np reads it
    # the first person the report names after the description, in the sentences that follow it
    later = sorted(
        (m for m in index.mentions if m.start > token.idx and index.kind(m.entity) == "person"),
        key=lambda m: m.start,
    )
    if later and _sentence_number(index, later[0].start) - here <= LEAD_SENTENCES:
        return later[0].entity
    return None
