"""Reference: pronouns, definite noun phrases ("the ministry", "the 43-year-old") and groups ("the
relatives") resolved to the entities they stand for."""

from __future__ import annotations

import bisect
import re
from collections import Counter

from spacy.tokens import Doc, Span, Token

from casework.extract.entities.index import EntityIndex, Mention
from casework.extract.entities.recognise import _PRONOUNS_PL, _PRONOUNS_SG, _add_alias
from casework.extract.syntax import subtree_span
from casework.languages import words
from casework.model import Entity
from casework.nlp import text_of
from casework.ontology import load_gazetteer, load_ontology

EN = words("en")  # the English pack: these components serve English

# --- reference: pronouns and definite noun phrases ----------------------------------


def referent_of(token: Token, index: EntityIndex) -> str | None:
    """The entity a token refers to: a name, a pronoun, or a definite noun phrase."""
    doc = token.doc
    span = _np_span(token)
    hit = index.at(span.start_char, span.end_char) if span is not None else None
    low = token.lower_
    direct = index.at(token.idx, token.idx + len(token.text))
    if direct is not None and index.kind(direct) == "group" and token.tag_ == "NN":
        # "the editor of Kloop, Rinat Tuhvatshin": one person, named beside the noun
        direct = _named_in_np(token, index) or direct
    if direct is not None and (low not in _PRONOUNS_SG | _PRONOUNS_PL or index.kind(direct) != "group"):
        return direct
    if low in ("who", "whom", "that", "which") and token.head.dep_ in ("relcl", "acl"):
        return referent_of(token.head.head, index)
    if low == "whose":  # "Karimov, whose arrest sparked protests": the one the clause is about
        clause = next((a for a in token.ancestors if a.dep_ in ("relcl", "acl")), None)
        return referent_of(clause.head, index) if clause is not None else None
    if low in _PRONOUNS_SG:
        return _named_after(token, index) or _antecedent(token, index, ("person", "group"))
    if low in _PRONOUNS_PL:
        bound = _clause_subject_of_possessive(token)
        if bound is not None:
            return group_entity(bound, index)  # "people having served their sentence": their = people
        return _antecedent(token, index, ("group", "organization"))
    aged = _aged_person(token, index)
    if aged is not None:
        return aged
    if token.pos_ in ("NOUN", "PROPN"):
        # "The Californian man, Nicholas Lee Jacobsen, was arrested": the name in apposition
        return _named_in_np(token, index) or _definite_np(token, index, doc)
    if token.pos_ == "NUM":
        return _named_in_np(token, index) or hit  # "One of them, Ahmed Ali, was released"
    return hit


