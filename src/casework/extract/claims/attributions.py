"""Attributions: every act of saying in a report, found by its cue ("said", "according to", a colon
before a quote, a signed quotation), with its speaker and content, anchored or not."""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import cast

from spacy.tokens import Doc, Span, Token

from casework.extract.entities import EntityIndex, group_entity, referent_of
from casework.extract.syntax import child, clause_subject, span_of, subtree_span
from casework.languages import words
from casework.nlp import text_of
from casework.ontology import Ontology, load_ontology

EXTRACTOR = "casework.claims.v1"
_QUOTE = re.compile(r"[\"“”]([^\"“”]{3,})[\"“”]|‘([^‘’]{12,})’(?!\w)")


EN = words("en")  # the English pack: these components serve English


@lru_cache(maxsize=4)
def _according(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """The ontology's attributing phrases ("according to"), each before the source it names."""
    words = "|".join(re.escape(p) for p in phrases) or "(?!)"
    return re.compile(rf"\b(?:{words})\s+", re.I)


_INSTITUTIONS = EN.set("speakers.institutions")
_SPOKES = EN.set("speakers.spokespeople")
_NO_SPEAKER = EN.set("speakers.none")


_THOUGHT = EN.set("verbs.thought")


@dataclass
class _Found:
    cue: Token
    speaker_tok: Token | None
    content: tuple[int, int]
    direct: bool


# A quotation runs over several sentences ("They beat him. He could not sleep," his brother
# said) but not over a paragraph break. Straight marks are paired by which way they face, so
# a quote whose closing mark is missing ("I have no regrets. "We have done nothing") is dropped
# instead of swallowing the text up to the next quotation. Two apostrophes are a double mark in
# some newspapers' text (''We are innocent,'' he said).
_MARK = re.compile(r"''|[\"“”]")
_QUOTES_KEY = "casework.quotes"


def _facing(text: str, mark: tuple[int, int]) -> str | None:
    """ "open", "close" or None (a mark set between two words or two spaces says neither)."""
    i, j = mark
    if text[i:j] in ("“", "”"):
        return "open" if text[i] == "“" else "close"
    before = text[i - 1] if i > 0 else " "
    after = text[j] if j < len(text) else " "
    if (before.isspace() or before in "([—–-") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or not after.isalnum()):
        return "close"
    return None


def _doc_quotes(doc: Doc) -> list[tuple[int, int]]:
    """The report's quotations (the words inside the marks), found once per parse."""
    cached = doc.user_data.get(_QUOTES_KEY)
    if cached is None:
        cached = []
        text = text_of(doc)
        opened: int | None = None  # where the words after an opening mark begin
        for m in _MARK.finditer(text):
            facing = _facing(text, m.span())
            if facing == "open":
                opened = m.end()
            elif facing == "close" and opened is not None:
                words = (opened, m.start())
                if words[1] - words[0] >= 3 and "\n" not in text[words[0] : words[1]]:
                    cached.append(words)
                opened = None
            else:
                opened = None
        doc.user_data[_QUOTES_KEY] = cached
    return cast(list[tuple[int, int]], cached)


def _quotes_in(sent: Span) -> list[tuple[int, int]]:
    """Quotations in a sentence, whole: one begun in an earlier sentence or ending in a later
    one is the same quotation."""
    out = []
    for m in _QUOTE.finditer(sent.text):
        g = 1 if m.group(1) is not None else 2
        out.append((sent.start_char + m.start(g), sent.start_char + m.end(g)))
    text = text_of(sent.doc)
    for q in _quotes_between(sent.doc, sent.start_char, sent.end_char):
        inside = sent.start_char <= q[0] and q[1] <= sent.end_char
        if not inside or text[q[0] - 2 : q[0]] == "''":
            out.append(q)  # crosses the sentence's edge, or is marked by two apostrophes
    return sorted(set(out))


