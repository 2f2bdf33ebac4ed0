"""Events of the ontology's types, each with the sentence that states it.

`match_triggers` finds candidate words (verbs, nouns and fixed phrases from
ontology.yaml); `build_event` reads the participants from the parse; events
that are hypothetical, negated, merely sought or purposes ("to enter") are
dropped, and repeated mentions of one event are merged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from casework.extract.entities import EntityIndex, described_person, group_entity, referent_of
from casework.extract.entities.coreference import (
    LEAD_SENTENCES,
    antecedent_besides,
    client_of,
    counted_arrests,
    relative_of,
)
from casework.extract.groups import group_members
from casework.extract.subject_ranker import best_subject
from casework.extract.syntax import (
    SUBJECTS,
    child,
    clause_subject,
    governing_verb,
    is_passive,
    subtree_span,
    with_conjuncts,
)
from casework.languages import words
from casework.model import Entity, Event, EventDate, Timex
from casework.nlp import text_of
from casework.ontology import EventType, Ontology, load_ontology, types_with

EXTRACTOR = "casework.events.v1"
RANKER = "casework.subject_ranker.v1"
EN = words("en")  # the English pack: these components serve English
_FUTURE = EN.set("auxiliaries.future")
_AHEAD = EN.set("timex.ahead_of_today")
_PURPOSE_OK = EN.set("verbs.purpose")
_GROUNDS = re.compile(rf"\b{EN.alternation('grounds_phrases')}\s+[^.;,]+", re.I)


@dataclass
class Trigger:
    type: EventType
    token: Token
    via: str  # "verb", "noun" or "phrase"
    text: str


_TRIGGER_INDEX: dict[int, tuple[Ontology, dict[str, list[EventType]], dict[str, list[EventType]]]] = {}


def _trigger_index(onto: Ontology) -> tuple[dict[str, list[EventType]], dict[str, list[EventType]]]:
    """Lemma -> event types, for verbs and nouns: one lookup per token instead of a scan of every type."""
    cached = _TRIGGER_INDEX.get(id(onto))
    if cached is None or cached[0] is not onto:
        verbs: dict[str, list[EventType]] = {}
        nouns: dict[str, list[EventType]] = {}
        for et in onto.events.values():
            for lemma in et.verbs:
                verbs.setdefault(lemma, []).append(et)
            for lemma in et.nouns:
                nouns.setdefault(lemma, []).append(et)
        cached = _TRIGGER_INDEX[id(onto)] = (onto, verbs, nouns)
    return cached[1], cached[2]


def _participle_of(word: str, verbs: dict[str, list[EventType]]) -> list[EventType]:
    """The event types of the verb a past participle comes from: 'jailed' -> jail, 'kidnapped' -> kidnap."""
    if not word.endswith("ed"):
        return []
    for base in (word[:-2], word[:-1], word[:-3]):  # jail-ed, free-d, kidnap-ped
        if base in verbs:
            return verbs[base]
    return []


_MOTION = EN.set("prepositions.motion")
_RUSHING = EN.set("verbs.rushing")
_CUSTODY_PLACES = EN.set("custody_places")


def _run_at(prep: Token) -> bool:
    """ "charged at the crowd", "charged into protesters": a run at people, not a hearing at a
    named court ("the two men charged at Leeds Crown Court")."""
    obj = child(prep, "pobj")
    return (
        prep.lower_ in _MOTION
        and obj is not None
        and obj.pos_ == "NOUN"
        and obj.lemma_.lower() not in _CUSTODY_PLACES
    )


def _after_those(tok: Token) -> bool:
    """ "those freed", "those detained": a participle standing for the people it happened to."""
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ in _MEMBERS_OF and tok.lower_.endswith("ed")


def match_triggers(sent: Span, onto: Ontology) -> list[Trigger]:
    """Every word or phrase in the sentence that can name an event."""
    found: list[Trigger] = []
    verbs, nouns = _trigger_index(onto)
    for tok in sent:
        lemma = tok.lemma_.lower()
        by_verb, by_noun = verbs.get(lemma, ()), nouns.get(lemma, ())
        if not by_verb and not by_noun and tok.tag_ == "JJ" and tok.dep_ == "amod":
            by_verb = _participle_of(lemma, verbs)  # "jailed opposition leader X": tagged an adjective
        if not by_verb and not by_noun and tok.pos_ == "NOUN" and _after_those(tok):
            by_verb = _participle_of(lemma, verbs)  # "Among those freed was X": tagged a noun
        if not by_verb and not by_noun:
            continue
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
        particle = any(
            c.dep_ == "prt" or (c.dep_ == "prep" and not passive and lemma in _RUSHING and _run_at(c))
            for c in tok.children
        )
        has_object = any(c.dep_ in ("dobj", "ccomp") for c in tok.children)
        for et in onto.events.values():
            if (particle and lemma in et.without_particle) or (has_object and lemma in et.transitive_not):
                continue
            if tok.pos_ in ("VERB", "AUX") and et in by_verb:
                found.append(Trigger(et, tok, "verb", tok.text))
            elif (
                tok.pos_ in ("NOUN", "PROPN")
                and et in by_noun
                # a crowd's noun opening a sentence is often a generic one ("Demonstrations at X are
                # a sensitive matter"): only a person's event is read there
                and (tok.text[:1].islower() or (et.person_subject and _opens(tok, sent)))
            ):
                if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
                    continue  # "riot police", "arrest warrant", "murder trial": a modifier, not an event
                if et.noun_context and not _in_context(tok, et.noun_context):
                    continue
                found.append(Trigger(et, tok, "noun", tok.text))
            elif (
                ((tok.tag_ in ("VBN", "JJ") and tok.dep_ == "amod") or _after_those(tok))
                and et in by_verb
                and tok.lower_ not in verbs
            ):
                # "the jailed tycoon", not "free people": a participle, not the verb's bare form
                found.append(Trigger(et, tok, "verb", tok.text))
    sent_text = text_of(sent.doc)[sent.start_char : sent.end_char]
    for et in onto.events.values():
        for rx in et.phrases:
            for m in rx.finditer(sent_text):
                span = sent.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is None:
                    continue
                head = span.root
                if head.pos_ in ("ADP", "DET", "PART") and head.head is not head:
                    head = head.head  # "on bail" -> "is"
                found.append(Trigger(et, head, "phrase", m.group(0)))
    # one trigger per (type, token)
    seen: set[tuple[str, int]] = set()
    out = []
    for t in found:
        key = (t.type.name, t.token.i)
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out


def _opens(tok: Token, sent: Span) -> bool:
    """A common noun capitalised only because it opens its sentence or a quotation ("Charges of
    treason were brought ..."); not a Title Case headline word nor a name ("Arrest Of Rapper")."""
    if tok.pos_ != "NOUN" or not tok.text[1:].islower():
        return False
    before = tok.doc[tok.i - 1] if tok.i > sent.start else None
    opening = before is None or before.is_quote or before.text in ("(", "-", "—", ":")
    # a Title Case line capitalises its small words too ("Arrest Of Rapper")
    return opening and not any(
        t.is_title and t.is_stop for t in tok.doc[tok.i + 1 : min(tok.i + 4, sent.end)]
    )


def _around(sent: Span) -> str:
    """The sentence with the one before and the one after: the context a phrase needs."""
    doc = sent.doc
    start = doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    end = doc[sent.end].sent.end_char if sent.end < len(doc) else sent.end_char
    return text_of(doc)[start:end]


def _in_context(tok: Token, words: frozenset[str]) -> bool:
    return tok.head.lower_ in words or any(c.lower_ in words for c in tok.children)


def _words_near(tok: Token, width: int = 4) -> set[str]:
    sent = tok.sent
    lo, hi = max(sent.start, tok.i - width), min(sent.end, tok.i + width + 1)
    return {t.lower_ for t in tok.doc[lo:hi]} | {t.lemma_.lower() for t in tok.doc[lo:hi]}


def _mentions_word(text: str, words: frozenset[str]) -> bool:
    low = text.lower()
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", low) for w in words)


def _presupposed(tok: Token, onto: Ontology) -> bool:
    """A clause or phrase that says when or why ("after three fans were arrested", "since his
    release") states a fact, whatever the modality of the clause it hangs from ("could face action
    after ...")."""
    if tok.pos_ in ("VERB", "AUX"):
        if tok.dep_ == "acl" and _reduced_passive(tok):
            return True  # "is due to appear in court charged with assault": charged now, whatever comes
        # not "fled before he could be arrested": a modal in the clause says it did not happen
        return (
            tok.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ in onto.presupposing for c in tok.children)
            and not any(c.dep_ in ("aux", "auxpass") and c.lower_ in onto.modals for c in tok.children)
        )
    if tok.dep_ != "pobj":
        return False
    if tok.head.lower_ in onto.presupposing:
        return True
    # what someone is (not) held or charged over happened: "nobody has been charged over the killing
    # of X", "no one was detained in connection with the murder"
    prep = tok.head
    if prep.lower_ == "with" and prep.head.lower_ == "connection" and prep.head.head.dep_ == "prep":
        prep = prep.head.head
    elif prep.lower_ not in _GROUNDS_PREPS:
        return False
    verb = prep.head
    return verb.pos_ == "VERB" and verb.lemma_.lower() in onto.custody_verbs | onto.accusing


def _negative_subject(verb: Token, onto: Ontology) -> bool:
    """'Neither was tried', 'none of them has been charged', 'no one was arrested'."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            # "Neither X nor Y was tried": the "neither" hangs from the first conjunct
            words = {c.lower_} | {g.lower_ for g in c.children if g.dep_ in ("det", "preconj")}
            # "no suspects were arrested": a subject no one answers to
            no = any(g.dep_ == "det" and g.lower_ == "no" for g in c.children)
            return bool(words & onto.nobody) or (c.lower_ == "one" and "no" in words) or no
    return False


def has_term(tok: Token, onto: Ontology) -> bool:
    """'jailed for five years', 'sent to prison for life', 'life imprisonment', 'a ten-year prison
    term': a term is a sentence, not a detention."""
    if tok.pos_ in ("NOUN", "PROPN"):
        return any(
            c.dep_ in ("amod", "compound", "nmod") and c.lemma_.lower() in onto.term_nouns
            for c in tok.children
        )
    for prep in tok.subtree:
        if prep.dep_ == "prep" and prep.lower_ == "for" and prep.head.i in (tok.i, tok.head.i):
            obj = child(prep, "pobj")
            if obj is not None and (
                obj.lemma_.lower() in onto.term_nouns
                or any(t.lemma_.lower() in onto.term_nouns for t in obj.subtree)
            ):
                return True
    return False