def _named_after(token: Token, index: EntityIndex) -> str | None:
    """'Following his arrest, Aziz Karimov was taken to Tashkent': a pronoun in an opening phrase
    stands for the person its clause then names as its subject."""
    phrase = token
    subj = None
    while phrase.head.i != phrase.i:
        if phrase.dep_ in ("relcl", "acl", "ccomp", "xcomp", "conj"):
            return None  # a clause of its own: its pronoun looks back, not ahead
        phrase = phrase.head
        subj = next((c for c in phrase.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.i > token.i and token not in subj.subtree:
            break  # "When he was arrested, Karimov ...": past the pronoun's own clause
    if subj is None or subj.i < token.i or token in subj.subtree or subj.pos_ != "PROPN":
        return None
    ent = index.at(subj.idx, subj.idx + len(subj.text))
    return ent if ent is not None and index.kind(ent) == "person" else None


def _age_of(token: Token) -> str | None:
    """'the 34-year-old' -> '34' (a definite age description, not 'a 16-year-old')."""
    if token.lower_ != "old" or not any(c.lower_ in ("year", "years") for c in token.children):
        return None
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in token.children):
        return None
    return next((t.text for t in token.subtree if t.like_num), None)


# the age a report gives right after a name: "X, 43,", "X, aged 43", "X (43)"
_AGE_GIVEN = re.compile(r"^\s*,\s*(?:aged\s+)?(\w+)\b|^\s*\(\s*(\w+)\s*\)")


def _age_given_after(text: str, end: int) -> str | None:
    found = _AGE_GIVEN.match(text[end : end + 20])
    return (found.group(1) or found.group(2)) if found else None


def _aged_person(token: Token, index: EntityIndex) -> str | None:
    """The person named before whom the report gave this age ("Aziz Karimov, 34, ... the 34-year-old")."""
    age = _age_of(token)
    if age is None:
        return None
    text = text_of(token.doc)
    before = re.compile(rf"\b{re.escape(age)}-year-old\s+(?:[a-z]+\s+){{0,3}}$")
    prior = index.previous_people(token.idx, ("person",))
    for m in reversed(prior):
        if _age_given_after(text, m.end) == age or before.search(text[max(0, m.start - 40) : m.start]):
            return m.entity
    # an age the report had not given: the description opens a sentence about the one the sentence
    # before was about ("Ex-minister X was arrested. The 58-year-old was held at his home"), unless
    # the report gave that person another age
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return None
    previous = _subject_of_previous_sentence(token, prior)
    ended = None if previous is None else _sentence_end_of(token, prior, previous)
    if ended is None or token.sent.start_char - ended > 1:
        # "Police arrested X on Monday. The 43-year-old ...": the one person the sentence before
        # names, when its subject is no person
        named = _people_of_previous_sentence(token, index)
        if len(named) != 1:
            return None
        previous = named[0]
    if any(m.entity == previous and _is_age(_age_given_after(text, m.end)) for m in prior):
        return None
    return previous


def _is_age(word: str | None) -> bool:
    return word is not None and word.isdigit() and len(word) <= 3


def _sentence_end_of(token: Token, prior: list[Mention], entity: str) -> int | None:
    """Where the sentence of the entity's last mention before TOKEN ends."""
    last = next((m for m in reversed(prior) if m.entity == entity), None)
    root = None if last is None else _root_at(token.doc, last.start, last.end)
    return root.sent.end_char if root is not None else None


_COUNSEL = "|".join(sorted(EN.set("nouns.counsel")))
_COUNSEL_OF = re.compile(rf"^['’]s?\s+(?:[a-z]+\s+)?(?:{_COUNSEL})\b")
_COUNSEL_FOR = re.compile(rf"\b(?:(?:{_COUNSEL})\s+(?:for|of)|representing|defending)\s+$")


def client_of(token: Token, index: EntityIndex) -> str | None:
    """'X's lawyer said his client was beaten': the client is X, the person whose lawyer speaks.
    Only for whom an event happens to: as a speaker, "his client" is the lawyer's account."""
    if token.lower_ not in EN.set("nouns.client") or not any(c.dep_ == "poss" for c in token.children):
        return None
    text = text_of(token.doc)
    for m in reversed(index.previous_people(token.idx, ("person",))[-8:]):
        if _COUNSEL_OF.match(text[m.end : m.end + 30]) or _COUNSEL_FOR.search(
            text[max(0, m.start - 30) : m.start]
        ):
            return m.entity
    return None


_CONVERSE: dict[str, frozenset[str]] = {
    str(k): frozenset(str(v) for v in vs) for k, vs in EN.node("kin_converse").items()
}
_KIN_ALT = "|".join(sorted(_CONVERSE, key=len, reverse=True))
_RELATIVE_OF = re.compile(rf"^['’]s?\s+(?:[a-z-]+\s+)?({_KIN_ALT})\b")
_RELATIVE_FOR = re.compile(rf"\b({_KIN_ALT})\s+of\s+(?:the\s+)?(?:[a-z-]+\s+){{0,2}}$")


def relative_of(token: Token, index: EntityIndex) -> str | None:
    """'X's mother, Y, said her son had been jailed': the son is X, the person whose relative
    speaks (as "his client" is the person whose lawyer speaks). Only a kin noun with a possessive
    pronoun ("her son"), and only a person the report has introduced by that kinship."""
    noun = token.lemma_.lower()
    if noun not in _CONVERSE or not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children):
        return None
    text = text_of(token.doc)
    for m in reversed(index.previous_people(token.idx, ("person",))[-8:]):
        said = _RELATIVE_OF.match(text[m.end : m.end + 40]) or _RELATIVE_FOR.search(
            text[max(0, m.start - 50) : m.start]
        )
        # "X's mother ... her son": the speaker's kinship to X, seen from X's side
        if said is not None and noun in _CONVERSE[said.group(1)]:
            return m.entity
    return None


