from hypothesis import given
from hypothesis import strategies as st

from casework.extract.timexes import find_timexes, resolve_timexes


def values(text: str, published: str | None = None) -> dict[str, str | None]:
    return {t.text: t.value for t in resolve_timexes(text, published)}


def anchors(text: str, published: str | None = None) -> dict[str, str]:
    return {t.text: t.anchor for t in resolve_timexes(text, published)}


def test_explicit_forms() -> None:
    got = values("He left on 3 March 2019, returned March 9th, 2019, and wrote on 2019-04-01 and 12.05.2019.")
    assert got["3 March 2019"] == "2019-03-03"
    assert got["March 9th, 2019"] == "2019-03-09"
    assert got["2019-04-01"] == "2019-04-01"
    assert got["12.05.2019"] == "2019-05-12"


def test_relative_forms_resolve_against_the_publication_date() -> None:
    text = "Police said on Monday he was held yesterday, three weeks ago, last year and in October."
    got = values(text, "2005-01-12")  # a Wednesday
    assert got["Monday"] == "2005-01-10"
    assert got["yesterday"] == "2005-01-11"
    assert got["three weeks ago"] == "2004-W52"  # ISO 2004 has 53 weeks
    assert got["last year"] == "2004"
    assert got["October"] == "2004-10"
    assert set(anchors(text, "2005-01-12").values()) == {"published"}


def test_without_publication_date_a_day_and_month_follow_the_story() -> None:
    text = (
        "She booked the trip on November 20, 2019. She landed on January 5 and was "
        "held on January 7. She had planned to attend a Christmas party."
    )
    got = values(text)
    assert got["January 5"] == "2020-01-05"
    assert got["January 7"] == "2020-01-07"
    assert got["Christmas"] == "2019-12-25"
    assert anchors(text)["January 5"] == "context"


def test_unanchored_expressions_have_no_value() -> None:
    got = anchors("He was arrested on Friday and held for two days.")
    assert got["Friday"] == "none"
    assert values("He was arrested on Friday and held for two days.")["two days"] == "P2D"


def test_durations_and_decades() -> None:
    got = values("a three-year sentence, more than 18 months, about an hour, the 1990s", "2004-06-01")
    assert got["three-year"] == "P3Y"
    assert got["more than 18 months"] == "P18M"
    assert got["about an hour"] == "PT1H"
    assert got["the 1990s"] == "199X"


def test_words_that_only_look_like_dates_are_ignored() -> None:
    assert values("She may go. He will march on. They paid 2004 dollars.") == {}


@given(st.text(alphabet=st.sampled_from(list("abc 0123456789,.-/JanuryMchDeOtoSp")), max_size=80))
def test_spans_are_in_bounds_and_disjoint(text: str) -> None:
    found = find_timexes(text)
    last = -1
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.start >= last
        last = m.end
