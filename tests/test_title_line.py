"""A report's first line is its title only when it looks like a headline; a sentence stays in the body."""

from __future__ import annotations

import pytest

from casework.ingest.text import clean_text

BODY = "The Interior Ministry did not comment on the case.\n\nHis family said they had not been told."


@pytest.mark.parametrize(
    "first",
    [
        "Police in Osh detained the blogger Aida Usenova on Friday, her lawyer said",
        "Security officers in Bishkek on Tuesday evening detained a local journalist who had written "
        "about a land dispute near the lake",
        "A court in Almaty, the country's largest city, sentenced the activist to five years",
        "The activist was taken from her home at night according to her neighbours",
    ],
)
def test_a_first_sentence_without_a_full_stop_stays_in_the_body(first: str) -> None:
    out = clean_text(f"{first}\n\n{BODY}")
    assert out.title is None
    assert out.body.startswith(first)


@pytest.mark.parametrize(
    "headline",
    [
        "Photographer detained in Tashkent after border crossing",
        "Kyrgyz blogger sentenced to five years over posts",
        "Uzbekistan: journalist missing since March",
    ],
)
def test_a_headline_is_taken_as_the_title(headline: str) -> None:
    out = clean_text(f"{headline}\n\n{BODY}")
    assert out.title == headline and out.body.startswith("The Interior Ministry")