def _np_span(token: Token) -> Span | None:
    left = token.left_edge.i
    return token.doc[left : token.i + 1]


_FEMALE_PRON = EN.set("pronouns.female")
_MALE_PRON = EN.set("pronouns.male")
_FEMALE_TITLE = re.compile(rf"\b{EN.alternation('honorifics_female')}\.?\s*$")
_MALE_TITLE = re.compile(rf"\b{EN.alternation('honorifics_male')}\.?\s*$")


def guess_gender(ent: Entity, text: str, doc: Doc | None = None) -> str | None:
    """'f', 'm' or None, from what the name's honorific and the report's words for the person
    ("his wife Anna", "Mark, her brother,") show, then from the name itself: a Slavic surname's
    ending, a "son of"/"daughter of" particle, a first name given to one gender only."""
    toks = ent.name.split()
    if not toks:
        return None
    for start, _ in ent.mentions[:3]:
        before = text[max(0, start - 6) : start]
        if _FEMALE_TITLE.search(before):
            return "f"
        if _MALE_TITLE.search(before):
            return "m"
    described = _gender_by_description(ent, doc) if doc is not None else None
    if described is not None:
        return described
    # a first name given to one gender only, before a surname's ending ("Mehmet Kaya" is no "-aya")
    if len(toks) > 1 and toks[0] in _FEMALE_FIRST | _MALE_FIRST:
        return "f" if toks[0] in _FEMALE_FIRST else "m"
    last = toks[-1].lower()
    if len(toks) > 1 and (last in _DAUGHTER_OF or re.search(r"(?:ova|eva|yeva|ina|aya|skaya|kaya)$", last)):
        return "f"
    if last in _SON_OF or re.search(r"(?:ov|ev|yev|in|sky|skiy|iy)$", last):
        return "m"
    return "f" if toks[0] in _FEMALE_FIRST else "m" if toks[0] in _MALE_FIRST else None


_DAUGHTER_OF = EN.set("name_particles_female")
_SON_OF = EN.set("name_particles_male")
_FEMALE_FIRST = EN.set("first_names_female")
_MALE_FIRST = EN.set("first_names_male")


_FEMALE_NOUNS = EN.set("nouns.female_person")
_MALE_NOUNS = EN.set("nouns.male_person")


def _gender_by_description(ent: Entity, doc: Doc) -> str | None:
    """The gender a noun in apposition to one of the name's mentions gives: "his wife Anna" (the
    name hangs from the noun), "Anna, his wife," (the noun hangs from the name). Two words that
    disagree give none. Looked up once per person and report (every pronoun asks of everyone before it)."""
    known: dict[str, str | None] = doc.user_data.setdefault("casework_described_gender", {})
    if ent.id not in known:
        known[ent.id] = _described_as(ent, doc)
    return known[ent.id]


def _described_as(ent: Entity, doc: Doc) -> str | None:
    found: set[str] = set()
    for start, end in ent.mentions[:6]:
        root = _root_at(doc, start, end)
        if root is None:
            continue
        nouns = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ in ("appos", "compound") and root.head.i != root.i:
            nouns.append(root.head)
        found.update(g for n in nouns if n.tag_ in ("NN", "NNP") and (g := _noun_gender(n.lemma_.lower())))
    return found.pop() if len(found) == 1 else None


def _noun_gender(noun: str) -> str | None:
    """'f' for "wife", "woman"; 'm' for "brother", "man"; else None."""
    return "f" if noun in _FEMALE_NOUNS else "m" if noun in _MALE_NOUNS else None