def _quotes_between(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """The report's quotations that overlap [start, end): found by bisection, since a long report
    has thousands of sentences and quotations (they never overlap, so both ends are sorted)."""
    quotes = _doc_quotes(doc)
    lo = bisect_right(quotes, start, key=lambda q: q[1])
    hi = bisect_left(quotes, end, key=lambda q: q[0])
    return quotes[lo:hi]


def _label_of(cue: Token) -> tuple[Token, Token] | None:
    """ "called the verdict a disgrace" (or “a disgrace”, which parses as an apposition): object and label."""
    obj = child(cue, "dobj")
    if obj is None:
        return None
    pred = child(cue, "oprd") or child(cue, "xcomp") or child(obj, "appos")
    return (obj, pred) if pred is not None else None


def _content_of(cue: Token, sent: Span, weak: bool, object_cue: bool) -> tuple[tuple[int, int], bool] | None:
    quotes = _quotes_in(sent)
    label = _label_of(cue) if cue.lemma_ == "call" else None
    if label is not None:  # the object and its label, quotation marks included, as PolNeAR marks it
        start, end = subtree_span(label[0])[0], subtree_span(label[1])[1]
        return (start, end), False
    for dep in ("ccomp", "xcomp"):
        comp = child(cue, dep)
        if (comp is not None and comp.i > cue.i) or (comp is not None and dep == "ccomp"):
            start, end = subtree_span(comp)
            inside = [q for q in quotes if q[0] - 2 <= start and end <= q[1] + 2]  # with the marks
            if inside and not inside[0][0] <= cue.idx < inside[0][1]:
                return inside[0], True  # the whole quotation, when the parse keeps only its last sentence
            return (start, end), bool(inside)
    around = [q for q in quotes if not q[0] <= cue.idx < q[1]]  # not the words the cue is part of
    if around:
        # the quote nearest the cue
        q = min(around, key=lambda q: min(abs(q[0] - cue.idx), abs(q[1] - cue.idx)))
        return q, True
    if not object_cue:
        return None
    prep = child(cue, "prep")
    if prep is not None and prep.lower_ in ("on", "upon", "for") and cue.lemma_ == "call":
        # "called for his release", "called on the authorities to ...": a demand, whoever makes it
        start, _ = subtree_span(prep)
        return (start, sent.end_char), False
    if not weak or any(c.dep_ == "neg" for c in cue.children):
        obj = child(cue, "dobj")
        if obj is not None:
            return subtree_span(obj), False
    return None


def _speaker_entity(tok: Token, index: EntityIndex) -> str | None:
    """A speaker that the text anchors: a name, a pronoun, 'the ministry', 'his relatives'."""
    if tok.lower_ in _NO_SPEAKER:
        return None
    if tok.lemma_.lower() in _SPOKES:
        # "the ministry's spokesman, Ulan Ismailov": a spokesman the report names speaks himself
        for head in (tok, *(c for c in tok.children if c.dep_ == "conj")):
            for c in head.children:
                named = index.at(c.idx, c.idx + len(c.text)) if c.dep_ == "appos" else None
                if named is not None and index.kind(named) == "person":
                    return named
        # "a company spokesman", "a police spokesman": the body speaks
        for c in tok.children:
            if c.dep_ in ("compound", "poss", "amod"):
                ent = index.at(c.idx, c.idx + len(c.text))
                if ent:
                    return ent
            if c.dep_ == "prep" and c.lower_ == "for":
                obj = child(c, "pobj")
                if obj is not None:
                    ent = index.at(obj.idx, obj.idx + len(obj.text))
                    if ent:
                        return ent
        if any(c.lower_ in ("company", "firm") for c in tok.children):
            orgs = index.previous_people(tok.idx, ("organization",))
            if orgs:
                return orgs[-1].entity
    ent = referent_of(tok, index)
    if ent is not None:
        return ent
    for c in tok.children:
        if c.dep_ == "appos":
            ent = index.at(c.idx, c.idx + len(c.text))
            if ent:
                return ent
    anchored = any(c.dep_ in ("det", "poss") for c in tok.children)
    if tok.tag_ == "NNS" and not anchored and tok.lower_ not in _INSTITUTIONS:
        return None  # "analysts say", "officials believe": no one in particular
    return group_entity(tok, index)


def _speaker_token(cue: Token) -> Token | None:
    subj = clause_subject(cue)
    if subj is not None and subj.dep_ == "nsubjpass":
        return None  # "it is thought", "he was told"
    if subj is not None:
        # "President of Kyrgyzstan, Sadyr Japarov said": the name is an appositive of the title
        for c in subj.children:
            if c.dep_ == "appos" and c.ent_type_ == "PERSON":
                return c
    return subj


def _after_colon(cue: Token, sent: Span) -> tuple[tuple[int, int], bool] | None:
    """ "He said:" with the words in the next sentence or paragraph: they are the content."""
    nxt = cue.i + 1
    while nxt < sent.end and cue.doc[nxt].dep_ in ("prt", "advmod", "npadvmod", "prep"):
        nxt += 1
    if nxt >= len(cue.doc) or cue.doc[nxt].text != ":":
        return None
    colon = cue.doc[nxt]
    start = colon.idx + 1
    end = sent.end_char
    if end - start < 3 and sent.end < len(cue.doc):
        end = cue.doc[sent.end].sent.end_char  # the quotation is the next sentence
    return (start, end), bool(_QUOTE.search(text_of(cue.doc)[start:end]))


# Verbs that always report words: when the parse hangs their "that" clause elsewhere
# ("said earlier on Friday during a news conference that he may wait"), the clause is still theirs.
_SPEECH_VERBS = EN.set("verbs.speech")


def _that_clause(cue: Token, sent: Span) -> tuple[tuple[int, int], bool] | None:
    for tok in sent.doc[cue.i + 1 : sent.end]:
        if tok.lower_ == "that" and tok.dep_ == "mark":
            return (tok.idx, sent.end_char), False  # "that" included, as attribution corpora mark it
        if tok.is_punct and tok.text in ".;:":
            break
    return None


def _around(cue: Token, sent: Span) -> tuple[tuple[int, int], bool] | None:
    """A cue set inside or after what is said: "So that, I said, is why I went", or
    "Carson continued." right after a sentence that ends in a quotation."""
    head = cue.head
    if cue.dep_ == "parataxis" and head.i != cue.i and head.pos_ in ("VERB", "AUX"):
        inside = range(cue.left_edge.i, cue.right_edge.i + 1)
        words = [t for t in head.subtree if t.i not in inside and not t.is_punct]
        if words:
            start, end = span_of(words)
            return (start, end), any(q[0] <= start and end <= q[1] + 1 for q in _quotes_in(sent))
    if cue.dep_ == "ROOT" and len(sent) <= 8 and not _quotes_in(sent) and sent.start > 0:
        before = cue.doc[sent.start - 1].sent
        quotes = _quotes_in(before)
        if quotes and before.end_char - quotes[-1][1] <= 4:
            return quotes[-1], True
    return None


def _colon_before_quote(sent: Span) -> list[_Found]:
    """ "Wait, it gets better:" and a quoted paragraph: the colon attributes the quotation."""
    last = [t for t in sent if not t.is_space]
    if not last or last[-1].text != ":" or sent.end >= len(sent.doc):
        return []
    nxt = sent.doc[sent.end].sent
    quotes = _quotes_in(nxt)
    if not quotes or quotes[0][0] - nxt.start_char > 2:
        return []
    return [_Found(last[-1], None, quotes[0], True)]


_LABELS = EN.set("speakers.labels")
_PEOPLE_NOUNS = (
    EN.set("kin_nouns")
    | EN.set("nouns.counsel")
    | EN.set("nouns.back_reference")
    | EN.set("nouns.female_person")
    | EN.set("nouns.male_person")
    | _SPOKES
    | _INSTITUTIONS
)
_AGENT_NOUN = re.compile(rf"{EN.alternation('agent_noun_endings')}s?$")


def _speaking_noun(tok: Token) -> bool:
    """A noun for someone who can speak: "Lawyer", "Mother", "Activists" (not "Watch", "The charge")."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.lower_ in _LABELS:
        return False
    lemma = tok.lemma_.lower()
    return lemma in _PEOPLE_NOUNS or tok.lower_ in _PEOPLE_NOUNS or bool(_AGENT_NOUN.search(tok.lower_))


_DASHES = ("-", "—", "–", "--")


def _headline_colon(sent: Span) -> list[_Found]:
    """ "McCain: Populist anger appeals to bad angels": a short name, a colon, what the named one says;
    also a role before a quotation ("Lawyer: 'My client was tortured'") and a name after a dash
    ("Pollsters agree - Carl Bialik: 'One lesson ...'")."""
    out: list[_Found] = []
    for tok in sent:
        if tok.text != ":" or tok.i == sent.start or sent.end - tok.i < 4:
            continue
        begin = max([t.i + 1 for t in sent.doc[sent.start : tok.i] if t.text in _DASHES], default=sent.start)
        left = sent.doc[begin : tok.i]
        # a verb makes it a sentence, not a label; "jailed activist" is a noun phrase
        if (
            not len(left)
            or len(left) > 6
            or any(t.pos_ in ("VERB", "AUX") and t.dep_ != "amod" for t in left)
        ):
            continue
        head = max(left, key=lambda t: (t.head.i < left.start or t.head.i >= left.end, t.i))
        quoted = sent.doc[tok.i + 1].text in ("'", '"', "“", "‘", "«")
        named = any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in left)
        if not named and not (quoted and _speaking_noun(head)):
            continue
        start = sent.doc[tok.i + 1].idx
        out.append(
            _Found(
                tok, head, (start, sent.end_char), bool(_QUOTE.search(sent.text[start - sent.start_char :]))
            )
        )
        break
    return out


def find_claims(sent: Span, onto: Ontology, learned: frozenset[str] = frozenset()) -> list[_Found]:
    """Attribution acts in a sentence. `learned` widens the cue verbs beyond the ontology's own
    (every attribution, as PolNeAR marks them, not only the statements a case file keeps)."""
    found: list[_Found] = []
    quotes = _quotes_in(sent)
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma in _THOUGHT and any(q[0] <= tok.idx < q[1] for q in quotes):
            continue  # "I think", "you know" inside someone's quoted words: part of what they say
        extra = lemma in learned and lemma not in onto.claim_cues
        if tok.pos_ not in ("VERB", "AUX") or (lemma not in onto.claim_cues and not extra):
            continue
        weak = lemma in onto.weak_cues
        if (
            lemma == "call"
            and not extra
            and not any(c.dep_ == "prep" and c.lower_ in ("on", "upon", "for") for c in tok.children)
            and _label_of(tok) is None
        ):
            continue  # "call" attributes only as a demand (called for) or a label (called it a sham)
        content = _content_of(tok, sent, weak, extra or lemma in onto.object_cues)
        if content is None:
            content = _after_colon(tok, sent)
        if content is None and not weak:
            content = _around(tok, sent)
        if content is None and lemma in _SPEECH_VERBS:
            content = _that_clause(tok, sent)
        if content is None:
            continue
        found.append(_Found(tok, _speaker_token(tok), content[0], content[1]))
    found.extend(_headline_colon(sent))
    if not found:
        found.extend(_colon_before_quote(sent))
    for m in _according(load_ontology().claim_phrases).finditer(sent.text):
        start = sent.start_char + m.end()
        span = sent.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None:
            continue
        obj = span.root
        # the phrase's object: the head noun of "the Ministry press office"
        while (
            obj.head.i != obj.i
            and obj.head.dep_ != "prep"
            and obj.dep_ in ("compound", "amod", "det", "poss")
        ):
            obj = obj.head
        comma = sent.text.find(",", m.end())
        if comma > 0:
            content_span = (sent.start_char + comma + 1, sent.end_char)
        else:
            content_span = (sent.start_char, sent.start_char + m.start())
        cue_tok = sent.doc.char_span(
            sent.start_char + m.start(), sent.start_char + m.start() + 9, alignment_mode="expand"
        )
        if cue_tok is None:
            continue
        found.append(_Found(cue_tok[0], obj, content_span, False))
    return found


_OPENING, _CLOSING = '“"', '”"'


def _closing_mark(text: str, end: int) -> int | None:
    """Where a closing mark right after the words (and the stop inside it) ends."""
    close = end
    while close < len(text) and close - end < 2 and text[close] in ".,?!":
        close += 1
    if text[close : close + 2] == "''":
        return close + 2
    if close < len(text) and text[close] in _CLOSING:
        return close + 1
    return None


def _with_quotes(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A quotation's content with its quotation marks and the stop inside them, as attribution
    corpora mark it (PolNeAR train: 862 quoted contents start with the mark, 9 just after it)."""
    start, end = span
    opening = (
        2 if text[max(0, start - 2) : start] == "''" else 1 if start and text[start - 1] in _OPENING else 0
    )
    if not opening:
        # 'called the mayor a “liar” who was not “honorable.”': a mark opened inside the words
        # closes after their stop
        words = text[start:end]
        if words.count("“") > words.count("”") or words.count('"') % 2:
            close = _closing_mark(text, end)
            if close is not None:
                return start, close
        return span
    close = _closing_mark(text, end)
    return (start - opening, close) if close is not None else span


def _source_words(speaker: Token, cue: Token, content: tuple[int, int]) -> list[Token]:
    """The speaker's phrase: its subtree, without the cue or the content it may govern
    ("Amnesty International: ..." parses with the headline hanging from the name)."""
    words = {t.i for t in speaker.subtree if t.i != cue.i and not content[0] <= t.idx < content[1]}
    lo = hi = speaker.i
    while lo - 1 in words:
        lo -= 1
    while hi + 1 in words:
        hi += 1
    doc = speaker.doc
    while lo < speaker.i and doc[lo].is_punct:
        lo += 1
    while (
        hi > speaker.i
        and doc[hi].is_punct
        and not (doc[hi].text == ")" and any(doc[i].text == "(" for i in range(lo, hi)))
    ):  # "Sen. Ron Johnson (R-Wis.)" keeps its bracket
        hi -= 1
    return [doc[i] for i in range(lo, hi + 1)]


def _strip(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    while s < e and (text[s] in ",.;:\"“”‘’'" or text[s].isspace()):
        s += 1
    while e > s and (text[e - 1] in ",.;:\"“”‘’'" or text[e - 1].isspace()):
        e -= 1
    return s, e


@dataclass
class Attribution:
    """Any attribution act: a cue, its content, and its source when the text gives one.

    Claims are the attributions a case file keeps: those whose source the text anchors
    to someone (a person, an organisation, "his relatives")."""

    cue: str
    cue_span: tuple[int, int]
    content: tuple[int, int]
    source_span: tuple[int, int] | None
    speaker: str | None
    direct: bool
    sentence: tuple[int, int]
    flags: list[str]
    # the quotation that goes on after the cue ("“He is innocent,” his sister said. “They beat him.”")
    continued: tuple[int, int] | None = None


# Words after a cue verb that attribution corpora count as part of the cue ("called for", "talked about");
# measured on PolNeAR train, where each is inside the cue far more often than not.
_CUE_PREPS = EN.set("prepositions.cue")


def _cue_words(cue: Token) -> list[Token]:
    """The verb group as attribution corpora mark cues: "has often said", "did not respond",
    "called for", "also said Friday", "said:" (the colon that opens a quotation)."""
    out = [cue]
    i = cue.i - 1
    while i >= cue.sent.start:
        tok = cue.doc[i]
        if tok.head.i == cue.i and (
            tok.dep_ in ("aux", "auxpass", "neg") or (tok.dep_ == "advmod" and tok.pos_ in ("ADV", "PART"))
        ):
            out.append(tok)
            i -= 1
            continue
        break
    out.extend(c for c in cue.children if c.dep_ == "prt")
    j = cue.i + 1
    while j < cue.sent.end:
        tok = cue.doc[j]
        if tok.head.i != cue.i:
            break
        if tok.dep_ == "prt" or (tok.dep_ in ("advmod", "npadvmod") and tok.pos_ in ("ADV", "PROPN", "NOUN")):
            out.append(tok)
            j += 1
            continue
        if (tok.dep_ == "prep" and tok.lower_ in _CUE_PREPS) or tok.text == ":":
            out.append(tok)
        break
    return out


def _continued(
    doc: Doc, sent: Span, content: tuple[int, int], cue: tuple[int, int]
) -> tuple[int, int] | None:
    """ "“He is innocent,” his sister said. “They beat him.”": a quotation that opens right after the
    sentence whose cue follows a quotation goes on with the same speaker's words (in one paragraph)."""
    text = text_of(doc)
    if content[1] > cue[0]:
        return None
    end = len(text[: sent.end_char].rstrip())
    quotes = _doc_quotes(doc)
    nxt = bisect_right(quotes, end, key=lambda q: q[0])  # the first quotation after the sentence
    if nxt < len(quotes) and not text[end : quotes[nxt][0]].strip(" \t\u00a0\"“'"):
        return _with_quotes(text, quotes[nxt])
    return None


def _source_head(speaker: Token) -> Token:
    """ "One of his advisers, Tad Devine, said": Tad Devine speaks, and the source is the whole phrase."""
    head = speaker.head
    if speaker.dep_ == "appos" and head.i < speaker.i and head.dep_ in ("nsubj", "nsubjpass"):
        return head
    return speaker


def _closing_comma(text: str, source: tuple[int, int], cue: tuple[int, int]) -> tuple[int, int]:
    """ "Mayra Gonzalez, a cook at the hotel, said": a source set off by commas keeps the comma that
    closes it, as attribution corpora mark it (PolNeAR train: 886 of 999 such sources)."""
    start, end = source
    if end <= cue[0] and "," in text[start:end] and text[end : cue[0]].strip() == ",":
        return start, text.index(",", end) + 1
    return source


@lru_cache(maxsize=1)
def learned_cues(min_rate: float = 0.3) -> frozenset[str]:
    """Cue verbs learned from PolNeAR train (tools/learn_attribution_cues.py). 0.3, the lowest rate
    learned, gave the best F1 on a train sample (source, cue and content alike), so every one is used."""
    data = json.loads(files("casework").joinpath("data", "attribution_cues.json").read_text(encoding="utf-8"))
    return frozenset(lemma for lemma, rate in data["cues"].items() if rate >= min_rate)


def extract_attributions(
    doc: Doc, index: EntityIndex, *, learned: frozenset[str] | None = None
) -> list[Attribution]:
    onto = load_ontology()
    text = text_of(doc)
    cues = learned_cues() if learned is None else learned
    out: list[Attribution] = []
    for sent in doc.sents:
        for f in find_claims(sent, onto, cues):
            speaker = _speaker_entity(f.speaker_tok, index) if f.speaker_tok is not None else None
            start, end = _strip(text, f.content)
            if end - start < 3:
                continue
            start, end = _with_quotes(text, (start, end))
            is_according = f.cue.lower_ == "according"
            cue_span = (f.cue.idx, f.cue.idx + (12 if is_according else len(f.cue.text)))
            if not is_according:
                cue_span = span_of(_cue_words(f.cue))
            sp_span = None
            if f.speaker_tok is not None:
                sp_span = _closing_comma(
                    text, span_of(_source_words(_source_head(f.speaker_tok), f.cue, (start, end))), cue_span
                )
            out.append(
                Attribution(
                    cue=text[cue_span[0] : cue_span[1]],
                    cue_span=cue_span,
                    content=(start, end),
                    source_span=sp_span,
                    speaker=speaker,
                    direct=f.direct,
                    sentence=(sent.start_char, sent.end_char),
                    flags=_flags(f.cue, text[start:end], onto),
                    continued=_continued(doc, sent, (start, end), cue_span) if f.direct else None,
                )
            )
    out.extend(a for a in _dash_attributions(text, index, onto) if not any(_overlaps(a, b) for b in out))
    return out


# A quotation signed with a dash: '"We are afraid." ― Carla Sanchez', and embedded posts:
# "Text of the post — Paul Ryan (@SpeakerRyan) July 5, 2016".
_SP = r"[ \t\u00a0]"
_SIGNED_QUOTE = re.compile(
    rf"[“\"](?P<content>[^“”\"\n]{{3,}})[”\"][.,]?{_SP}*(?P<cue>[―—]|--){_SP}*"
    rf"(?P<source>[A-Z][\w'’-]*\.?(?:{_SP}+[A-Z][\w'’-]*\.?){{0,4}})(?={_SP}*(?:[,;]|$))",
    re.MULTILINE,
)
_SIGNED_POST = re.compile(
    # the content ends on a non-blank: else every blank of a long run starts a scan of the rest of it
    rf"^(?:<tweet>)?(?P<content>[^\n]{{10,}}?)(?<!{_SP}){_SP}+(?P<cue>[―—]|--){_SP}+"
    rf"(?P<source>[A-Z][^()\n]{{1,60}}?{_SP}+\(@\w{{1,30}}\))",
    re.MULTILINE,
)


def _overlaps(a: Attribution, b: Attribution) -> bool:
    return a.content[0] < b.content[1] and b.content[0] < a.content[1]


def _dash_attributions(text: str, index: EntityIndex, onto: Ontology) -> list[Attribution]:
    out: list[Attribution] = []
    for rx in (_SIGNED_QUOTE, _SIGNED_POST):
        for m in rx.finditer(text):
            start, end = _with_quotes(text, _strip(text, m.span("content")))
            if end - start < 3:
                continue
            src = m.span("source")
            if text[src[1] - 1] == "." and not re.search(r"\b[A-Z]\.$", text[src[0] : src[1]]):
                src = (src[0], src[1] - 1)  # the sentence's full stop, not an initial
            out.append(
                Attribution(
                    cue=m.group("cue"),
                    cue_span=m.span("cue"),
                    content=(start, end),
                    source_span=src,
                    speaker=index.at(*src),
                    direct=True,
                    sentence=(m.start(), m.end()),
                    flags=["hedged"] if hedged(text[start:end], onto) else [],
                )
            )
    return out


def hedged(content: str, onto: Ontology) -> bool:
    low = content.lower()
    return any(re.search(rf"(?<!\w){re.escape(h)}(?!\w)", low) for h in onto.hedges)


def _flags(cue: Token, content: str, onto: Ontology) -> list[str]:
    flags = []
    if hedged(content, onto):
        flags.append("hedged")
    if cue.lemma_.lower() in onto.denials or (
        any(c.dep_ == "neg" for c in cue.children) and cue.lemma_ != "know"
    ):
        flags.append("denied")
    return flags
