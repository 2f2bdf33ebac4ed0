"""Recognising entities: spaCy's names, repaired where the small model slips on this kind of text (a
surname alone tagged ORG, a country glued to the next name, a nationality tagged ORG), and every
mention of one person merged (full name, surname alone, title + surname)."""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Set as AbstractSet
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from casework.extract.entities.attributes import _read_attributes
from casework.extract.entities.index import EntityIndex
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
_ARTICLES = EN.set("articles")
_HONORIFIC = re.compile(rf"^(?:{'|'.join(EN.list('honorifics'))})\.?\s+")


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
    # one-word 'persons' a report writes as things: after an article ("the Netsky", "an Englishman")
    # or after an organisation's first word ("Lockheed Martin")
    thing_names: set[str] = set()
    place_names = {s.text for s in spans if s.label_ in ("GPE", "LOC")} | set(gaz.countries)
    body_words = load_ontology().org_words | _BODY_WORDS  # words that make a name a body's
    for s in spans:
        label = s.label_
        start, end = s.start_char, s.end_char
        toks = list(s)
        if label == "PERSON" and len(s) == 1 and _written_as_a_thing(s[0]):
            thing_names.add(s.text)
        if label != "PERSON" and _acts_as_person(s):
            label = "PERSON"
        elif label == "PERSON" and len(s) == 1 and s.start > 0 and doc[s.start - 1].lower_ in _PLACE_PREPS:
            label = "GPE"  # "in Ashgabat", "to Almaty": a one-word 'person' after a place preposition
        elif label == "PERSON" and _in_place_list(s):
            label = "GPE"
        if label == "PERSON" and not _names_a_person(s):
            continue
        if label == "PERSON" and len(s) > 1 and {t.lower_ for t in s} & body_words:
            label = "ORG"  # "Countryside Alliance", "Xinhua News Agency": a body's name, tagged a person
        if label == "PERSON":
            # "Kazakhstan M. Syzdykov": a place glued to the front of a name
            while len(toks) > 1 and toks[0].text in place_names:
                toks = toks[1:]
            onto = load_ontology()
            while len(toks) > 1 and (
                toks[0].lower_ in ("the",)
                or toks[0].lower_ in onto.titles
                or toks[0].lower_ in onto.occupations
                # "Briton Sarah Lane", "Kazakh Dana Serikova": a nationality before a name of two words
                or (toks[0].lower_ in gaz.demonyms and len(toks) > 2)
            ):
                toks = toks[1:]
            if not toks:
                continue
            # "Aibek Tursunov": a first name the model left outside the span it tagged
            while toks[0].i > 0 and _first_name_before(doc[toks[0].i - 1], toks[0]):
                toks = [doc[toks[0].i - 1], *toks]
            start = toks[0].idx
            # "Temir Asanov later said", tagged "Temir": the name runs on to the word it modifies
            while _surname_after(toks[-1], body_words):
                toks = [*toks, toks[-1].head]
                end = toks[-1].idx + len(toks[-1].text)
            # "Aziz Karimov - who was jailed": the tagger ran the name on through a dash
            cut = next((k for k, t in enumerate(toks) if k and t.is_punct and t.text in "-–—"), None)
            if cut is not None and all(not t.text[:1].isupper() for t in toks[cut + 1 :]):
                toks = toks[:cut]
                end = toks[-1].idx + len(toks[-1].text)
        if toks and toks[-1].text in ("'s", "’s", "'", "’"):
            toks = toks[:-1]
            if not toks:
                continue
            end = toks[-1].idx + len(toks[-1].text)
        if (
            label == "PERSON"
            and toks
            and toks[-1].i + 1 < len(doc)
            and doc[toks[-1].i + 1].lower_ in _PARTICLES
        ):
            end = doc[toks[-1].i + 1].idx + len(doc[toks[-1].i + 1].text)  # "Makhabat Tazhibek kyzy"
        if toks and toks[0].lower_ == "the":
            start = toks[1].idx if len(toks) > 1 else start
        if label == "PERSON" and len(toks) == 1 and toks[0].i > 0 and doc[toks[0].i - 1].lower_ in _ARTICLES:
            thing_names.add(toks[0].text)
        if label == "ORG":
            # "Ministry of Foreign Affairs" + "of Kyrgyzstan": the state is part of the name
            tail = re.match(r"\s+of\s+(?:the\s+)?([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)", text_of(doc)[end:])
            if tail and tail.group(1) in place_names:
                end += tail.end()
        if label == "PERSON":
            end = _through_entities(text_of(doc), end)
            start, end = _peerage(text_of(doc), start, end)
        name = _clean_name(text_of(doc)[start:end])
        if label == "PERSON" and len(toks) > 1 and toks[-1].text.rstrip(".") in _POST_NOMINALS:
            # "Guy Mansfield QC": the letters are part of the mention (he "warned"), not of the name
            name = name[: -len(toks[-1].text)].strip()
        if not name or not re.search(r"[A-Za-z\u0400-\u04ff]", name):
            continue
        if gaz.country_of(name) and name in gaz.countries:
            label = "GPE"
        elif name.lower() in gaz.demonyms or name.lower() in gaz.ethnic_groups:
            label = "NORP"
        repaired.append((start, end, label, name))
    repaired = _shared_surnames(doc, repaired)
    # 2. a single word that is a known person's surname is that person, whatever the tag
    surnames = {_tokens(n)[-1] for _, _, lab, n in repaired if lab == "PERSON" and len(_tokens(n)) > 1}
    votes: dict[str, Counter[str]] = {}
    fixed: list[tuple[int, int, str, str]] = []
    for start, end, label, name in repaired:
        if label in ("ORG", "GPE", "LOC", "FAC") and name in surnames and name not in gaz.countries:
            label = "PERSON"
        elif label in ("ORG", "GPE", "LOC", "FAC") and _HONORIFIC.match(name):
            label = "PERSON"  # "Ms Love", "Mr Tanzi": an honorific makes a person, whatever the tag
        votes.setdefault(name, Counter())[label] += 1
        fixed.append((start, end, label, name))
    common_words = {t.text for t in doc if t.is_alpha and t.text.islower()}
    index = EntityIndex(entities=[])
    index.sent_starts = [s.start_char for s in doc.sents]
    clusters: list[tuple[str, list[str]]] = []  # (entity id, name tokens) for people
    by_name: dict[tuple[str, str], str] = {}
    byline = list(byline)
    for start, end, _label, name in fixed:
        label = _majority(votes[name])
        if label == "NORP":
            continue
        if label == "PERSON" and _signed_line(text_of(doc), start, end):
            byline.append(name)  # "By Daniyar Seitkaliev" on its own line: the author, no one in the story
            continue
        if (
            label == "PERSON"
            and (name in thing_names or name.lower() in common_words)
            and name not in surnames
        ):
            # a one-word name a report writes after "the" or "a", or writes in lower case elsewhere ("Rap
            # mogul" ... "rap group"), names a thing, not a person
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
    _link_other_names(text_of(doc), index)
    _propagate_names(text_of(doc), index)
    for author in byline:
        ent = Entity(
            id=index.free_id("person"),
            kind="person",
            name=author,
            attributes={"role": "author"},
        )
        index.entities.append(ent)
    _read_attributes(doc, index)
    return index