def _described_gender(index: EntityIndex, mention: Mention) -> str | None:
    """'f' or 'm' for a singular description with a gendered noun ("an 18-year-old woman"), else None."""
    ent = index.by_id(mention.entity)
    if ent.attributes.get("plural"):
        return None
    return _noun_gender(str(ent.attributes.get("head", "")))


def _clause_subject_of_possessive(token: Token) -> Token | None:
    """The plural noun subject of the clause a possessive "their" sits in, before it: what the
    pronoun is bound to ("people having served their sentence")."""
    if token.dep_ != "poss":
        return None
    verb = token.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.i > token.i or subj.tag_ != "NNS":
        return None
    return subj


def _owned_by_pronoun(doc: Doc, mention: Mention, pronouns: frozenset[str]) -> bool:
    """The mention names the relative or agent of someone a pronoun stands for ("his lawyer X",
    "Her manager, X,"): a noun phrase is not the referent of its own possessive pronoun. Each
    mention's owner is looked up once per report (every pronoun asks about every mention before it)."""
    owners: dict[tuple[int, int], str] = doc.user_data.setdefault("casework_owner_pronoun", {})
    key = (mention.start, mention.end)
    if key not in owners:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        root = span.root if span is not None else None
        heads = [] if root is None else [root, root.head] if root.dep_ in ("appos", "compound") else [root]
        owners[key] = next((c.lower_ for h in heads for c in h.children if c.dep_ == "poss"), "")
    return owners[key] in pronouns


def referent_besides(token: Token, index: EntityIndex, speaker: str) -> str | None:
    """Whom a "he" or "him" in someone's reported words stands for when it is not that speaker:
    "Police spokesman X said no force was used against him" is about the one held. Not when the
    speaker is the person the report is about ("Karimov said police beat him": himself)."""
    if token.lower_ not in _PRONOUNS_SG or _main_person(index) == speaker:
        return None
    return antecedent_besides(token, index, speaker)


def antecedent_besides(token: Token, index: EntityIndex, other: str) -> str | None:
    """Whom a pronoun stands for when grammar or sense rules one referent out: "X was charged with
    her murder" (her is not X), "Lawyers for the men said they were held" (they are not the lawyers)."""
    if token.lower_ in _PRONOUNS_SG:
        return _antecedent(token, index, ("person",), besides=other)
    if token.lower_ in _PRONOUNS_PL:
        return _antecedent(token, index, ("group",), besides=other)
    return None


def _antecedent(
    token: Token, index: EntityIndex, kinds: tuple[str, ...], besides: str | None = None
) -> str | None:
    pos = token.idx
    prior = [m for m in index.previous_people(pos, kinds) if m.entity != besides]
    if token.lower_ in _PRONOUNS_SG:
        # "A woman in the car was arrested. She was later released.": a singular description of a
        # person is a "she" or a "he" when its noun says so; a group is not
        prior = [
            m for m in prior if index.kind(m.entity) == "person" or _described_gender(index, m) is not None
        ]
    if token.lower_ in _FEMALE_PRON | _MALE_PRON:
        want = "f" if token.lower_ in _FEMALE_PRON else "m"
        text = text_of(token.doc)
        prior = [
            m
            for m in prior
            if (
                guess_gender(index.by_id(m.entity), text, token.doc)
                if index.kind(m.entity) == "person"
                else _described_gender(index, m)
            )
            in (None, want)
        ]
        # "Her manager, Carl Evans, said ... She was arrested": whoever "her" is, it is not her manager
        same_form = _FEMALE_PRON if want == "f" else _MALE_PRON
        prior = [m for m in prior if not _owned_by_pronoun(token.doc, m, same_form)]
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
            ent = index.at(tok.idx, tok.idx + len(tok.text)) or referent_of(tok, index)
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
    # "The Ukrainian was sentenced": a nationality standing for a person, as "the man" does
    demonym = token.lower_ in load_gazetteer().demonyms and token.tag_ in ("NNP", "JJ", "NN")
    if ((token.tag_ == "NN" and head in _BACK_NOUNS) or demonym) and token.dep_ in ("nsubj", "nsubjpass"):
        # "Aziz Karimov was detained. The man was later charged": the one person the sentence
        # before named, when it named only one
        before = _people_of_previous_sentence(token, index)
        said = _noun_gender(head)
        if len(before) == 1 and (
            # "Anna Petrova was detained. The man was charged": not Anna
            said is None or guess_gender(index.by_id(before[0]), text_of(doc), doc) in (None, said)
        ):
            return before[0]
    if token.tag_ == "NN" and head in load_ontology().occupations:
        # "the singer", "the rapper": the person the report is about so far (the most mentioned)
        return _most_named_before(token, index)
    return None