_BEFORE_VERDICT = EN.set("nouns.before_verdict")
_COURTS = EN.set("nouns.hearers") | EN.set("nouns.courts")
_VERDICTS = EN.set("nouns.verdicts")


def _jailed_by_a_court(tok: Token) -> bool:
    """ "jailed at Leeds Crown Court", "jailed by a judge", "jailed indefinitely", "jailed after
    being convicted of fraud": a court that jails someone passes a sentence, though no term is given."""
    for c in tok.children:
        if c.dep_ == "advmod" and c.lower_ == "indefinitely":
            return True
        if c.dep_ not in ("prep", "agent"):
            continue
        inner = [t.lemma_.lower() for t in c.subtree]
        if c.lower_ in ("at", "by") and set(inner) & _COURTS:
            return True
        if c.lower_ == "after" and set(inner[1:4]) & _VERDICTS:  # lemmas: "after being convicted"
            return True
    return False


def _before_verdict(tok: Token) -> bool:
    """'jailed pending trial', 'held without charge for two weeks': custody before any verdict."""
    return bool({t.lower_ for t in tok.subtree} & _BEFORE_VERDICT)


_SEEKING = EN.set("nouns.seeking")
_NOT_QUITE = EN.set("not_quite")


def _seeks(head: Token) -> bool:
    """A word that asks for something ("warrant", "bid"), or a verb whose object or subject is one."""
    if head.lower_ in _SEEKING:
        return True
    return head.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("dobj", "nsubjpass") and c.lower_ in _SEEKING for c in head.children
    )


def is_irrealis(tok: Token, onto: Ontology, realis: frozenset[str] = frozenset()) -> bool:
    """Hypothetical, negated, sought or purposive: not an event that happened. `realis` are the
    governors after which this type's event did happen ("faces charges" is a charge brought)."""
    if _presupposed(tok, onto):
        return False
    governors = onto.governors - realis
    cur: Token | None = tok if tok.pos_ in ("VERB", "AUX") else governing_verb(tok)
    if tok.pos_ not in ("VERB", "AUX"):
        if cur is not None and cur.lemma_.lower() in governors and _argument_of_verb(tok):
            return True
        # "no charges", "without arrest"
        if any(c.lower_ in ("no", "without") for c in tok.children):
            return True
        if tok.head.lower_ == "without":
            return True
        if tok.dep_ == "pobj" and tok.head.lower_ == "for" and _seeks(tok.head.head):
            return True  # "a warrant for the arrest of X", "a warrant was issued for his arrest"
        if tok.dep_ == "pobj" and tok.head.lower_ in _UNTIL and cur is not None and _not_yet(cur, onto):
            return True  # "will remain in custody until his trial": the trial is still to come
    hops = 0
    while cur is not None and hops < 3:
        if _negative_subject(cur, onto):
            return True
        for c in cur.children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in onto.modals:
                if c.lower_ in _FUTURE and (cur.lemma_.lower() in onto.continuing or c.lower_ in realis):
                    continue  # "will remain in custody": held now, and still to be; "will stand trial"
                if c.lower_ in _FUTURE_IN_PAST and _ruled_to_go_on(cur, onto):
                    continue  # "the judge said X would remain in custody": as "will", told later
                return True
            if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in _NOT_QUITE):
                return True  # "was not arrested", "was almost arrested"
            if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                return True
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        purposive = cur.dep_ in ("advcl", "xcomp", "acl", "ccomp", "relcl")
        # "was extradited to face charges": brought to face them, so they were brought
        transferred = cur.lemma_.lower() in realis and cur.head.lemma_.lower() in _TRANSFERRING
        if (
            cur.dep_ == "xcomp"
            and cur.tag_ == "VBN"
            and (not infinitive or any(c.dep_ == "auxpass" for c in cur.children))
            and cur.head.lemma_.lower() in _ORDERING
        ):
            # "was ordered held without bail", "the court ordered him to be held for two months":
            # the order holds him (an order to arrest someone does not)
            cur, hops = cur.head, hops + 1
            continue
        if infinitive and purposive and cur.head.lemma_.lower() not in _PURPOSE_OK and not transferred:
            return True
        governed = cur.dep_ in ("xcomp", "ccomp", "advcl", "pcomp")
        if governed and cur.head.lemma_.lower() in governors:
            return True
        if governed and any(c.dep_ == "nsubj" and c.lemma_.lower() in _NARRATIVE for c in cur.head.children):
            return True  # "the story goes that two prisoners are charged": a parable, not a report
        if _presupposed(cur, onto):
            break
        if cur.dep_ in ("xcomp", "ccomp", "advcl", "acl", "conj"):
            cur = cur.head
            hops += 1
            # only climb past a clause boundary for purposive or conjoined verbs
            if hops > 1 and cur.dep_ not in ("xcomp", "conj"):
                break
            continue
        break
    return False


_ARG_PREPS = EN.list("prepositions.argument")
_UNTIL = EN.set("prepositions.until")
_FUTURE_IN_PAST = EN.set("auxiliaries.future_in_past")
_SAYING_OR_RULING = EN.set("verbs.speech") | EN.set("verbs.ordering_custody")


def _not_yet(verb: Token, onto: Ontology) -> bool:
    """The verb speaks of now or of what is to come: a present tense or a modal."""
    return verb.tag_ in ("VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in onto.modals for c in verb.children
    )


def _ruled_to_go_on(verb: Token, onto: Ontology) -> bool:
    """ "The judge said X would remain in custody", "the court ruled he would stay in jail": a state
    that goes on, reported; not "would remain in custody if convicted"."""
    return (
        verb.lemma_.lower() in onto.continuing
        # in custody, not "would continue protests": a state that lasts
        and any(
            c.dep_ == "prep" and (child(c, "pobj") or c).lemma_.lower() in _CUSTODY_TERMS | _CUSTODY_PLACES
            for c in verb.children
        )
        and verb.dep_ == "ccomp"
        and verb.head.lemma_.lower() in _SAYING_OR_RULING
        and not any(
            c.dep_ == "advcl" or (c.dep_ == "mark" and c.lower_ in ("if", "unless")) for c in verb.children
        )
    )


_TRANSFERRING = EN.set("verbs.transferring")
_NARRATIVE = EN.set("nouns.narrative")
_CAPTORS = EN.set("nouns.captors")
_FIGURATIVE = EN.set("verbs.figurative_holding")


def _no_captor(tok: Token) -> bool:
    """An active verb of holding whose subject cannot hold anyone: 'the dilemma has captured
    economists', 'the film captured the mood'. A name, a pronoun or a word for captors can."""
    if tok.pos_ != "VERB" or is_passive(tok) or tok.lemma_.lower() not in _FIGURATIVE:
        return False
    subj = child(tok, "nsubj")
    if subj is None:
        return False
    if subj.pos_ in ("PRON", "PROPN") or subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return False
    words = {subj.lemma_.lower()} | {c.lemma_.lower() for c in subj.children if c.dep_ == "compound"}
    return not words & (_CAPTORS | load_ontology().person_nouns)


def _argument_of_verb(tok: Token) -> bool:
    """Whether a noun is an argument of its verb (not buried in 'about the arrest of X')."""
    if tok.dep_ in ("dobj", "attr", "nsubj", "nsubjpass", "ROOT"):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ in _ARG_PREPS and tok.head.head.pos_ in ("VERB", "AUX")


def _about_target(tok: Token) -> list[Token]:
    """What a diplomatic act or demand is about: 'summoned ... about the detention of X' -> X."""
    scope = [tok]
    verb = tok if tok.pos_ in ("VERB", "AUX") else governing_verb(tok)
    if verb is not None:
        scope.append(verb)
    for head in scope:
        for t in head.subtree:
            if t.dep_ == "prep" and t.lower_ in ("about", "over", "regarding", "concerning"):
                obj = child(t, "pobj")
                if obj is None:
                    continue
                of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                inner = child(of, "pobj") if of is not None else None
                poss = child(obj, "poss")
                return with_conjuncts(inner or poss or obj)
    return []


_PLURAL_PRONOUNS = EN.set("pronouns.plural")
_COUNSEL = EN.set("nouns.counsel")
_GROUNDS_PREPS = EN.set("prepositions.grounds")


def _gapped(verb: Token) -> list[Token]:
    """ "A was jailed for six years and his brother B for four": the verb left out of the second
    clause, which the parser shows as a noun conjoined to the verb itself."""
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    return [
        c
        for c in verb.children
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and c.i > verb.i and _may_be_someone(c)
    ]


def _speaker_of_clause(tok: Token) -> Token | None:
    """The subject of the speech verb whose reported clause TOKEN is the subject of."""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = tok.head
    cue = clause.head if clause.dep_ == "ccomp" else None
    if cue is None or cue.lemma_.lower() not in load_ontology().claim_cues:
        return None
    return child(cue, "nsubj")


def _represented(tok: Token) -> Token | None:
    """ "Lawyers for the three men said they ...", "A lawyer for X said he ...": the one the counsel
    speaks for, when the pronoun's number fits."""
    speaker = _speaker_of_clause(tok)
    if speaker is None or speaker.lemma_.lower() not in _COUNSEL:
        return None
    prep = next((c for c in speaker.children if c.dep_ == "prep" and c.lower_ in ("for", "of")), None)
    client = child(prep, "pobj") if prep is not None else None
    if client is None or not _may_be_someone(client):
        return None
    plural = client.tag_ in ("NNS", "NNPS") or len(with_conjuncts(client)) > 1
    return client if plural == (tok.lower_ in _PLURAL_PRONOUNS) else None


def _speaking_for(tok: Token, index: EntityIndex) -> str | None:
    """Who speaks the clause a pronoun is the subject of, when they speak for someone else (a lawyer,
    a spokesman, an institution): "Lawyers for the three men said they had been held"."""
    speaker = _speaker_of_clause(tok)
    if speaker is None or speaker.lemma_.lower() not in _SPEAKS_FOR:
        return None
    return referent_of(speaker, index)


