from hypothesis import given
from hypothesis import strategies as st

from casework.extract.timexes import find_timexes, value_timexes


def values(text: str, published: str | None = None) -> dict[str, str | None]:
    return {t.text: t.value for t in value_timexes(text, published)}


def anchors(text: str, published: str | None = None) -> dict[str, str]:
    return {t.text: t.anchor for t in value_timexes(text, published)}


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
    assert got["the 1990s"] == "199"  # TimeML writes a decade as its first three digits


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


def test_weekdays_follow_the_tense_of_their_clause() -> None:
    got = values(
        "He was arrested Tuesday. The court will hear the case on Friday.", "2005-01-12"
    )  # Wednesday
    assert got["Tuesday"] == "2005-01-11"
    assert got["Friday"] == "2005-01-14"
    assert values("It happened on Wednesday.", "2005-01-12")["Wednesday"] == "2005-01-12"


def test_timeml_conventions_for_vague_quarters_decades_and_clock_times() -> None:
    text = "Profit fell in the third quarter from a year ago; now it is 10:30 a.m. and the 1990s are over."
    got = values(text, "1999-11-02")
    assert got["the third quarter"] == "1999-Q3"
    assert got["a year ago"] == "1998-Q3"  # a report on quarterly results compares quarters
    assert got["now"] == "PRESENT_REF"
    assert got["10:30 a.m."] == "1999-11-02T10:30"
    assert got["the 1990s"] == "199"


def test_ages_counts_and_words_that_only_look_like_times() -> None:
    got = values("The 6-year-old boy and 12 Americans saw 2000 people in 1998 and a 1996 law.", "1999-01-01")
    assert "6-year-old" not in got and not any("Am" in k for k in got)
    assert "2000" not in got
    assert got["1998"] == "1998" and got["1996"] == "1996"


def test_a_weekday_before_its_date_is_one_expression() -> None:
    got = values("The vote is set for Monday, Oct. 26, and the results came on Friday Oct. 23.", "1998-10-25")
    assert got == {"Monday, Oct. 26": "1998-10-26", "Friday Oct. 23": "1998-10-23"}


def test_an_undated_day_leans_to_the_past_unless_the_clause_looks_ahead() -> None:
    # Oct. 23 is 170 days ahead of May 6 and 195 back: a report tells what happened
    got = values("Investigators have searched for him since the Oct. 23 killing.", "1999-05-06")
    assert got["Oct. 23"] == "1998-10-23"
    got = values("The court will hear the appeal on Oct. 23.", "1999-05-06")
    assert got["Oct. 23"] == "1999-10-23"
    got = values("Sales rose in the year ended March 31.", "1989-11-01")
    assert got["March 31"] == "1989-03-31"