_BY_LINE_BEFORE = re.compile(r"(?:^|\n)[^\S\n]*By[^\S\n]+$")
_BY_LINE_AFTER = re.compile(r"^[^\S\n]*(?:\n|$|,[^\n]{0,40}(?:\n|$))")


def _signed_line(text: str, start: int, end: int) -> bool:
    """A name on a line of its own after "By" ("By Daniyar Seitkaliev", "By X, BBC News")."""
    return bool(_BY_LINE_BEFORE.search(text[max(0, start - 20) : start])) and bool(
        _BY_LINE_AFTER.match(text[end : end + 60])
    )


_FIRST_NAMES = EN.set("first_names_female") | EN.set("first_names_male")
_PAIRS = EN.set("nouns.pairs")
_CONJUNCTIONS = EN.set("conjunctions")


def _shared_surnames(doc: Doc, repaired: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """ "the brothers Rustam and Farkhod Aliev", "the couple, Karim and Leyla Hasanov": a first name
    before "and" and a two-word name shares that name's surname, when it is a known first name or
    follows a word for brothers, sisters or a couple."""
    added: list[tuple[int, int, str, str]] = []
    for start, end, label, _name in repaired:
        span = doc.char_span(start, end)
        if label != "PERSON" or span is None or len(span) != 2 or span.start < 2:
            continue
        glue, first = doc[span.start - 1], doc[span.start - 2]
        if glue.lower_ not in _CONJUNCTIONS or not first.text.istitle() or not first.is_alpha:
            continue
        before = doc[first.i - 1] if first.i > 0 else None
        if before is not None and before.text.istitle() and before.pos_ == "PROPN":
            continue  # "Ali Hassan and Omar Farouk": the word ends a name of its own
        if before is not None and before.is_punct and before.i > 0:
            before = doc[before.i - 1]
        pair = before is not None and (
            before.lemma_.lower() in _PAIRS or (before.tag_ == "NNS" and before.lemma_.lower() in _KIN)
        )
        if first.text in _FIRST_NAMES or pair:
            added.append((first.idx, first.idx + len(first.text), "PERSON", f"{first.text} {span[-1].text}"))
    if not added:
        return repaired
    taken = {(a[0], a[1]) for a in added}
    kept = [r for r in repaired if not any(r[0] < e and s < r[1] for s, e in taken)]
    return sorted(kept + added)


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
    if span.end < len(span.doc) and span.doc[span.end].lower_ in _PARTICLES:
        return True  # "Makhabat Tazhibek kyzy": the tagger reads the patronymic as the head noun
    if root.dep_ in ("compound", "amod") and root.head.pos_ == "NOUN" and root.head.i == span.end:
        return False
    if span.start > 0 and span.doc[span.start - 1].text == "," and root.dep_ in ("nsubj", "nsubjpass"):
        return True  # "Detained at the airport, Aziz Karimov was held": the subject after an opening phrase
    before = [t for t in span.doc[max(0, span.start - 2) : span.start] if t.text != ","]
    if before and before[-1].lower_ in load_ontology().thing_nouns:
        # "the head of the bank, Tom Reed,": set off by a comma, the name is in apposition to the
        # person the phrase names, not the thing it ends on
        return root.dep_ == "appos" and root.head.i != before[-1].i and span.doc[span.start - 1].text == ","
    return True


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
    return _name_shaped(toks) and bool(load_ontology().surname_forms.search(toks[-1].text))


def _name_shaped(toks: list[Token]) -> bool:
    """Two or three capitalised words, none of them a word for an organisation or a country."""
    onto, gaz = load_ontology(), load_gazetteer()
    if not 2 <= len(toks) <= 3 or not all(t.text[:1].isupper() and t.text.isalpha() for t in toks):
        return False
    return not {t.lower_ for t in toks} & onto.org_words and not any(gaz.country_of(t.text) for t in toks)


def _first_name_before(tok: Token, first: Token) -> bool:
    onto = load_ontology()
    return (
        tok.pos_ == "PROPN"
        and tok.dep_ == "compound"
        and tok.head.i >= first.i
        and tok.text[:1].isupper()
        and tok.text.isalpha()
        and (not tok.ent_type_ or (_name_in_date(tok) and tok.ent_type_ == "DATE"))
        and tok.lower_ not in onto.titles | onto.occupations | onto.person_nouns | onto.org_words
    )


def _surname_after(last: Token, body_words: AbstractSet[str]) -> bool:
    """The proper noun right after a tagged name that the name's last word modifies, itself no
    other entity and no body's word: the surname the model left out."""
    head = last.head
    return (
        last.dep_ == "compound"
        and head.i == last.i + 1
        and head.pos_ == "PROPN"
        and head.text[:1].isupper()
        and head.text.isalpha()
        and not head.ent_type_
        and head.lower_ not in body_words
    )


def _untagged_names(doc: Doc) -> list[Span]:
    """Runs of proper nouns that look like a personal name where the model tagged no person:
    left untagged ("Alexei Fedorov"), or tagged in part as something else ("Kanat" ORG + "Ermekov")."""
    person = {i for e in doc.ents if e.label_ == "PERSON" for i in range(e.start, e.end)}
    out: list[Span] = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and _name_word(doc, j, i) and j not in person:
            j += 1
        if j - i in (2, 3) and _honorific_name(list(doc[i:j])):
            out.append(Span(doc, i + 1, j, label="PERSON"))  # "Mr Hale, of Leeds,": whatever the tag
        elif j > i and (
            _looks_like_a_personal_name(list(doc[i:j]))
            or _surname_with_who(doc, i, j)
            or _held_name(doc[i:j])
        ):
            out.append(Span(doc, i, j, label="PERSON"))
        i = max(j, i + 1)
    return out + _names_in_dates(doc)


def _honorific_name(toks: list[Token]) -> bool:
    """An honorific and one or two capitalised words, none a word for a body or a country, held or
    accused ("Mr Hale, of Leeds, was arrested"): a person, though the tagger tagged nothing. (Only
    when held: on the dev reports out of fold, honorific names in other roles added no one the
    annotators list.)"""
    onto, gaz = load_ontology(), load_gazetteer()
    rest = toks[1:]
    head = toks[-1]
    return (
        toks[0].text.rstrip(".") in _HONORIFICS
        and head.dep_ in ("nsubjpass", "dobj")
        and head.head.lemma_.lower() in onto.custody_verbs | onto.accusing
        and all(t.text[:1].isupper() and t.text.isalpha() and not t.is_upper for t in rest)
        and not {t.lower_ for t in rest} & (onto.org_words | onto.titles)
        and not any(gaz.country_of(t.text) or t.text in _CALENDAR for t in rest)
    )


def _held_name(span: Span) -> bool:
    """ "Nabeel Rajab was detained for questioning": two or three capitalised words the tagger left
    untagged or took for a body ("Nasrin Sotoudeh" ORG), the passive subject or the object of a verb
    of custody, are a person's name (a body the tagger does not know would carry an organisation's
    word, which rules it out; police arrest people, not companies)."""
    toks = list(span)
    if len(toks) == 1:
        return toks[0].ent_type_ in ("", "ORG", "FAC", "GPE", "LOC") and _surname_held(toks[0])
    if any(t.ent_type_ not in ("", "ORG") for t in toks):
        return False
    if not _name_shaped(toks):
        return False
    onto = load_ontology()
    if {t.lower_ for t in toks} & (onto.titles | onto.occupations):
        return False
    head = toks[-1]
    if head.dep_ == "appos":
        # "arrested the editor of Kloop, Rinat Tuhvatshin": the name beside the one held, or beside
        # the body that one works for
        held = head.head
        if held.dep_ == "pobj" and held.head.lower_ == "of":
            held = held.head.head
        people = onto.titles | onto.occupations | onto.person_nouns
        return (
            held.dep_ in ("nsubjpass", "dobj")
            and held.lemma_.lower() in people
            and held.head.lemma_.lower() in onto.custody_verbs
        )
    return head.dep_ in ("nsubjpass", "dobj") and head.head.lemma_.lower() in onto.custody_verbs


_FIGURATIVE_HOLDING = EN.set("verbs.figurative_holding")


def _surname_held(tok: Token) -> bool:
    """ "Rajab was detained for questioning": one capitalised word the tagger left untagged or took
    for a body or a place, held by a verb that only ever holds people (not "hold" or "seize", which
    hold things too), is a surname; not a word for a body, a country, a month or a day."""
    onto, gaz = load_ontology(), load_gazetteer()
    if not (tok.text[:1].isupper() and tok.text.isalpha() and len(tok.text) > 2 and tok.tag_ == "NNP"):
        return False
    if tok.lower_ in onto.org_words | onto.titles | onto.occupations or gaz.country_of(tok.text):
        return False
    if tok.text in _CALENDAR or any(c.dep_ in ("compound", "det", "amod") for c in tok.children):
        return False
    verb = tok.head
    return (
        tok.dep_ in ("nsubjpass", "dobj")
        and verb.lemma_.lower() in onto.custody_verbs - _FIGURATIVE_HOLDING
        and verb.i != tok.i
    )


def _name_word(doc: Doc, j: int, start: int) -> bool:
    """A word of a name: a proper noun, or a capitalised first word the tagger read as a common noun
    ("Nurbek Toktosunov remains ...": at the start of a sentence the capital tells the tagger nothing)."""
    tok = doc[j]
    if tok.pos_ == "PROPN":
        return True
    return (
        j == start
        and tok.pos_ == "NOUN"
        and bool(tok.is_sent_start)
        and j + 1 < len(doc)
        and doc[j + 1].pos_ == "PROPN"
    )


_CALENDAR = EN.set("calendar_names")
# words that end or make the name of a body, never a person's ("Narcotics Anonymous", "Lib Dems"),
# beside the ontology's organisation words (read per report: a user may give another ontology)
_BODY_WORDS = EN.set("body_name_words")


def _name_in_date(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.is_alpha and tok.text[:1].isupper() and tok.lower_ not in _CALENDAR


def _names_in_dates(doc: Doc) -> list[Span]:
    """'last November Samuel Amoah was jailed': a name the model swallowed into the date before it.
    Two or three capitalised proper nouns at the end of a DATE, none of them a month or a day."""
    out: list[Span] = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        toks = list(ent)
        k = len(toks)
        while k > 0 and _name_in_date(toks[k - 1]):
            k -= 1
        run = toks[k:]
        if 2 <= len(run) <= 3 and k > 0:
            out.append(Span(doc, run[0].i, run[-1].i + 1, label="PERSON"))
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


def _surname_before_its_event(tok: Token) -> bool:
    """ "Masharipov's arrest": one word in a surname form (not a country) owning the noun of an event
    that happens to people, which the model tags as a place."""
    onto = load_ontology()
    gaz = load_gazetteer()
    if tok.dep_ != "poss" or not tok.text[:1].isupper() or not tok.is_alpha or gaz.country_of(tok.text):
        return False
    return tok.head.lemma_.lower() in onto.person_event_nouns and bool(onto.surname_forms.search(tok.text))


_PEERS = EN.set("peers")
_PARTICLES = EN.set("name_particles")
_STATUS_NOUNS = EN.set("status_nouns")
_HONORIFICS = EN.set("honorifics")
_POST_NOMINALS = EN.set("post_nominals")


def _written_as_a_thing(tok: Token) -> bool:
    """A one-word 'person' that is the second word of an organisation's name ("Lockheed Martin")."""
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    return before is not None and before.ent_type_ == "ORG" and before.is_alpha and before.text[:1].isupper()


def _plain_name_word(tok: Token) -> bool:
    onto = load_ontology()
    return (
        tok.text[:1].isupper()
        and tok.is_alpha
        and not tok.is_upper
        and tok.lower_ not in onto.titles | onto.org_words | onto.occupations
    )


def _acts_as_person(span: Span) -> bool:
    """A mis-tagged name that the sentence treats as a person ('Otis Ferry, the son of...')."""
    toks = [t for t in span if not t.is_punct]
    if _looks_like_a_personal_name(toks):
        return True
    if len(toks) == 1 and _surname_before_its_event(toks[0]):
        return True
    if span.end < len(span.doc) and span.doc[span.end].lower_ in _PARTICLES:
        return True  # "Tazhibek kyzy", "Askar uulu": a patronymic word only follows a person's name
    if (
        3 <= len(toks) <= 4
        and toks[-1].text.rstrip(".") in _POST_NOMINALS
        and all(map(_plain_name_word, toks[:-1]))
    ):
        return True  # "Guy Mansfield QC", "Ann Smith MP"
    before_noun = span.doc[span.start - 1].lemma_.lower() if span.start > 0 else ""
    if before_noun in load_ontology().occupations | _STATUS_NOUNS:
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
    before = span.doc[span.start - 1].text.rstrip(".") if span.start > 0 else ""
    if before in _HONORIFICS or (before in _PEERS and len(toks) == 1 and _plain_name_word(toks[0])):
        return True  # "Mr Tanzi", "Lord Tebbit": a title that only a person's name follows
    if len(toks) == 2 and toks[0].text in _PEERS and _plain_name_word(toks[1]):
        return True  # "Tory peer Lord Tebbit": a peer's title and one name
    if not 2 <= len(toks) <= 3 or not all(t.text[:1].isupper() and t.is_alpha for t in toks):
        return False
    root = span.root
    if (
        root.dep_ == "appos"
        and root.head.lemma_.lower() in load_ontology().occupations | load_ontology().titles
    ):
        return True  # "an administrator, Enrico Bondi,": a name set beside a noun for a person
    for child in root.children:
        if child.dep_ == "appos" and (
            child.lemma_.lower() in _KIN or child.lemma_.lower() in load_ontology().occupations
        ):
            return True
    return root.dep_ == "nsubj" and root.head.lemma_ in ("say", "tell", "add")


def _cue_between(cues: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"^\s*[,(]?\s*(?:{alternation})\s*[:,]?\s*$", re.I)


_REAL_NAME = _cue_between(EN.list("real_name_cues"))
_STAGE_NAME = _cue_between(EN.list("stage_name_cues"))


def _link_other_names(text: str, index: EntityIndex) -> None:
    """A stage name and the real name the report gives for it are one person ("C-Murder, real name
    Corey Miller", "Marion Knight, better known as Suge"), whatever the tagger called the stage name."""
    ordered = sorted(index.mentions, key=lambda m: m.start)
    for first, second in pairwise(ordered):
        between = text[first.end : second.start]
        if first.entity == second.entity or len(between) > 40:
            continue
        if _REAL_NAME.match(between):
            stage, real = first.entity, second.entity
        elif _STAGE_NAME.match(between):
            stage, real = second.entity, first.entity
        else:
            continue
        if index.kind(real) != "person" or index.kind(stage) in ("place", None):
            continue
        other = index.by_id(stage)
        person = index.by_id(real)
        for m in index.mentions:
            if m.entity == stage:
                m.entity = real
        person.mentions = sorted({*person.mentions, *other.mentions})
        _add_alias(person, other.name)
        index.entities.remove(other)


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


_ORG_VOICE = re.compile(rf"\s+{EN.alternation('speakers.voices')}$", re.I)


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
