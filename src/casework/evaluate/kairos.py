"""`casework eval kairos`: events against an event corpus annotated by another group (WikiEvents, KAIROS).

The file is WikiEvents' JSON Lines: one article a line, its `tokens` and its
`event_mentions` (a type, a trigger as token offsets, arguments with roles).
KAIROS types map to casework's as the corpus README states: ArrestJailDetain →
detention, ReleaseParole → release, ChargeIndict → charge, TrialHearing → trial,
Sentence and Convict → sentence, Extradite → deportation, Demonstrate → protest,
Life.Die with a Killer → killing.

Matching is by type and sentence: a gold mention is found when casework has an
event of its type in the sentence of its trigger; a casework event is right when
a gold mention of its type is in its sentence. `with_participant` asks also that
one of the event's subjects is the mention's Detainee or Defendant (by the name
matcher; a participant given only as a pronoun is not checked). KAIROS marks sought and expected events too ("faces charges"), which
casework leaves out on purpose, so recall here has a ceiling below 1.

Articles are split in two by their order in the file: the even ones are those
read while writing rules (in fold), the odd ones were never read (out of fold).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casework.errors import InputRejected
from casework.evaluate.gold_cases import cited_sentences, names_match
from casework.evaluate.scores import Score
from casework.ingest.loader import RawInput, load_document
from casework.languages import words
from casework.model import Document, Event
from casework.ontology import load_ontology
from casework.pipeline import annotate_many


def kairos_types() -> dict[str, tuple[str, str | None]]:
    """KAIROS type -> (casework type, the role a mention needs an argument in, if any): the
    ontology's `kairos:` lists."""
    out: dict[str, tuple[str, str | None]] = {}
    for name, et in load_ontology().events.items():
        for k in et.kairos:
            kind, _, role = k.partition("+")
            out[kind] = (name, role or None)
    return out


_PARTICIPANTS = {"Detainee", "Defendant", "Victim"}
# An argument given as a bare pronoun ("he", "his") cannot be checked by its text: the corpus gives
# no entity ids, so a subject resolved to the right name would count as wrong. Such mentions are left
# out of `with_participant` (they still count for `events`).
_PRONOUNS = (
    words("en").set("pronouns.singular") | words("en").set("pronouns.plural") | {"i", "we", "you", "me", "us"}
)
_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}]|'s|’s|n't|'|’)$")
_NO_SPACE_AFTER = {"(", "[", "{", "$", "“", "‘"}


@dataclass
class Mention:
    type: str
    start: int  # character offset of the trigger in the rebuilt text
    participants: list[str] = field(default_factory=list)


@dataclass
class Article:
    id: str
    text: str
    mentions: list[Mention]


def rebuild_text(tokens: list[str]) -> tuple[str, list[int]]:
    """The article as text (spaces where English puts them) and each token's character offset."""
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    previous = ""
    for tok in tokens:
        space = bool(parts) and not _NO_SPACE_BEFORE.match(tok) and previous not in _NO_SPACE_AFTER
        if space:
            parts.append(" ")
            pos += 1
        offsets.append(pos)
        parts.append(tok)
        pos += len(tok)
        previous = tok
    return "".join(parts), offsets


def _mapped(mention: dict[str, Any]) -> str | None:
    found = kairos_types().get(str(mention.get("event_type", "")))
    if found is None:
        return None
    name, role = found
    if role is not None and not any(a.get("role") == role for a in mention.get("arguments", [])):
        return None
    return name


def read_articles(path: Path) -> list[Article]:
    file = path / "train.jsonl" if path.is_dir() else path
    if not file.is_file():
        raise InputRejected(str(path), "expected a WikiEvents JSON Lines file (or a folder with train.jsonl)")
    out = []
    for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            text, offsets = rebuild_text([str(t) for t in data["tokens"]])
            mentions = []
            for m in data.get("event_mentions", []):
                kind = _mapped(m)
                if kind is None:
                    continue
                who = [
                    str(a["text"])
                    for a in m.get("arguments", [])
                    if a.get("role") in _PARTICIPANTS and str(a["text"]).lower() not in _PRONOUNS
                ]
                mentions.append(Mention(kind, offsets[int(m["trigger"]["start_idx"])], who))
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            raise InputRejected(f"{file}:{n}", f"not a WikiEvents article ({exc})") from exc
        out.append(Article(str(data.get("docid", n)), text, mentions))
    return out


def _covers(event: Event, pos: int) -> bool:
    return any(a <= pos < b for a, b in cited_sentences(event))


def _has_participant(doc: Document, event: Event, who: list[str]) -> bool:
    names = [n for s in event.subject if (ent := doc.entity(s)) for n in (ent.name, *ent.aliases)]
    return any(names_match(n, w) or n.casefold() in w.casefold() for n in names for w in who)


@dataclass
class KairosScores:
    documents: int = 0
    events: Score = field(default_factory=Score)
    with_participant: Score = field(default_factory=Score)
    by_type: dict[str, Score] = field(default_factory=dict)

    def add_document(self, article: Article, doc: Document) -> None:
        self.documents += 1
        scored = {name for name, _ in kairos_types().values()}
        mine = [e for e in doc.events if e.type in scored]
        named = [m for m in article.mentions if m.participants]
        hit = sum(
            any(
                m.type == e.type and _covers(e, m.start) and _has_participant(doc, e, m.participants)
                for e in mine
            )
            for m in named
        )
        self.with_participant.add(hit, hit, len(named), hit)
        # matching is within a type, so the whole score is the sum of the scores by type
        for kind in {m.type for m in article.mentions} | {e.type for e in mine}:
            kind_mine = [e for e in mine if e.type == kind]
            kind_gold = [m for m in article.mentions if m.type == kind]
            counts = (
                sum(any(_covers(e, m.start) for m in kind_gold) for e in kind_mine),
                len(kind_mine),
                len(kind_gold),
                sum(any(_covers(e, m.start) for e in kind_mine) for m in kind_gold),
            )
            self.by_type.setdefault(kind, Score()).add(*counts)
            self.events.add(*counts)

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "events": self.events.to_json(),
            "with_participant": {
                "recall": round(self.with_participant.recall, 4),
                "gold": self.with_participant.gold,
            },
            "by_type": {k: v.to_json() for k, v in sorted(self.by_type.items())},
        }


def evaluate_kairos(path: Path) -> dict[str, Any]:
    articles = read_articles(path)
    docs = annotate_many(
        [load_document(RawInput(a.id, a.text.encode("utf-8"), None), raw_text=True) for a in articles]
    )
    total, seen, unseen = KairosScores(), KairosScores(), KairosScores()
    for n, (article, doc) in enumerate(zip(articles, docs, strict=True)):
        if isinstance(doc, InputRejected):
            raise doc
        total.add_document(article, doc)
        (unseen if n % 2 else seen).add_document(article, doc)
    result = total.to_json()
    result["in_fold"] = seen.to_json()
    result["out_of_fold"] = unseen.to_json()
    return result