def _headline_told_again(events: list[Event], doc: Doc, index: EntityIndex) -> list[Event]:
    """ "Singer arrested over assault" above "Pop singer X has been arrested over ...": a headline's
    event with only a description for its subject is the one its lead tells with the name; it is
    cited there, not counted twice (nor is "Singer" someone of its own)."""
    text = text_of(doc)
    title_end = text.find("\n")
    if title_end <= 0 or text[:title_end].rstrip().endswith((".", "!", "?", ":")):
        return events
    sents = list(doc.sents)
    if len(sents) < 2:
        return events
    lead_end = sents[min(len(sents) - 1, LEAD_SENTENCES)].end_char
    out = []
    for e in events:
        described = bool(e.subject) and all(index.kind(s) == "group" for s in e.subject)
        if e.sentence[0] == 0 and e.sentence[1] <= title_end + 1 and described:
            told = [b for b in events if b.type == e.type and title_end < b.sentence[0] < lead_end]
            if told:
                for b in told:
                    also = b.attributes.setdefault("also_in", [])
                    if isinstance(also, list):
                        also.append([e.sentence[0], e.sentence[1]])
                continue
        out.append(e)
    return out


_ANSWERING = EN.set("verbs.answering_charges")


def _answered_charge(noun: Token, et: EventType) -> bool:
    """A noun that is what a plea, a denial or an admission answers ("pleaded not guilty to murder",
    "denies murder"), unless the type takes such a verb as stating it ("denies the charges") or the
    noun names its own victim ("admitted the killing of X": X was killed)."""
    if any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") for c in noun.children):
        return False
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "to" else noun.head
    if verb.dep_ == "acomp":
        verb = verb.head  # "pleaded not guilty to murder": "to" hangs on "guilty"
    if noun.dep_ not in ("dobj", "pobj") or verb.pos_ not in ("VERB", "AUX"):
        return False
    lemma = verb.lemma_.lower()
    return lemma in _ANSWERING and lemma not in et.realis_governors


def _accused_of(tok: Token, index: EntityIndex) -> str | None:
    """The one charged with, jailed for or accused of the act a noun names ("X was charged with her
    murder": X), when the noun is in what someone is accused of."""
    onto = load_ontology()
    if tok.pos_ != "NOUN" or not _in_grounds(tok, onto.accusing):
        return None
    verb = next((a for a in list(tok.ancestors)[:5] if a.lemma_.lower() in onto.accusing), None)
    subj = None if verb is None else child(verb, "nsubjpass", "dobj")
    return referent_of(subj, index) if subj is not None else None


_ARRESTS = EN.set("nouns.arrests")


def _after_own_arrest(tok: Token) -> bool:
    """ "died hours after his arrest", "died following their detention": a death that follows the
    person's own arrest is one in custody."""
    for c in tok.children:
        # "following" is a preposition or, to the parser, often a verb with the arrest its object
        if (c.dep_ == "prep" and c.lower_ in ("after", "following")) or (
            c.dep_ == "advcl" and c.lower_ == "following"
        ):
            obj = child(c, "pobj", "pcomp", "dobj")
            if (
                obj is not None
                and obj.lemma_.lower() in _ARRESTS
                and any(g.dep_ == "poss" and g.pos_ == "PRON" for g in obj.children)
            ):
                return True
    return False


def _alongside(verb: Token) -> list[Token]:
    """ "X was arrested along with Y", "X was freed together with his brother": Y shares the event."""
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    out: list[Token] = []
    for tok in verb.subtree:
        if (
            tok.lower_ != "with"
            or tok.dep_ != "prep"
            or tok.i == 0
            or tok.doc[tok.i - 1].lower_ not in ("along", "together")
        ):
            continue
        # hung on the verb, on "along", or on a phrase of the verb ("jailed for six years along with
        # Y"), but not inside a clause of its own (the subtree holds only the verb's descendants)
        above = list(tok.ancestors)
        path = above[: above.index(verb)]
        if len(path) > 3 or any(a.pos_ in ("VERB", "AUX") for a in path):
            continue
        obj = child(tok, "pobj")
        if obj is not None and _may_be_someone(obj):
            out.extend(with_conjuncts(obj))
    return out


_BRINGING = EN.set("verbs.bringing")
_CHALLENGES = EN.set("nouns.challenges")


def _brought_against(noun: Token) -> Token | None:
    """Whom a charge or a sentence is brought against, handed to or imposed on, when the verb
    that brings it names them ("charges were filed against X", "the sentence handed down to X",
    "the term imposed on X"), or whose challenge it is ("X lost his appeal against a sentence")."""
    verbs = [c for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in _BRINGING]
    if noun.dep_ in ("nsubjpass", "nsubj", "dobj") and noun.head.lemma_.lower() in _BRINGING:
        verbs.append(noun.head)
    elif noun.dep_ == "dobj":
        verbs.append(noun.head)  # "dropped all charges against him": "against" hung on the verb
    for verb in verbs:
        for prep in verb.children:
            obj = (
                child(prep, "pobj")
                if prep.dep_ == "prep"
                and (
                    prep.lower_ == "against"
                    or (prep.lower_ in ("on", "to") and verb.lemma_.lower() in _BRINGING)
                )
                else None
            )
            if obj is not None and _may_be_someone(obj):
                return obj
    if noun.dep_ == "pobj" and noun.head.lower_ in ("against", "to"):
        # the challenge the preposition hangs from, or the verb's object when the parser hung it there
        owner = noun.head.head
        if owner.pos_ in ("VERB", "AUX"):
            owner = child(owner, "dobj") or owner
        if owner.lemma_.lower() in _CHALLENGES:
            return child(owner, "poss")
    return None


def _owner(noun: Token, poss: Token) -> list[Token]:
    """Whose NOUN is: "X and Y are serving their sentences" - a possessive pronoun in the object is
    bound by the clause's own subject, when their number agrees, before any earlier antecedent."""
    verb = noun.head
    if poss.pos_ != "PRON" or noun.dep_ != "dobj" or verb.pos_ not in ("VERB", "AUX"):
        return [poss]
    subj = clause_subject(verb)
    if subj is None or subj.pos_ == "PRON":
        return [poss]
    subjects = with_conjuncts(subj)
    plural = len(subjects) > 1 or subj.tag_ in ("NNS", "NNPS")
    return subjects if plural == (poss.lower_ in _PLURAL_PRONOUNS) else [poss]