_BACK_NOUNS = EN.set("nouns.back_reference")


def _people_of_previous_sentence(token: Token, index: EntityIndex) -> list[str]:
    sent = token.sent
    if sent.start == 0:
        return []
    prev = token.doc[sent.start - 1].sent
    out: list[str] = []
    for m in index.mentions:
        if (
            prev.start_char <= m.start < prev.end_char
            and index.kind(m.entity) == "person"
            and m.entity not in out
        ):
            out.append(m.entity)
    return out


def _most_named_before(token: Token, index: EntityIndex) -> str | None:
    """The person named most often before the token: whom a description refers back to."""
    before = Counter(m.entity for m in index.previous_people(token.idx, ("person",)))
    return before.most_common(1)[0][0] if before else None


_SOME_COUNT = EN.set("nouns.some_count")


def group_entity(token: Token, index: EntityIndex) -> str | None:
    """A group of people named by a noun phrase ('Ruzahunov's relatives', 'the men')."""
    onto = load_ontology()
    number = (
        token.lower_ in onto.count_words
        or (token.pos_ == "NUM" and token.ent_type_ in ("", "CARDINAL"))
        # "a number of activists were detained", "a handful of protesters" (not "the number of")
        or (
            token.lower_ in _SOME_COUNT
            and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)
            and _of_people(token, onto.person_nouns)
        )
    )
    # "Hundreds have been detained", "One of the three has since been freed", "arrested one of the suspects"
    counted = number and (token.dep_ in ("nsubj", "nsubjpass") or _of_people(token, onto.person_nouns))
    # "arrested a suspect": the tagger sometimes reads a person noun as an adjective
    nominal = token.pos_ in ("NOUN", "PROPN") or (
        token.pos_ == "ADJ" and token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj")
    )
    aged = token.lower_ == "old" and any(c.lower_ in ("year", "years") for c in token.children)
    named = _named_count(token)  # "the Tashkent Four", "the Minsk Five": a group known by its number
    if counted_arrests(token):
        counted = True  # "police made three arrests": the three held, known only by their arrests
    if not counted and not aged and not named and (not nominal or not _people_noun(token, onto.person_nouns)):
        return None  # ("a 16-year-old" is someone)
    if token.ent_type_ in ("PERSON", "ORG", "GPE") and not named:
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
    count = next((c.lower_ for c in token.children if c.dep_ == "nummod"), "")
    for ent in index.entities:
        if ent.kind != "group":
            continue
        ent_head = ent.attributes.get("head")
        known = str(ent.attributes.get("count", ""))
        if ent_head == head and not (
            count and known and count != known
        ):  # "50 people" are not "eight people"
            if count and not known:
                ent.attributes["count"] = count
            index.add_mention(ent.id, start, end)
            if len(name) > len(ent.name):
                _add_alias(ent, ent.name)
                ent.name = name
            return ent.id
    ent_id = index.new_entity("group", name, start, end)
    grp = index.by_id(ent_id)
    grp.attributes["head"] = head
    if count:
        grp.attributes["count"] = count
    grp.attributes["plural"] = token.tag_ in ("NNS", "NNPS") or counted
    gaz = load_gazetteer()
    for t in span:
        country = gaz.country_of(t.text)
        if country and t.text not in gaz.countries:
            grp.attributes["nationality"] = country
    for child in token.children:
        if child.dep_ == "poss":
            owner = referent_of(child, index)
            if owner and owner != ent_id:
                grp.attributes["of"] = owner
    return ent_id


