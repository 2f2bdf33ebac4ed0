"""Sentence spans around single newlines: a heading glued to its paragraph is a sentence of its own;
wrapped prose is not cut at its line ends."""

from __future__ import annotations

import pytest

from casework.nlp import split_sentences


def _pieces(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Journalist detained over post\nBISHKEK, Jan 12 - Police detained the journalist Aida Usenova "
            "on Thursday over a post, her lawyer said.",
            ["Journalist detained over post", "BISHKEK, Jan 12 - Police detained the journalist Aida Usenova "
             "on Thursday over a post, her lawyer said."],
        ),
        # a subheading inside the body
        (
            "Russia visit\nSeveral months after he first came to the attention of the police, he left the country.",
            ["Russia visit", "Several months after he first came to the attention of the police, he left the country."],
        ),
    ],
)  # fmt: skip
def test_a_heading_glued_by_one_newline_is_a_sentence(text: str, want: list[str]) -> None:
    assert _pieces(text) == want


@pytest.mark.parametrize(
    "text",
    [
        # the line ends on a word a sentence goes on from
        "The court heard that\nMr Smith was arrested in the town of Osh after a long chase by the police.",
        # lines of about one length: wrapped prose
        "Police in Osh said the man was detained late\nMonday and was later charged with theft in the city.",
    ],
)
def test_wrapped_prose_is_not_cut_at_its_line_ends(text: str) -> None:
    assert len(_pieces(text)) == 1


def test_case_names_months_and_titles_do_not_end_a_sentence() -> None:
    text = (
        "The court cited Karimov v. Kyrgyzstan. He was detained on Mar. 15 and charged on Apr. 2. "
        "Det. Sgt. Aibek Osmonov led the raid. Pres. Japarov spoke."
    )
    assert _pieces(text) == [
        "The court cited Karimov v. Kyrgyzstan.",
        "He was detained on Mar. 15 and charged on Apr. 2.",
        "Det. Sgt. Aibek Osmonov led the raid.",
        "Pres. Japarov spoke.",
    ]


def test_two_apostrophes_open_a_quoted_sentence() -> None:
    text = "''Time is running out,'' he said. ''Nobody will care next year.''"
    assert _pieces(text) == ["''Time is running out,'' he said.", "''Nobody will care next year.''"]


def test_a_caption_or_a_few_words_on_a_line_are_their_own_sentence() -> None:
    text = "Image caption, Supporters outside the court\nThe journalist was charged with fraud on Friday."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Image caption, Supporters outside the court",
        "The journalist was charged with fraud on Friday.",
    ]
    text = "Advertisement\nPolice arrested the opposition leader."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Advertisement",
        "Police arrested the opposition leader.",
    ]