def _subject_tokens(trig: Trigger) -> list[Token]:
    tok = trig.token
    et = trig.type
    if trig.via == "noun" or (trig.via == "phrase" and tok.pos_ in ("NOUN", "PROPN")):
        poss = child(tok, "poss")
        if poss is not None:
            return _owner(tok, poss)
        # "the trial and conviction of X", "the arrest and detention of X": conjoined nouns share "of X"
        shared = [tok.head] if tok.dep_ == "conj" and tok.head.pos_ == "NOUN" else []
        # "by" gives who acts: the one who confesses, not the one held ("custody by the judge")
        preps = ("of", "against", "for", "by") if et.role == "actor" else ("of", "against", "for")
        # "the death in custody of X": the custody's "of X" is whose death it was
        held_in = [
            g
            for p in tok.children
            if p.dep_ == "prep" and p.lower_ == "in"
            for o in p.children
            if o.dep_ == "pobj" and o.lemma_.lower() in _CUSTODY_TERMS
            for g in o.children
        ]
        for prep in [*tok.children, *(c for h in shared for c in h.children if c.i > tok.i), *held_in]:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                obj = child(prep, "pobj")
                if obj is not None and _may_be_someone(obj):  # not "a sentence for the murder"
                    return with_conjuncts(obj)
                # "a measure of restraint for X": the one it is for, one phrase further in
                inner = next(
                    (
                        child(p, "pobj")
                        for p in (obj.children if obj is not None and prep.lower_ == "of" else [])
                        if p.dep_ == "prep" and p.lower_ in ("for", "against")
                    ),
                    None,
                )
                if inner is not None and _may_be_someone(inner):
                    return with_conjuncts(inner)
        brought = _brought_against(tok)
        if brought is not None:
            return with_conjuncts(brought)
        for c in tok.children:
            if c.dep_ in ("compound", "amod") and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN"):
                return [c]
        if tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.head.dep_ == "nsubj":
            named = _among(tok.head.head)  # "Those in custody include X": X
            if named is not None:
                return with_conjuncts(named)
        if tok.dep_ == "nsubj" and tok.head.lemma_ == "be":  # "the arrest was that of X", "... was X"
            named = _copula_subject(tok.head)
            if named is not None:
                return with_conjuncts(named)
        verb = governing_verb(tok)
        if verb is not None and tok.dep_ == "dobj" and verb.lemma_.lower() in et.undone_by:
            return []  # "prosecutors dropped the charges": the ones who undo it are not its subject
        if verb is not None and tok.dep_ == "dobj" and verb.lemma_.lower() in et.realis_governors:
            # "Karimov denies the charges", "who faces charges of fraud": the one who denies or faces
            # them is the one charged (not a lawyer or spokesman who denies them for someone)
            subj = clause_subject(verb)
            if subj is not None and subj.lemma_.lower() not in _SPEAKS_FOR:
                return with_conjuncts(subj)
            return []
        if verb is not None and tok.dep_ == "pobj" and tok.head.lower_ == "on" and tok.head.head.i != tok.i:
            # "awaiting trial on charges of fraud", "held on charges of": the one tried or held
            held = child(verb, "nsubjpass")
            obj = child(verb, "dobj")
            who = held or (obj if obj is not None and _may_be_someone(obj) else None) or clause_subject(verb)
            if who is not None and who.lemma_.lower() not in _SPEAKS_FOR:
                return with_conjuncts(who)
        if verb is not None and verb.lemma_.lower() in _COMPLAINING and tok.head.lower_ == "of":
            subj = clause_subject(verb)  # "X complained of ill-treatment": the one who suffered it
            if subj is not None and subj.lemma_.lower() in _SPEAKS_FOR:
                subj = child(subj, "poss")  # "X's lawyer complained of ill-treatment": X's
            return with_conjuncts(subj) if subj is not None else []
        if verb is not None and verb.lemma_.lower() in load_ontology().claim_cues:
            return []  # "witnesses told the trial", "his lawyer denied the arrest": speakers, not subjects
        if (
            verb is not None
            and tok.dep_ == "dobj"
            and et.role == "patient"
            and verb.lemma_.lower() in _PERFORMING
        ):
            # "police have made two arrests": the subject makes them; those held are known by their count
            return [tok] if counted_arrests(tok) else []
        if tok.dep_ == "attr" and tok.head.lemma_ == "be" and child(tok.head, "expl") is not None:
            return [tok] if counted_arrests(tok) else []  # "there have been 50 arrests since January"
        if (
            verb is not None
            and tok.dep_ == "pobj"
            and tok.head.lower_ in _GROUNDS_PREPS
            and (
                verb.lemma_.lower() in load_ontology().custody_verbs | load_ontology().accusing
                # "was given life for the murder", "received 10 years for the killing": a term's grounds
                or any(
                    c.dep_ == "dobj" and c.lemma_.lower() in load_ontology().term_nouns for c in verb.children
                )
            )
        ):
            return []  # "arrested for the murder", "jailed over the killing": the grounds; no victim named
        if verb is not None and _argument_of_verb(tok):
            given = child(verb, "dative")  # "the judge handed Peterson a 60-month sentence"
            if given is not None and tok.dep_ == "dobj" and _may_be_someone(given):
                return with_conjuncts(given)
            given = _given_to(verb, tok) if et.role == "patient" and tok.dep_ != "nsubj" else None
            if given is not None:
                return with_conjuncts(given)
            if tok.dep_ != "nsubj":
                obj = child(verb, "dobj", "nsubjpass")
                if obj is not None and obj.i != tok.i and (obj.ent_type_ == "PERSON" or et.role == "patient"):
                    return with_conjuncts(obj)
            subj = clause_subject(verb)
            if subj is not None and subj.i != tok.i:
                return with_conjuncts(subj)
        return []
    # verbs (and verbal phrases)
    if tok.dep_ == "pobj" and tok.pos_ == "NOUN":
        named = _among(tok)  # "Among those freed was X"
        return with_conjuncts(named) if named is not None else []
    if _reduced_passive(tok):
        # "appeared in court charged with murder", "is due in court on Monday charged with theft":
        # a bare participle hanging from the place of the hearing is said of the clause's subject
        verb = tok.head.head.head if tok.dep_ == "acl" else tok.head
        subj = clause_subject(verb, through_adjectives=True) if verb.pos_ in ("VERB", "AUX") else None
        return with_conjuncts(subj) if subj is not None else []
    if (
        tok.dep_ in ("amod", "acl")
        # a headline's participle the tagger reads as a past tense ("Kazakhstan: journalist X
        # sentenced to four years", the name the root of the line)
        and (
            tok.tag_ in ("VBN", "JJ")
            or (
                tok.tag_ == "VBD"
                and _name_is_root(tok.head)
                and child(tok, "dobj") is None
                # "The Supreme Court sentenced lawyer X": the verb's own subject is the court
                and (child(tok, "nsubj") is None or (et.role == "patient" and tok.dep_ == "amod"))
            )
        )
        and tok.head.pos_ in ("NOUN", "PROPN", "PRON")
    ):
        head = tok.head
        while head.dep_ == "compound" and head.head.i != head.i:
            head = head.head  # "jailed opposition leader Leopoldo Lopez": the name the words lead to
        among = _among(head)
        if among is not None:
            return with_conjuncts(among)
        return with_conjuncts(head)  # "the detained citizens", "the two men held over the attack"
    if et.role == "patient" and not is_passive(tok) and trig.via == "verb":
        obj = child(tok, "dobj")
        if obj is not None and _held_as(tok, obj):
            # "held John Reed hostage" read as one noun: the name; "X, held hostage for 400 days"
            # read as "X held a hostage": X, the clause's subject, is the one held
            obj = next((c for c in obj.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
        if obj is None:  # "detained X, Tashkent's former mayor,": the parser may hang the object loose
            obj = next(
                (c for c in tok.children if c.dep_ == "npadvmod" and c.ent_type_ == "PERSON" and c.i > tok.i),
                None,
            )
        if obj is None:  # "had arrested or charged teenagers": the object the verbs share
            obj = next(
                (child(c, "dobj") for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"), None
            )
        if obj is not None:
            return with_conjuncts(obj)
        subj = child(tok, "nsubj")
        if (
            subj is not None
            and tok.tag_ in ("VBD", "VBN")
            and not any(c.dep_ in ("aux", "auxpass", "ccomp", "xcomp") for c in tok.children)
            and _may_be_someone(subj)
            and subj.lemma_.lower() not in _SPEAKS_FOR
        ):
            # a headline drops the "was": "Activist Ali Karimov detained in Tashkent", "X freed"
            return with_conjuncts(subj)
        return []
    if et.role == "patient" and trig.via == "phrase" and tok.pos_ == "VERB" and not is_passive(tok):
        obj = child(tok, "dobj")  # "prosecutors accused Ivanov of fraud": the one accused
        small = next((c for c in tok.children if c.dep_ in ("ccomp", "oprd", "xcomp")), None)
        if (
            obj is None
            and small is not None
            and (small.lower_ == "guilty" or child(small, "nsubj") is not None)
        ):
            # "a jury found the former minister guilty", "police let him go": the small clause's
            # subject is the one convicted or freed
            who = child(small, "nsubj")
            return with_conjuncts(who) if who is not None else []
        if obj is not None and _may_be_someone(obj) and not _held_as(tok, obj):
            return with_conjuncts(obj)
        given = _given_to(tok, tok)  # "the judge denied bail to X": X, not the judge
        if given is not None:
            return with_conjuncts(given)
    subj = clause_subject(tok)
    if subj is not None:
        return with_conjuncts(subj)
    return []


_HELD_AS = EN.set("nouns.held_as")


def _given_to(verb: Token, noun: Token) -> Token | None:
    """Whom a court's verb gives the custody to or chooses it for: "the judge denied bail to X",
    "the court chose a measure of restraint in the form of arrest for X" (not the judge)."""
    for prep in verb.subtree:
        if prep.dep_ == "dative" and prep.head.i == verb.i and prep.pos_ in ("PRON", "PROPN"):
            return prep  # "the judge granted him bail"
        if prep.i <= noun.i or prep.dep_ not in ("prep", "dative") or prep.lower_ not in ("to", "for"):
            continue
        obj = child(prep, "pobj")
        if obj is not None and (
            obj.ent_type_ == "PERSON" or (obj.pos_ == "PROPN" and obj.ent_type_ != "GPE")
        ):
            return obj
    return None


def _name_is_root(head: Token) -> bool:
    """The word a misread verb modifies leads, through compounds, to the root of the line: "The
    Supreme Court sentenced lawyer X to 12 years" read as one noun phrase ending in X."""
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    return head.dep_ == "ROOT"


def _held_as(verb: Token, obj: Token) -> bool:
    """'held hostage', 'kept prisoner': a bare noun that says how someone is held, not who is
    ("pardoned 120 prisoners", "held three prisoners" have their objects)."""
    return (
        obj.lemma_.lower() in _HELD_AS
        and verb.lemma_.lower() in ("hold", "keep", "take")
        and not any(c.dep_ in ("det", "nummod", "amod", "poss") for c in obj.children)
    )


def _reduced_passive(tok: Token) -> bool:
    """A past participle with no auxiliary and no subject of its own, after a place of custody, a
    hearing or the terms of a custody ("in court charged with", "held on bail, charged with") or as
    an adverbial clause ("..., charged with theft")."""
    if tok.tag_ != "VBN" or any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "dobj") for c in tok.children
    ):
        return False
    if tok.dep_ == "advcl":
        return True
    head = tok.head
    return (
        tok.dep_ == "acl"
        and head.dep_ == "pobj"
        and head.lemma_.lower() in _CUSTODY_PLACES | _HEARERS | _CUSTODY_TERMS
        and head.head.head.pos_ in ("VERB", "AUX", "ADJ")
    )


_HEARERS = EN.set("nouns.hearers")
_CUSTODY_TERMS = EN.set("nouns.custody_terms")
_POSTS = EN.set("nouns.posts_held_in")
_PERFORMING = EN.set("verbs.performing")
_SPEAKS_FOR = EN.set("nouns.counsel") | EN.set("speakers.spokespeople") | EN.set("speakers.institutions")


def _among(group: Token) -> Token | None:
    """'X was among those detained', 'Among those arrested was X', 'X was one of three men held',
    'One of the men arrested was X', 'Those detained include X': X, not the group."""
    prep = group.head
    if group.dep_ == "nsubj" and prep.lemma_ == "include" and not any(c.dep_ == "neg" for c in prep.children):
        return child(prep, "dobj")  # "Those detained include X and Y"
    if group.dep_ != "pobj" or prep.lower_ not in ("among", "of"):
        return None
    one = prep.head
    if prep.lower_ == "of" and (one.lower_ != "one" or one.dep_ not in ("attr", "nsubj")):
        return None
    verb = one.head if prep.lower_ == "of" else one
    if verb.lemma_ not in ("be", "include") or any(c.dep_ == "neg" for c in verb.children):
        return None  # "X was not among those detained"
    named = [c for c in verb.children if c.dep_ in ("nsubj", "attr") and c.i != one.i]
    return named[0] if named else None


def _copula_subject(be: Token) -> Token | None:
    """Whom 'X was' names: 'One arrest was that of teenager Y' -> Y; 'The first arrest was Y' -> Y."""
    attrs = [a for a in be.children if a.dep_ == "attr"]
    for a in be.children:
        if a.dep_ in ("attr", "npadvmod", "appos") and (a.ent_type_ == "PERSON" or a.pos_ == "PROPN"):
            return a  # a name the parser hangs on the verb beside "that of teenager"
    for a in attrs:
        if a.lower_ in ("that", "those"):
            of = next((c for c in a.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = child(of, "pobj") if of is not None else None
            if obj is not None and _may_be_someone(obj):
                return obj
    return None


def _may_be_someone(tok: Token) -> bool:
    return (
        tok.pos_ in ("PROPN", "PRON", "NUM")
        or tok.ent_type_ == "PERSON"
        or tok.lemma_.lower() in load_ontology().person_nouns
    )


def _agent(trig: Trigger, index: EntityIndex) -> list[str]:
    tok = trig.token
    if not trig.type.has_agent:
        return []
    cands: list[Token] = []
    if trig.via == "verb" and is_passive(tok):
        agent = child(tok, "agent")
        if agent is not None:
            obj = child(agent, "pobj")
            if obj is not None:
                cands = with_conjuncts(obj)
    elif trig.type.role == "patient" or not trig.type.person_subject or trig.via in ("noun", "phrase"):
        verb = tok if trig.via == "verb" else governing_verb(tok)
        if trig.via != "verb" and not _argument_of_verb(tok):
            verb = None
        if trig.via == "noun" and tok.dep_ == "pobj":
            verb = None  # "they had not heard from him since his arrest": not who arrested him
        if verb is not None and not is_passive(verb):
            subj = clause_subject(verb)
            if subj is not None and subj.i != tok.i:
                cands = with_conjuncts(subj)
    out = []
    for c in cands:
        ent = referent_of(c, index) or group_entity(c, index)
        if ent and ent not in out:
            out.append(ent)
    return out


def _place(trig: Trigger, index: EntityIndex, sent: Span) -> str | None:
    tok = trig.token
    moving = "movement" in trig.type.behaviours
    preferred = ("to", "into") if moving else ("in", "at", "to", "into", "near")
    heads = {tok.i} | {c.i for c in tok.children if c.dep_ in ("dobj", "prt")}
    for c in tok.children:  # "arrested by police in Minsk"
        if c.dep_ == "agent":
            heads |= {g.i for g in c.children if g.dep_ == "pobj"}
    for prep_words in (preferred, ("in", "at", "from", "to", "near", "into")):
        for t in tok.subtree:
            if t.dep_ == "pobj" and t.head.lower_ in prep_words and t.head.head.i in heads:
                ent = index.at(t.idx, t.idx + len(t.text))
                if ent and index.kind(ent) == "place":
                    return index.by_id(ent).name
    if moving:
        obj = child(tok, "dobj")  # "enter Kazakhstan"
        if obj is not None:
            ent = index.at(obj.idx, obj.idx + len(obj.text))
            if ent and index.kind(ent) == "place":
                return index.by_id(ent).name
    return None


def _date(trig: Trigger, sent: Span, timexes: list[Timex]) -> EventDate | None:
    tok = trig.token
    lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
    # "released on Monday, three days after his arrest": the arrest is the point counted from, and the
    # clause's date is the release's
    counted_from = (
        tok.dep_ == "pobj" and tok.head.lower_ in _COUNTED_FROM and child(tok.head, "npadvmod") is not None
    )
    if trig.via == "noun" and _argument_of_verb(tok) and not counted_from:
        verb = governing_verb(tok)
        if verb is not None:
            lo = min(lo, verb.idx)
            hi = max(hi, verb.idx + len(verb.text))
            for c in verb.children:
                if c.dep_ in ("prep", "npadvmod") and c.i > verb.i:
                    hi = max(hi, c.right_edge.idx + len(c.right_edge.text))
    ends = [subtree_span(t) for t in sent if t.dep_ == "prep" and t.lower_ in trig.type.end_preps]
    in_sent = [
        t
        for t in timexes
        if sent.start_char <= t.start < sent.end_char
        and t.type == "DATE"
        and not any(lo <= t.start < hi for lo, hi in ends)  # "until last September" is when it ended
    ]
    attached = [t for t in in_sent if lo <= t.start < hi]
    # "released on Monday after his arrest in February": the arrest's own date before its verb's
    own = [
        t for t in attached if tok.left_edge.idx <= t.start < tok.right_edge.idx + len(tok.right_edge.text)
    ]
    pick = (own or attached)[0] if attached else None
    if pick is None and len(in_sent) == 1 and tok.dep_ in ("ROOT", "ccomp", "conj"):
        pick = in_sent[0]
    if pick is None or (pick.value or "").endswith("_REF"):
        return None
    return EventDate(text=pick.text, value=pick.value)


def build_event(
    trig: Trigger, index: EntityIndex, sent: Span, timexes: list[Timex], *, subject: list[str] | None = None
) -> Event | None:
    et = trig.type
    subjects: list[str] = list(subject or [])
    subject_tokens = (
        [] if subject else _subject_tokens(trig) if et.person_subject else _about_target(trig.token)
    )
    if subject_tokens and et.person_subject and trig.via in ("verb", "phrase"):
        subject_tokens += _gapped(trig.token) + _alongside(trig.token)
    subject_tokens = [named for tok in subject_tokens for named in _named_as(tok) or [tok]]
    accused = _accused_of(trig.token, index)
    for tok in subject_tokens:
        ent = _someone(tok, index, et)
        if ent is not None and ent == accused and tok.pos_ == "PRON":
            ent = antecedent_besides(tok, index, accused)  # "X was charged with her murder": not X
        found = [ent] if ent is not None else []
        if tok.pos_ == "PRON" and (ent is None or ent == _speaking_for(tok, index)):
            # "Lawyers for the three men said they had been held": the men, not the lawyers
            client = _represented(tok)
            found = [x for c in with_conjuncts(client) if (x := _someone(c, index, et))] if client else []
            if not found and ent is not None:
                found = [x for x in [antecedent_besides(tok, index, ent)] if x is not None]
        subjects.extend(x for x in dict.fromkeys(found) if x not in subjects)
        for who in found:
            if index.kind(who) != "group":
                continue
            for member in _included(tok):  # "50 protesters, including activist X": X too
                named = _someone(member, index, et)
                if named is not None and index.kind(named) == "person" and named not in subjects:
                    subjects.append(named)
    if et.person_subject and not subjects:
        return None
    if trig.via == "noun" and _answered_charge(trig.token, et):
        return None  # "pleaded not guilty to murder", "denies murder": the charge, not a killing stated
    if "meeting" in et.behaviours and trig.via == "noun" and not _has_participants(trig.token):
        return None  # "during the meeting": a reference back, not a new contact
    if (
        "gathering" in et.behaviours
        and trig.via == "noun"
        and trig.token.dep_ == "pobj"
        and trig.token.head.lower_ == "in"
    ):
        return None  # "burning property in protest": a motive, not a protest event
    onto = load_ontology()
    if (("gathering" in et.behaviours and trig.via == "noun") or "appeal" in et.behaviours) and (
        _in_grounds(trig.token, onto.accusing) or _in_charges(trig.token)
    ):
        # "charged with organising mass riots", "detained on suspicion of calling for riots": the
        # accusation, not a protest seen or a demand made
        return None
    if _in_grounds(trig.token, onto.alleging):
        return None  # "accused the police of killing her son": an allegation, not a killing the report states
    if "appeal" in et.behaviours and is_passive(trig.token):
        return None  # "a heavy penalty was called for"
    place = _place(trig, index, sent)
    if et.needs_place and place is None:
        return None
    attributes: dict[str, object] = {"trigger": trig.text, "extractor": EXTRACTOR}
    undoing = _undone_by(trig)
    if undoing is not None:
        attributes["undone"] = undoing  # "the conviction was quashed": the case no longer stands on it
    term = _term(trig, timexes)
    if term is not None:
        attributes["term"] = term  # "five years": two terms are two sentences, not one told twice
    if "grounds" in et.behaviours:
        grounds = _GROUNDS.search(sent.text)
        if grounds:
            attributes["grounds"] = grounds.group(0).strip()
    return Event(
        id="",
        type=et.name,
        subject=subjects,
        agent=[a for a in _agent(trig, index) if a not in subjects],
        place=place,
        date=_date(trig, sent, timexes),
        sentence=(sent.start_char, sent.end_char),
        attributes=attributes,
        trigger=(trig.token.idx, trig.token.idx + len(trig.token.text)),
    )


_MEMBERS_OF = EN.set("pronouns.members_of")


def _included(group: Token) -> list[Token]:
    """The members a group's "including ..." or "among them ..." names, hung on the group, on its
    verb or on a clause of that verb the parser hung it on ("Hundreds have been detained since the
    protests began, including lawyer X"; "police detained 20 protesters, among them X")."""
    places = [group]
    if group.dep_ in ("dobj", "nsubjpass", "nsubj"):
        places.append(group.head)
        places += [
            c for c in group.head.children if c.dep_ in ("advcl", "conj") and c.pos_ in ("VERB", "AUX")
        ]
    for where in places:
        for c in where.children:
            if c.lower_ == "including" and c.dep_ in ("prep", "acl", "advcl"):
                obj = child(c, "pobj", "dobj")
                if obj is not None:
                    return with_conjuncts(obj)
            if (
                c.i > group.i
                and c.pos_ in ("NOUN", "PROPN")
                and c.dep_ in ("advcl", "appos", "npadvmod", "dep")
            ):
                among = next((p for p in c.children if p.dep_ == "prep" and p.lower_ == "among"), None)
                if among is not None and (child(among, "pobj") or among).lower_ in _MEMBERS_OF:
                    return with_conjuncts(c)
            member = _named_after(c) if c.i > group.i and c.dep_ == "prep" else None
            if member is not None:
                return with_conjuncts(member)
    return []


_NAMING = EN.set("verbs.naming")


def _named_as(group: Token) -> list[Token]:
    """The people a plural description is given the names of: "the two men, identified as A and
    B," (the names a list, which the description's single referent would cut to A)."""
    if group.tag_ not in ("NNS", "NNPS"):
        return []
    for clause in group.children:
        if clause.dep_ in ("acl", "relcl") and clause.lemma_.lower() in _NAMING:
            for prep in clause.children:
                name = child(prep, "pobj") if prep.dep_ == "prep" and prep.lower_ == "as" else None
                if name is not None and name.pos_ == "PROPN":
                    return with_conjuncts(name)
    return []


def _named_after(prep: Token) -> Token | None:
    """The member "among them" or "such as" names, whichever way the parser hung it: "seven Britons,
    among them aid worker X" (X a second object of "among"), "three engineers, among them Briton X"
    (X an object of the verb), "critics, such as X,"."""
    such = child(prep, "amod")
    if prep.lower_ == "as" and such is not None and such.lower_ == "such":
        return child(prep, "pobj")
    pron = child(prep, "pobj")
    if prep.lower_ != "among" or pron is None or pron.lower_ not in _MEMBERS_OF:
        return None
    nxt = next((t for t in prep.doc[pron.i + 1 : pron.i + 6] if t.pos_ in ("NOUN", "PROPN")), None)
    if nxt is None or any(t.is_punct for t in prep.doc[pron.i + 1 : nxt.i]):
        return None
    while (
        nxt.dep_ in ("compound", "appos", "amod")
        and nxt.head.i > nxt.i
        and nxt.head.pos_ in ("NOUN", "PROPN")
    ):
        nxt = nxt.head  # "aid worker X": from the first noun to the name it describes
    return nxt


def _someone(tok: Token, index: EntityIndex, et: EventType) -> str | None:
    """The person or group a subject word stands for, if it stands for one."""
    ent = relative_of(tok, index) or referent_of(tok, index) or client_of(tok, index)
    if ent is None or index.kind(ent) not in ("person", "group"):
        grp = group_entity(tok, index)
        ent = grp if grp is not None else ent
    if et.person_subject and index.kind(ent) != "person":
        ent = described_person(tok, index) or ent  # "an ex-chief financial officer" named later
    if ent is None:
        return None
    kind = index.kind(ent)
    if kind not in ("person", "group") or (et.needs_place and kind != "person"):
        return None
    if kind == "group" and _things(index.by_id(ent)):
        return None  # "seizing foreign owned firms": firms are not people held
    return ent


def _things(group: Entity) -> bool:
    """A group named by a word for things and by no word for people ("firms", not "a group of
    activists")."""
    onto = load_ontology()
    words = {w.lower().strip(",.") for w in group.name.split()}
    return str(group.attributes.get("head", "")) in onto.thing_nouns and not words & onto.person_nouns


def _learned_subject(trig: Trigger, index: EntityIndex, sent: Span) -> str | None:
    """Whom the subject ranker picks, for a trigger the rules found no one for."""
    if not trig.type.person_subject:
        return None
    tok = best_subject(trig.token, sent, trig.type.name)
    return _someone(tok, index, trig.type) if tok is not None else None


def _in_grounds(tok: Token, verbs: frozenset[str]) -> bool:
    """A word inside what someone is charged with or accused of (`verbs`: the accusing verbs)."""
    passed_prep = False
    for anc in list(tok.ancestors)[:5]:
        if anc.dep_ == "prep" and anc.lower_ in ("with", "of", "for", "over"):
            passed_prep = True
        elif passed_prep and anc.lemma_.lower() in verbs:
            return True
    return False


_CONFESSING = EN.set("verbs.answering_charges") | EN.set("verbs.confessing")
_CHARGE_NOUNS = EN.set("nouns.charge_nouns")


def _in_charges(tok: Token) -> bool:
    """A word inside what a charge lists or a plea or confession answers: "the charges include
    organising mass riots", "confessed to organising riots", "pleaded guilty to inciting unrest"."""
    for anc in list(tok.ancestors)[:5]:
        lemma = anc.lemma_.lower()
        if lemma in _CONFESSING and anc.pos_ in ("VERB", "AUX"):
            return True
        if lemma in _LISTING and any(
            c.dep_ in SUBJECTS and c.lemma_.lower() in _CHARGE_NOUNS for c in anc.children
        ):
            return True
    return False


def _has_participants(tok: Token) -> bool:
    if any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in tok.children):
        return True
    verb = governing_verb(tok)
    return verb is not None and verb.lemma_ in ("have", "hold", "conduct", "begin", "open", "start")


def _sought_by_a_reward(tok: Token) -> bool:
    """'information leading to the arrest of X': an arrest sought, not one made."""
    prep = tok.head
    lead = prep.head
    return (
        tok.dep_ == "pobj"
        and prep.lower_ == "to"
        and lead.lemma_.lower() == "lead"
        and lead.tag_ == "VBG"
        and lead.dep_ in ("acl", "amod")
    )


_PORTRAYING = EN.set("verbs.portraying")
_COUNTED_FROM = EN.set("prepositions.counted_from")
_COMPLAINING = EN.set("verbs.complaining")


_NEGOTIATING = EN.set("nouns.negotiating")


def _negotiated(tok: Token) -> bool:
    """'talks over the release of the hostages', 'negotiations on his release': a release still
    bargained for (talks over a detention are about one that happened, so only a freeing is asked)."""
    prep = tok.head
    return (
        tok.dep_ == "pobj"
        and prep.lower_ in ("over", "on", "for", "about")
        and prep.head.lemma_.lower() in _NEGOTIATING
    )


def _in_a_role(tok: Token) -> bool:
    """'who plays a banker jailed for murder': a part an actor plays, not an event."""
    # only the part itself: "played a part in the arrest of X" is a real arrest
    head = (
        tok if tok.pos_ in ("NOUN", "PROPN") else tok.head if tok.dep_ in ("acl", "relcl", "amod") else None
    )
    if head is None:
        return False
    if head.dep_ in ("dobj", "attr") and head.head.lemma_.lower() in _PORTRAYING:
        return True
    return head.dep_ == "pobj" and head.head.lower_ == "as" and head.head.head.lemma_.lower() in _PORTRAYING


def _accept(trig: Trigger, sent: Span, onto: Ontology) -> bool:
    et = trig.type
    text = sent.text
    near = _words_near(trig.token)
    # "A hearing in the case of X was held": what the verb holds, however far from it
    held = {c.lemma_.lower() for c in trig.token.children if c.dep_ in ("nsubjpass", "dobj")}
    if et.forbids and (near | held) & et.forbids:
        return False
    if et.forbids and any(" " in w and w in text.lower() for w in et.forbids):
        return False
    if et.requires and not _mentions_word(text, et.requires):
        return False
    tok = trig.token
    if trig.via == "noun" and tok.lower_ in _POSTS and tok.head.lower_ == "in" and child(tok, "det") is None:
        return False  # "the agent in charge of the office": a post, not an accusation
    if (
        et.forbids_in_sentence
        and _mentions_word(text, et.forbids_in_sentence)
        and not _mentions_word(text, et.unless_in_sentence)
    ):
        return False
    if (
        trig.via == "phrase"
        and et.requires_for_phrases
        and not _mentions_word(_around(sent), et.requires_for_phrases)
        and not _after_own_arrest(trig.token)
    ):
        return False
    if trig.via == "phrase" and "whereabouts" in et.behaviours:
        return True  # "did not know his whereabouts": the negation is the point
    if (
        trig.via == "verb"
        and et.person_subject
        and trig.token.lemma_.lower() in onto.governors
        and any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in trig.token.children)
    ):
        return False  # "tried grabbing him", "tried to escape": the verb governs another, as "try" does
    if "statement" in et.behaviours and trig.via == "verb" and _concedes(trig.token):
        return False
    if "gathering" in et.behaviours and trig.via == "verb" and not _crowd_gathers(trig.token):
        return False
    if _in_a_statistic(trig.token):
        return False
    if trig.via == "noun" and _a_topic(trig.token):
        return False
    if _sought_by_a_reward(trig.token):
        return False
    if "ends_custody" in et.behaviours and _negotiated(trig.token):
        return False
    if _in_a_role(trig.token):
        return False
    if "custody" in et.behaviours and trig.via == "verb" and _no_captor(trig.token):
        return False
    if (
        trig.via == "noun"
        and trig.token.dep_ in ("dobj", "nsubjpass")
        and trig.token.head.lemma_.lower() in et.put_off_by
    ):
        return False  # "the sentencing of X was postponed": it has not happened
    if _undoing_verb(trig) is not None and trig.token.dep_ in ("dobj", "nsubjpass"):
        return True  # "lawyers hope the court will vacate the death sentence of X": it was passed
    return not is_irrealis(trig.token, onto, et.realis_governors)


_NOT_CROWDS = EN.set("nouns.not_crowds")
_STATISTICS = EN.set("nouns.statistics")
_TOPIC_HOLDERS = EN.set("nouns.topic_holders") | EN.set("verbs.reporting_on")


def _a_topic(noun: Token) -> bool:
    """ "who has reported on torture in prisons", "an article about army abuses": a subject someone
    writes on, not an event (a bare noun; "wrote about the arrest of X" states one)."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("on", "about"):
        return False
    if any(c.dep_ in ("det", "poss") or (c.dep_ == "prep" and c.lower_ == "of") for c in noun.children):
        return False
    return noun.head.head.lemma_.lower() in _TOPIC_HOLDERS


def _in_a_statistic(tok: Token) -> bool:
    """ "The number of people held in pre-trial detention has risen", "the number of arrests fell":
    a count over time, not an event (but "a number of people were held" is one)."""
    counted = tok.head if tok.dep_ in ("acl", "relcl") else tok
    of = counted.head
    if counted.dep_ != "pobj" or of.lower_ != "of" or of.head.lemma_.lower() not in _STATISTICS:
        return False
    return any(c.dep_ == "det" and c.lower_ == "the" for c in of.head.children)


_OWN = EN.set("pronouns.singular") | EN.set("pronouns.plural") | EN.set("pronouns.first_person")


def _concedes(verb: Token) -> bool:
    """ "The minister admitted that mistakes had been made": a clause about things, with nothing of
    the speaker's own in it, concedes a point; "admitted that he had taken the money" confesses."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None or child(verb, "dobj") is not None:
        return False
    subj = next((c for c in clause.children if c.dep_ in SUBJECTS), None)
    if subj is None or subj.pos_ != "NOUN" or _may_be_someone(subj):
        return False
    return not any(t.lower_ in _OWN for t in clause.subtree)


def _crowd_gathers(verb: Token) -> bool:
    """Not "stocks rallied" (no crowd), nor "X protested that he was innocent" (a protest said)."""
    subj = clause_subject(verb)
    if subj is not None and subj.lemma_.lower() in _NOT_CROWDS:
        return False
    return not any(c.dep_ == "ccomp" for c in verb.children) or child(verb, "dobj") is not None


_HELD_PERSON = EN.set("nouns.held_person")


def _described_as_held(sent: Span, index: EntityIndex) -> list[tuple[Token, str]]:
    """'Robert Napier, a remand prisoner at the time', 'Guantanamo detainee X', 'X is an inmate at
    Barlinnie': a named person the report describes as held (not "political prisoners" at large)."""
    out = []
    for tok in sent:
        if tok.lemma_.lower() not in _HELD_PERSON or tok.tag_ != "NN":
            continue
        named: Token | None
        if tok.dep_ == "appos" or (tok.dep_ == "compound" and tok.head.ent_type_ == "PERSON"):
            named = tok.head
        elif tok.dep_ == "attr" and tok.head.lemma_ == "be":
            named = child(tok.head, "nsubj")
        else:
            continue
        ent = referent_of(named, index) if named is not None else None
        if ent is not None and index.kind(ent) == "person":
            out.append((tok, ent))
    return out


_HELD_PLACE = EN.set("nouns.held_place")
_LEAVING = EN.set("verbs_at_custody_place.leaving")
_WORKING = EN.set("verbs_at_custody_place.working")
_VISITING = EN.set("verbs_at_custody_place.visiting")


def _in_a_place_of_custody(sent: Span, index: EntityIndex) -> list[tuple[Token, str]]:
    """'wrote to his wife from prison', 'X, in jail since 2019', 'his wife visited X in prison',
    'was moved to a prison in Osh': a named person the sentence places in a jail (not one who
    leaves it, which is a release, nor one who works there)."""
    out = []
    for tok in sent:
        if (
            tok.lemma_.lower() not in _HELD_PLACE
            or tok.dep_ != "pobj"
            or tok.head.lower_ not in ("in", "from", "to")
        ):
            continue
        where = tok.head.head
        lemma = where.lemma_.lower()
        named: Token | None = None
        if where.pos_ in ("PROPN", "NOUN") and where.ent_type_ == "PERSON":
            named = where  # "X, in jail since 2019"
        elif where.pos_ in ("VERB", "AUX") and lemma not in _LEAVING | _WORKING:
            if tok.head.lower_ == "to" and not is_passive(where):
                continue  # "went to prison to see him", "returned to prison": the visitor's journey
            if any(
                c.dep_ == "dobj" and c.lemma_.lower() in load_ontology().term_nouns for c in where.children
            ):
                continue  # "was given nine years in a maximum-security prison": the term, a sentence
            if lemma in _VISITING:
                named = child(where, "dobj")
            else:
                named = child(where, "nsubjpass") or clause_subject(where)
        # "A and B are serving their sentences in a remote prison": each of them
        for one in with_conjuncts(named) if named is not None else []:
            ent = referent_of(one, index)
            if ent is not None and index.kind(ent) == "person":
                out.append((tok, ent))
    return out


_CAPTION = re.compile(rf"^\W*(?:{EN.alternation('caption_marks')})", re.I)


def _is_caption(sent: Span) -> bool:
    """'Photo: X at a rally in 2012', 'Image caption X was detained in 2019': a picture's caption."""
    return bool(_CAPTION.match(sent.text))


_COUNTED = re.compile(rf"(?<!\s)\s+({'|'.join(EN.list('prepositions.counted_from'))})\b", re.I)


def _counted_from_event(event: Event, sent: Span, timexes: list[Timex], events: list[Event]) -> None:
    """ "Three days after his arrest, a court sentenced him", "a week after he was detained": an
    undated event whose sentence counts days or weeks from another event of the same person takes
    that event's date moved by the span (when the report dated that event to the day)."""
    if event.date is not None or not event.subject:
        return
    doc = sent.doc
    text = text_of(doc)
    verbs, nouns = _trigger_index(load_ontology())
    for t in timexes:
        m = re.fullmatch(r"P(\d+)([DW])", t.value or "")
        if t.type != "DURATION" or m is None or not sent.start_char <= t.start < sent.end_char:
            continue
        after = _COUNTED.match(text, t.end)
        if after is None:
            continue
        # the event counted from: the first of the next few words that names one ("arrest", "detained")
        following = [w for w in doc[sent.start : sent.end] if w.idx >= after.end()][:4]
        named = [(w, verbs.get(w.lemma_.lower(), []) + nouns.get(w.lemma_.lower(), [])) for w in following]
        word, types = next(((w, ts) for w, ts in named if ts), (None, []))
        if word is None or event.trigger[0] <= word.idx < event.trigger[1]:
            continue  # the word is this event's own trigger ("three days after his arrest" is not dated so)
        kinds = {et.name for et in types}
        dated = [
            e
            for e in events
            if e.type in kinds
            and e.sentence[0] < sent.start_char
            and set(e.subject) & set(event.subject)
            and e.date is not None
            and re.fullmatch(r"\d{4}-\d{2}-\d{2}", e.date.value or "")
        ]
        if not dated:
            continue
        base = date.fromisoformat(str(dated[-1].date.value if dated[-1].date else ""))
        days = int(m.group(1)) * (7 if m.group(2) == "W" else 1)
        moved = base + timedelta(days=-days if after.group(1).lower() == "before" else days)
        event.date = EventDate(text=text[t.start : word.idx + len(word.text)], value=moved.isoformat())
        event.attributes["date_counted_from"] = dated[-1].type
        return


_LISTING = EN.set("verbs.listing")


def _named_among_them(sent: Span, index: EntityIndex, events: list[Event]) -> list[Event]:
    """'Ten people were arrested. Among them was journalist X' / 'They included X': what the
    sentence before tells of a group it tells of X too, with this sentence as its evidence."""
    named: list[Token] = []
    cue: Token | None = None
    for tok in sent:
        verb = tok.head
        if tok.dep_ == "pobj" and tok.lower_ in _MEMBERS_OF and verb.lower_ == "among":
            verb = verb.head  # "Among them was X", "X was among them"
        elif not (tok.dep_ == "nsubj" and tok.lower_ in _PLURAL_BACK and verb.lemma_ in _LISTING):
            continue  # "They included X"
        if verb.lemma_ not in _LISTING or any(c.dep_ == "neg" for c in verb.children):
            continue
        named += [c for c in verb.children if c.dep_ in ("nsubj", "attr", "dobj") and c.i != tok.i]
        cue = cue or verb
    people = [p for p in (referent_of(t, index) for n in named for t in with_conjuncts(n)) if p]
    people = [p for p in dict.fromkeys(people) if index.kind(p) == "person"]
    earlier = [e for e in events if e.sentence[1] <= sent.start_char]
    if not people or not earlier or cue is None:
        return []
    last = max(e.sentence for e in earlier)
    told = [e for e in earlier if e.sentence == last and any(index.kind(g) == "group" for g in e.subject)]
    onto = load_ontology()
    return [
        replace(
            e,
            subject=[p],
            sentence=(sent.start_char, sent.end_char),
            attributes=dict(e.attributes),
            trigger=(cue.idx, cue.idx + len(cue.text)),
        )
        for e in told
        for p in people
        if onto.events[e.type].person_subject
    ]


def extract_events(doc: Doc, index: EntityIndex, timexes: list[Timex]) -> list[Event]:
    onto = load_ontology()
    events: list[Event] = []
    held = types_with("custody")
    custody = next((onto.events[k] for k in sorted(held) if onto.events[k].opens_case), None)
    for sent in doc.sents:
        events.extend(_named_among_them(sent, index, events))
        for tok, ent in _described_as_held(sent, index) + _in_a_place_of_custody(sent, index):
            if custody is not None and not is_irrealis(tok, onto):
                event = build_event(
                    Trigger(custody, tok, "noun", tok.text), index, sent, timexes, subject=[ent]
                )
                if event is not None:
                    events.append(event)
        for trig in match_triggers(sent, onto):
            if not _accept(trig, sent, onto):
                continue
            if (
                trig.type.with_term
                and trig.token.lemma_.lower() in trig.type.term_verbs
                and not _before_verdict(trig.token)
                and (has_term(trig.token, onto) or _jailed_by_a_court(trig.token))
            ):
                trig = replace(trig, type=onto.events[trig.type.with_term])
            event = build_event(trig, index, sent, timexes)
            if event is None and _refers_back(trig):
                event = _as_before(trig, index, sent, timexes, events)
            if event is None or all(index.kind(p) != "person" for p in event.subject):
                people = _plural_back(trig, index, events)  # only when no person was found
                if people:
                    event = build_event(trig, index, sent, timexes, subject=people)
            if event is None:
                learned = _learned_subject(trig, index, sent)
                if learned is not None:
                    event = build_event(trig, index, sent, timexes, subject=[learned])
                    if event is not None:
                        event.attributes["subject_by"] = RANKER  # a model's guess, not a rule's reading
            if event is not None:
                if _is_caption(sent):
                    event.date = None  # a photo's caption dates the photo, not the event it recalls
                else:
                    _counted_from_event(event, sent, timexes, events)
                events.extend(split_by_subject(event))
                events.extend(_end_of(event, trig, timexes))
    members = group_members(doc, index)
    if len(members) >= 2:
        events = [e for ev in events for e in _to_members(ev, index, members)]
    events = _headline_told_again(merge_events(events), doc, index)
    _mark_confessions(text_of(doc), events)
    for i, ev in enumerate(events, 1):
        ev.id = f"e{i}"
    return events


_PLURAL_COUNTS = EN.numbers("nouns.plural_back")
_PLURAL_BACK = _PLURAL_PRONOUNS | frozenset(_PLURAL_COUNTS)
_BACK_DETERMINERS = EN.set("back_determiners")


def _plural_reference(tok: Token, onto: Ontology) -> int | None:
    """How many people a plural word that refers back stands for ("both men" 2, "they" 0 = any
    number), or None when it is no such word ("four protesters" is a new group, not a reference)."""
    words = {tok.lower_} | {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "predet")}
    counted = next((_PLURAL_COUNTS[w] for w in words if w in _PLURAL_COUNTS), None)
    if tok.lower_ in _PLURAL_BACK and tok.pos_ in ("PRON", "DET", "NOUN"):
        return counted or 0
    if tok.tag_ == "CD" and tok.lower_ in _COUNTS and words & _BACK_DETERMINERS:
        return _COUNTS[tok.lower_]  # "All three were freed", "the four were charged"
    if tok.tag_ != "NNS" or tok.lemma_.lower() not in onto.person_nouns:
        return None
    if counted is not None:
        return counted  # "both men"
    if not words & _BACK_DETERMINERS:
        return None
    return next((_COUNTS[w] for w in words if w in _COUNTS), 0)