# A report's lead (headline, first paragraph) speaks of its main person before naming them.
LEAD_SENTENCES = 2
# nouns for someone who does something: "distributor", "financier", "activist", "campaigner"
_AGENT_NOUN = re.compile(rf"{EN.alternation('agent_noun_endings')}$")


_ARRESTS = EN.set("nouns.arrests")


def counted_arrests(token: Token) -> bool:
    """ "two more arrests", "50 arrests", "several detentions": arrests counted, which stand for the
    people arrested when no one is named."""
    return (
        token.tag_ == "NNS"
        and token.lemma_.lower() in _ARRESTS
        and any(
            (c.dep_ == "nummod" and c.pos_ == "NUM")
            or (c.dep_ == "amod" and c.lower_ in load_ontology().count_words)
            for c in token.children
        )
    )


def child_dep(token: Token, dep: str) -> bool:
    return any(c.dep_ == dep for c in token.children)


def _named_in_np(token: Token, index: EntityIndex) -> str | None:
    """The person a noun phrase names in apposition ("The Californian man, Nicholas Lee Jacobsen")
    or in a relative clause ("The rapper, whose real name is X")."""
    clauses = {token.i} | {c.i for c in token.children if c.dep_ == "relcl"}
    # "A man, named locally as X, ...", "a woman who was identified as X": the name given to him
    naming = {c.i for c in token.children if c.dep_ in ("acl", "relcl") and c.lemma_ in _NAMING}
    for t in token.subtree:
        named_as = t.dep_ == "pobj" and t.head.lower_ == "as" and any(a.i in naming for a in t.head.ancestors)
        # "the editor of Kloop, X": the parser hangs the name on the body the person works for
        of_body = (
            t.dep_ == "appos"
            and t.head.dep_ == "pobj"
            # "One of the three, X, has since been freed": the name hangs on the count's "of" too
            # "the mayor of Taraz, X", "the mother of two, X": on the place or the count too
            and (t.head.ent_type_ in ("ORG", "GPE") or token.pos_ == "NUM" or t.head.pos_ == "NUM")
            and t.head.head.lower_ == "of"
            and t.head.head.head.i == token.i
        )
        if (
            (t.dep_ == "appos" and t.head.i == token.i)
            or (t.dep_ == "attr" and t.head.i in clauses)
            or named_as
            or of_body
        ):
            ent = index.at(t.idx, t.idx + len(t.text))
            if ent is not None and index.kind(ent) == "person":
                return ent
    return None


_NAMING = EN.set("verbs.naming")


_NUMBER_WORDS = frozenset(EN.numbers("numbers")) | frozenset(EN.numbers("counts"))


def _people_noun(token: Token, person_nouns: frozenset[str]) -> bool:
    """A noun for people: 'suspects', and the plural of a demonym or an ethnic group ('25 Eritreans')."""
    if token.lemma_.lower() in person_nouns:
        return True
    gaz = load_gazetteer()
    return token.tag_ in ("NNS", "NNPS") and (
        token.lower_ in gaz.demonyms
        or token.lemma_.lower() in gaz.ethnic_groups
        or token.lower_ in gaz.ethnic_groups
    )


def _of_people(token: Token, person_nouns: frozenset[str]) -> bool:
    """'one of the suspects', 'two of the men'."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() in person_nouns:
                return True
    return False


def _named_count(token: Token) -> bool:
    """'the Tashkent Four': a capitalised number after a proper name, with 'the'."""
    number = (token.lower_ in _NUMBER_WORDS and token.text[:1].isupper()) or token.text.isdigit()
    return (
        number
        and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children)
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    )


def _root_at(doc: Doc, start: int, end: int) -> Token | None:
    """The head word of the name at START..END."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None else None


def _related_in(token: Token, start: int, end: int) -> bool:
    """The name at START..END hangs from TOKEN's phrase by a preposition: "a friend of X" is X's friend."""
    t = _root_at(token.doc, start, end)
    if t is None:
        return False
    through_prep = False
    while t.i != token.i and t.head.i != t.i:
        through_prep = through_prep or t.dep_ == "prep"
        t = t.head
    return t.i == token.i and through_prep


