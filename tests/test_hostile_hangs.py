"""Hostile input that used to hang casework: each cost must grow (about) linearly with the input.

The attack strings are made here; every assertion is a ratio of times on a long and a short input,
with a wide margin: linear growth gives about the size ratio, quadratic its square."""

from __future__ import annotations

import re

import pytest

from casework.check import relative
from casework.extract import claims, events, timexes
from casework.extract.claims import attributions
from casework.ingest import html, language, text
from casework.ingest.feeds import looks_like_feed
from casework.ingest.html import looks_like_html
from casework.nlp import _BOUNDARY, _PARAGRAPH, split_sentences
from casework.ontology import load_ontology
from casework.store import neardup
from timing import growth

# Every regex run over a whole report (finditer/findall/split). Those applied at one position
# (match(text, pos)) or to a short span (a name, a byline) cost at most the span, so are not here.
WHOLE_TEXT: dict[str, re.Pattern[str]] = {
    **{f"timexes.{kind}": rx for kind, rx in timexes._COMPILED},
    "timexes._QUARTERLY": timexes._QUARTERLY,
    "claims._SIGNED_POST": claims._SIGNED_POST,
    "claims._SIGNED_QUOTE": claims._SIGNED_QUOTE,
    "claims._QUOTE": claims._QUOTE,
    "claims._MARK": attributions._MARK,
    "claims.according": claims._according(load_ontology().claim_phrases),
    **{f"duress.{key}": rx for key, rx in load_ontology().duress.items()},
    "nlp._PARAGRAPH": _PARAGRAPH,
    "nlp._BOUNDARY": _BOUNDARY,
    "text._BLOCK_SPLIT": text._BLOCK_SPLIT,
    # the case checks run over sentences, and a hostile report can be one long sentence
    **{
        f"case_checks.{kind}.{i}": rx
        for kind, rxs in load_ontology().case_checks.items()
        for i, rx in enumerate(rxs)
    },
    **{
        f"undone_in_sentence.{name}": rx
        for name, et in load_ontology().events.items()
        for rx in et.undone_in_sentence
    },
    "relative._RELATIVE": relative._RELATIVE,
    "neardup._WORD": neardup._WORD,
    "language._WORD": language._WORD,
    "html._CLOSING": html._CLOSING,
    **{f"events.{k}": v for k, v in vars(events).items() if isinstance(v, re.Pattern)},
}
# Runs that made one of them backtrack over the rest of the run at each position.
ATTACKS = [" ", "\u00a0", "\n ", "\n \n", "a —", "Mr. The ", "1 2 ", "“a "]


@pytest.mark.parametrize("name", sorted(WHOLE_TEXT))
def test_every_whole_text_regex_is_linear(name: str) -> None:
    rx = WHOLE_TEXT[name]
    # One run of each attack after another: a quadratic one dominates the long text on its own.
    small = "\n\n".join(unit * (600 // len(unit)) for unit in ATTACKS)
    large = "\n\n".join(unit * (9600 // len(unit)) for unit in ATTACKS)
    ratio = growth(lambda s: sum(1 for _ in rx.finditer(s)), small, large)
    assert ratio < 100, f"{name}: 16x the input took {ratio:.0f}x the time"


@pytest.mark.parametrize("sniff", [looks_like_html, lambda s: looks_like_feed(s.encode())])
def test_sniffing_past_empty_comments_is_linear(sniff: object) -> None:
    # Each two more "<!---->" cost four times as much: 40 of them never finished.
    fn = sniff  # type: ignore[assignment]
    ratio = growth(fn, "<!---->" * 6 + "x", "<!---->" * 14 + "x")  # type: ignore[arg-type]
    assert ratio < 20, f"8 more comments took {ratio:.0f}x the time"


def test_sniffing_still_sees_html_and_feeds_after_comments() -> None:
    assert looks_like_html("<!-- a -->\n<!-- b --><!DOCTYPE html><p>x")
    assert not looks_like_html("<!-- never closed <html>")
    assert looks_like_feed(b'\xef\xbb\xbf<?xml version="1.0"?><!-- c --><rss version="2.0">')


def test_sentence_splitting_past_abbreviations_is_linear() -> None:
    # No split after "Mr.": each candidate boundary used to search the whole unsplit run again.
    ratio = growth(split_sentences, "Mr. The " * 500, "Mr. The " * 8000)
    assert ratio < 100, f"16x the text took {ratio:.0f}x the time"
    assert split_sentences("Mr. Smith left. Dr. Jones came.") == [(0, 15), (16, 31)]


def test_timex_selection_is_linear_in_the_matches() -> None:
    # Each candidate was compared with every one kept, and each undated one with every explicit date.
    unit = "May 4, 2024. "
    ratio = growth(lambda s: timexes.value_timexes(s, None), unit * 100, unit * 6400)
    assert ratio < 200, f"64x the dates took {ratio:.0f}x the time"


@pytest.mark.slow
def test_timexes_are_found_only_in_the_parsed_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from casework import pipeline
    from helpers import run

    monkeypatch.setattr(pipeline, "MAX_CHARS", 120)
    body = "Police detained Aibek Sadykov on May 4, 2024 in Bishkek, his lawyer said. " * 6
    doc = run(body)
    assert doc.timexes and all(t.end <= 120 for t in doc.timexes)


def test_setting_sentence_starts_is_linear_in_the_tokens() -> None:
    import spacy

    from casework.nlp import set_sentence_starts

    blank = spacy.blank("en")
    small, large = blank.make_doc("Mr. The end. " * 200), blank.make_doc("Mr. The end. " * 1600)
    # Each `token.is_sent_start = ...` scanned the whole Doc: quadratic in the tokens.
    ratio = growth(set_sentence_starts, small, large)
    assert ratio < 30, f"8x the tokens took {ratio:.0f}x the time"
    doc = set_sentence_starts(blank.make_doc("Mr. Smith left. Dr. Jones came."))
    assert [t.text for t in doc if t.is_sent_start] == ["Mr.", "Dr."]


def test_looking_entities_up_by_id_is_linear_in_the_entities() -> None:
    from casework.extract.entities import EntityIndex

    def index_of(n: int) -> EntityIndex:
        index = EntityIndex(entities=[])
        for i in range(n):
            index.new_entity("person", f"Person {i}", i, i + 1)
        return index

    def look_up_all(index: EntityIndex) -> None:
        for ent in index.entities:
            assert index.by_id(ent.id) is ent

    # A long report has thousands of entities; each lookup scanned them all.
    ratio = growth(look_up_all, index_of(200), index_of(3200))
    assert ratio < 100, f"16x the entities took {ratio:.0f}x the time"


def test_quotations_per_sentence_are_found_without_rescanning_the_report() -> None:
    # Every sentence looked through every quotation of the report: a quoted report of n sentences cost n².
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    unit = '"They beat him." She said so. '

    def per_sentence(doc: spacy.tokens.Doc) -> None:
        for sent in doc.sents:
            attributions._quotes_in(sent)

    ratio = growth(per_sentence, nlp(unit * 100), nlp(unit * 1600))
    assert ratio < 100, f"16x the sentences took {ratio:.0f}x the time"