def _plural_back(trig: Trigger, index: EntityIndex, events: list[Event]) -> list[str]:
    """'Police arrested A and B. They were charged': "they", "them", "both men", "the two men" are
    the people the report has just told of, not the police, nor a new group."""
    if not trig.type.person_subject:
        return []
    toks = _subject_tokens(trig)
    count = _plural_reference(toks[0], load_ontology()) if len(toks) == 1 else None
    if count is None:
        return []
    here = trig.token.sent.start_char
    earlier = [e for e in events if e.sentence[0] < here and e.subject]
    # the people of the latest sentence that tells of events, or of the latest few together when
    # each tells of one ("A was detained in May. B was arrested in June. They were charged")
    people: list[str] = []
    for sentence in sorted({e.sentence for e in earlier}, reverse=True)[:3]:
        told = [p for e in earlier if e.sentence == sentence for p in e.subject if index.kind(p) == "person"]
        if len(set(told)) > 1 and people:
            break  # a sentence of several people is a group of its own, not more of the one after it
        people = [*dict.fromkeys(told), *(p for p in people if p not in told)]
        if len(people) >= 2:
            return people if count in (0, len(people)) else []
    if earlier and max(e.sentence for e in earlier)[1] >= _previous_sentence_start(trig.token):
        return []  # the sentence before told of events, of one person: "they" is not theirs
    named = _named_not_speaking(trig.token, index)
    return named if len(named) >= 2 and count in (0, len(named)) else []