def _tells(token: Token, start: int, end: int, cues: frozenset[str]) -> bool:
    """The name at START..END is the subject of a speech verb that tells of TOKEN's clause ("A man
    was sentenced ..., announced U.S. Attorney X"); not of one TOKEN is itself an argument of, which
    is a misparsed apposition ("The jailed tycoon Mikhail Orlov wrote ...")."""
    root = _root_at(token.doc, start, end)
    if root is None:
        return False
    while root.dep_ in ("compound", "appos", "flat") and root.head.i != root.i:
        root = root.head
    verb = root.head
    if verb.lemma_.lower() not in cues or verb.i == token.head.i:
        return False
    # "..., said X" is often parsed with X as the object of the speech verb
    inverted = root.dep_ == "dobj" and verb.i < root.i and not any(c.dep_ == "nsubj" for c in verb.children)
    return root.dep_ == "nsubj" or inverted


def _one_of_a_pair(doc: Doc, start: int, end: int) -> bool:
    """The name at START..END is joined to another by "and" ("X and Y were sentenced"): a singular
    description ("a prisoner") names one person alone, so the pair are others (the officers)."""
    root = _root_at(doc, start, end)
    return root is not None and (root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children))


def _sentence_number(index: EntityIndex, pos: int) -> int:
    return bisect.bisect_right(index.sent_starts, pos) - 1


def _aside_in_sentence(token: Token, start: int, end: int) -> bool:
    """A name later in the description's own sentence that only owns something or follows a
    preposition: "A demonstrator is arrested ... while rallying against President X's government"
    is not X."""
    sent = token.sent
    if not sent.start_char <= start < sent.end_char:
        return False
    root = _root_at(token.doc, start, end)
    if root is None:
        return False
    # a possessor, or the object of a preposition ("against X", "of X's government"); not "as X"
    if root.dep_ == "poss" or (root.dep_ == "pobj" and root.head.lower_ != "as"):
        return True
    # an object inside the clause the description is the subject of: "A former guard was sentenced
    # for beating inmate X to death" (the guard beat X; he is not X)
    verb = token.head
    if token.dep_ not in ("nsubj", "nsubjpass") or not verb.left_edge.i <= root.i <= verb.right_edge.i:
        return False
    inner = root.head
    while inner.pos_ not in ("VERB", "AUX") and inner.head.i != inner.i:
        inner = inner.head
    return (
        inner.i != verb.i and inner.dep_ in ("pcomp", "advcl", "xcomp", "acl", "relcl") and inner.i > token.i
    )


_OF_A_VICTIM = EN.set("nouns.of_a_victim")


def _of_a_noun(doc: Doc, start: int, end: int) -> bool:
    """A name that is what a crime or a kinship is "of" ("the murder of Sarah Lane", "the wife of X"):
    a victim or a relative the phrase is about, not the one a description before it stands for
    ("Teenager charged with murder"); "the trial of X" is X's, and stays a candidate."""
    root = _root_at(doc, start, end)
    return (
        root is not None
        and root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.lemma_.lower() in _OF_A_VICTIM
    )


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
    if here > LEAD_SENTENCES or not (
        head in onto.person_nouns | onto.occupations | onto.titles or _AGENT_NOUN.search(head)
    ):
        return None  # in the body a description refers back ("the rapper"), as _definite_np reads it
    # the first person the report names after the description, in the sentences that follow it; not
    # one named inside the description ("a friend of X") nor the one who tells it ("announced X")
    speech = onto.claim_cues - onto.weak_cues
    later = sorted(
        (
            m
            for m in index.mentions
            if m.start > token.idx
            and index.kind(m.entity) == "person"
            and not _related_in(token, m.start, m.end)
            and not _tells(token, m.start, m.end, speech)
            and not _one_of_a_pair(token.doc, m.start, m.end)
            and not _aside_in_sentence(token, m.start, m.end)
            and not _of_a_noun(token.doc, m.start, m.end)
        ),
        key=lambda m: m.start,
    )
    if later and _sentence_number(index, later[0].start) - here <= LEAD_SENTENCES:
        return later[0].entity
    return None