def _previous_sentence_start(tok: Token) -> int:
    sent = tok.sent
    return tok.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char


def _named_not_speaking(tok: Token, index: EntityIndex) -> list[str]:
    """ "The men were named as A, B and C. They were charged with fraud": the people the sentence
    before names, when none of them speaks there (a lawyer's "they" is the clients')."""
    sent = tok.sent
    if sent.start == 0:
        return []
    prev = tok.doc[sent.start - 1].sent
    cues = load_ontology().claim_cues
    out: list[str] = []
    for t in prev:
        ent = index.at(t.idx, t.idx + len(t.text)) if t.ent_type_ == "PERSON" else None
        if ent is None or index.kind(ent) != "person":
            continue
        head = t.head
        while head.dep_ in ("conj", "appos", "compound") and head.head is not head:
            head = head.head
        if head.lemma_.lower() in cues or (t.dep_ == "nsubj" and t.head.lemma_.lower() in cues):
            return []  # someone speaks in that sentence: "they" may be whoever they speak of
        if ent not in out:
            out.append(ent)
    return out


def _undoing_verb(trig: Trigger) -> Token | None:
    """The verb that governs a noun trigger and would undo it ("quash the conviction"), done or not."""
    verb = trig.token.head if trig.via == "noun" else None
    return verb if verb is not None and verb.lemma_.lower() in trig.type.undone_by else None


def _undone_by(trig: Trigger) -> str | None:
    """The verb that undoes the event ("quashed", "overturned"), if the sentence says so."""
    verb = _undoing_verb(trig)
    if verb is None:
        return None
    # "lawyers hope the court will quash it" undoes nothing; "the court ruled to vacate it" does
    ruled = verb.dep_ in ("xcomp", "advcl") and verb.head.lemma_.lower() in _ORDERING
    if is_irrealis(verb.head if ruled else verb, load_ontology()):
        return None
    return verb.text


def _refers_back(trig: Trigger) -> bool:
    """'The conviction was later reduced', 'the arrest': a definite noun with no one named is an
    event the report has already told."""
    tok = trig.token
    return trig.via == "noun" and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children
    )


def _as_before(
    trig: Trigger, index: EntityIndex, sent: Span, timexes: list[Timex], events: list[Event]
) -> Event | None:
    """The event a definite noun refers back to: the latest told of the same type; its subject is
    this one's (merging then makes them one event with both sentences)."""
    same = [e for e in events if e.type == trig.type.name and e.subject]
    if not same:
        return None
    event = build_event(trig, index, sent, timexes, subject=same[-1].subject)
    if event is not None:
        event.date = None  # "The conviction was quashed in 2019": the date is the quashing's
    return event


def _end_of(event: Event, trig: Trigger, timexes: list[Timex]) -> list[Event]:
    """'kept under house arrest until last September': a custody that ends on a date is also the
    release on that date (ontology `ends_as`)."""
    kind = trig.type.ends_as
    if kind is None or not event.subject or _ordered_until(trig.token):
        return []
    for prep in trig.token.head.subtree if trig.via == "phrase" else trig.token.subtree:
        if prep.dep_ == "prep" and prep.lower_ in trig.type.end_preps:
            obj = child(prep, "pobj")
            if obj is None:
                continue
            lo, hi = subtree_span(obj)
            date = next((t for t in timexes if lo <= t.start < hi and t.type == "DATE"), None)
            if date is None or _AHEAD & set(date.text.lower().split()):
                return []  # "remanded in custody until next month": the custody has not ended yet
            if event.date is not None and event.date.text == date.text:
                event.date = None  # the date the custody ended is not the date it began
            end = replace(
                event,
                type=kind,
                date=EventDate(text=date.text, value=date.value),
                attributes={"trigger": prep.text, "extractor": EXTRACTOR, "ends": event.type},
                trigger=(prep.idx, prep.idx + len(prep.text)),
            )
            return [end]
    return []


_ORDERING = EN.set("verbs.ordering_custody")
# a court places someone in custody for a term: "placed under house arrest until April 20"
_PLACING = EN.set("verbs.placing_in_custody")
_AT_LEAST = EN.set("not_less")


def _ordered_until(tok: Token) -> bool:
    """ "the court ordered that he be held until May 30", "remanded until March 12": the date is
    when an order runs out, not when the custody ended (a subjunctive or infinitive custody, or
    one a verb of ordering governs)."""
    if any(
        c.dep_ in ("aux", "auxpass") and (c.tag_ in ("VB", "MD") or c.lower_ == "to") for c in tok.children
    ):
        return True  # "will remain in detention until March 15": not over yet
    if any(c.dep_ == "advmod" and c.lower_ in _AT_LEAST for c in tok.subtree):
        return True  # "held until at least March 15"
    if tok.pos_ in ("NOUN", "PROPN"):
        tok = governing_verb(tok) or tok  # "chose a measure of restraint ... until March 15"
    while True:
        if tok.lemma_.lower() in _ORDERING | _PLACING:
            return True
        if tok.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or tok.head is tok:
            return False
        tok = tok.head


_COUNTS = EN.numbers("counts")


def _to_members(event: Event, index: EntityIndex, members: list[str]) -> list[Event]:
    """An event of "the men" is an event of each man the report names as one of them, when it names all."""
    if (
        len(event.subject) != 1
        or not _merges_by_subject(event.type)
        or index.kind(event.subject[0]) != "group"
    ):
        return [event]
    group = index.by_id(event.subject[0])
    if str(group.attributes.get("head", "")) not in load_ontology().person_nouns:
        return [event]
    if group.attributes.get("plural") is False:
        return [event]  # "the convicted bomber" is one person, not the victims the report lists
    count = next(
        (
            int(w) if w.isdigit() else _COUNTS[w]
            for w in group.name.lower().split()
            if w.isdigit() or w in _COUNTS
        ),
        None,
    )
    if count is not None and count != len(members):
        return [event]
    return [replace(event, subject=[m], attributes=dict(event.attributes)) for m in members]


def _merges_by_subject(kind: str) -> bool:
    et = load_ontology().events.get(kind)
    return et is not None and et.merge_by_subject


def split_by_subject(event: Event) -> list[Event]:
    """An event that happens to several named people is one event per person."""
    if len(event.subject) < 2 or not _merges_by_subject(event.type):
        return [event]
    return [replace(event, subject=[s], attributes=dict(event.attributes)) for s in event.subject]


def _compatible_dates(a: Event, b: Event) -> bool:
    if a.date is None or b.date is None:
        return _same_term(a, b)
    return a.date.value == b.date.value and _same_term(a, b)


def _same_term(a: Event, b: Event) -> bool:
    ta, tb = a.attributes.get("term"), b.attributes.get("term")
    return ta is None or tb is None or ta == tb


def _term(trig: Trigger, timexes: list[Timex]) -> str | None:
    """The length of a sentence or custody the trigger's phrase gives ("to five years", "life")."""
    if trig.type.name not in {et.with_term for et in load_ontology().events.values()}:
        return None  # only the types a term makes ("sentence") carry one
    tok = trig.token
    head = tok.head if trig.via == "noun" and tok.head.pos_ in ("VERB", "AUX") else tok
    lo, hi = subtree_span(head)
    for t in timexes:
        if t.type == "DURATION" and lo <= t.start < hi:
            return str(t.value or t.text)
    words = {w.lower_ for w in head.subtree}
    return "life" if "life" in words else None


def merge_events(events: list[Event]) -> list[Event]:
    """One event per real-world event: repeated mentions fill in each other's gaps."""
    events.sort(key=lambda e: (e.sentence[0], e.trigger[0]))
    crowds = types_with("gathering")
    out: list[Event] = []
    for ev in events:
        target = None
        for kept in out:
            if kept.type != ev.type:
                continue
            same_sentence = kept.sentence == ev.sentence
            if not _merges_by_subject(ev.type) and not same_sentence:
                continue
            if ev.type in crowds and not ev.subject and not kept.subject:
                if kept.place and ev.place and kept.place != ev.place:
                    continue
                target = kept
                break
            same_subject = kept.subject == ev.subject
            if same_subject and (same_sentence or _compatible_dates(kept, ev)):
                target = kept
                break
        if target is None:
            out.append(ev)
            continue
        target.place = target.place or ev.place
        target.date = target.date or ev.date
        target.agent = target.agent or ev.agent
        for key, val in ev.attributes.items():
            target.attributes.setdefault(key, val)
        also = target.attributes.setdefault("also_in", [])
        if isinstance(also, list) and ev.sentence != target.sentence and list(ev.sentence) not in also:
            also.append(list(ev.sentence))
    return out


def _paragraph(text: str, pos: int) -> str:
    start = text.rfind("\n\n", 0, pos)
    end = text.find("\n\n", pos)
    return text[start + 1 if start >= 0 else 0 : end if end >= 0 else len(text)]


def _mark_confessions(text: str, events: list[Event]) -> None:
    """A confession is televised or coerced when its paragraph says so."""
    ill = {s for e in events if e.type in types_with("harm") for s in e.subject}
    statements = types_with("statement")
    duress = load_ontology().duress
    for ev in events:
        if ev.type not in statements:
            continue
        para = _paragraph(text, ev.sentence[0])
        if duress["televised"].search(para):
            ev.attributes["televised"] = True
        if duress["coerced"].search(para) or any(s in ill for s in ev.subject):
            ev.attributes["coerced"] = True
