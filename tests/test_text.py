import pytest

from casework.ingest.text import clean_text, parse_byline, split_blocks


def test_title_byline_and_boilerplate_are_kept_out_of_the_body() -> None:
    raw = (
        "Court frees blogger after two weeks in custody\n\n"
        "By Jane Doe and Ali Khan, Bishkek\n\n\n"
        "A blogger was freed on Monday.\nHe thanked his lawyers.\n\n"
        "The prosecutor said he would appeal.\n\n"
        "Read more\n\nShare this story\n"
    )
    out = clean_text(raw)
    assert out.title == "Court frees blogger after two weeks in custody"
    assert out.byline == ["Jane Doe", "Ali Khan"]
    assert (
        out.body
        == "A blogger was freed on Monday. He thanked his lawyers.\n\nThe prosecutor said he would appeal."
    )
    assert out.removed == ["Read more", "Share this story"]


def test_a_first_sentence_is_not_taken_for_a_title() -> None:
    out = clean_text("Police arrested three men on Tuesday.\n\nThey were released later.")
    assert out.title is None
    assert out.body.startswith("Police arrested")


def test_byline_needs_a_name_not_a_sentence() -> None:
    assert parse_byline("by Anne Kader") == ["Anne Kader"]
    assert parse_byline("BY: Maria Ivanova") == ["Maria Ivanova"]
    assert parse_byline("By the time police arrived, he had gone.") is None
    assert parse_byline("Bystanders watched") is None


def test_boilerplate_words_inside_the_story_are_kept() -> None:
    text = "Title line here\n\n" + "\n\n".join(f"Paragraph {i} of the story." for i in range(12))
    text += "\n\nRelated\n\nFollow us on social media"
    body = clean_text(text.replace("Paragraph 2 of", "Read more about paragraph 2 of")).body
    assert "Read more about paragraph 2" in body
    assert "Follow us" not in body


def test_blocks_join_wrapped_lines_and_drop_blank_runs() -> None:
    assert split_blocks("a\nb\r\n\r\n\n\nc  \n") == ["a b", "c"]


def test_datelines_give_the_place_and_the_day() -> None:
    from casework.ingest.text import read_dateline

    for line, place, day, agency in (
        ("OSH, March 4, 2021 — Police in Osh", "Osh", "2021-03-04", None),
        ("ALMATY (Reuters) - Kazakhstan said", "Almaty", None, "Reuters"),
        ("ALMATY, Jan 11, 2022 (Reuters) - Kazakhstan said", "Almaty", "2022-01-11", "Reuters"),
        ("NEW YORK, 4 March 2021 – A court", "New York", "2021-03-04", None),
        ("BISHKEK, Jan. 13 (AP) — the 2022 riots", "Bishkek", "2022-01-13", "AP"),  # the year from the text
    ):
        found = read_dateline(line)
        assert found is not None, line
        assert (found.place, found.published, found.agency) == (place, day, agency)
        assert line[found.length :][:1].isalpha()
    for line in ("Kazakhstan State TV has paraded - him", "OSH — a city", "USA - Today said", "Police said"):
        assert read_dateline(line) is None, line


@pytest.mark.slow
def test_a_dateline_dates_the_report_and_its_weekdays() -> None:
    from helpers import events_of, run

    doc = run(
        "OSH, March 4, 2021 — Police released the blogger Aida Usenova on Monday, her lawyer said. "
        "She had been detained in Osh on February 20.\n",
        raw=False,
    )
    assert doc.published == "2021-03-04" and doc.text.startswith("Police released")
    assert doc.meta["dateline"] == "Osh"
    (release,) = events_of(doc, "release")
    assert release.date is not None and release.date.value == "2021-03-01"  # the Monday before a Thursday
    known = run(
        "OSH, March 4, 2021 — Police released Aida Usenova on Monday.\n", published="2021-03-05", raw=False
    )
    assert known.published == "2021-03-05"  # a publication date given with the report wins


def test_a_file_name_or_url_can_carry_the_day() -> None:
    from casework.ingest.text import date_in_name

    assert date_in_name("in/2022-01-13-bishkek-release.txt") == "2022-01-13"
    assert date_in_name("https://example.org/news/2021/03/04/osh-blogger") == "2021-03-04"
    assert date_in_name("report_20220111.html") == "2022-01-11"
    assert date_in_name("case-2022-13-40.txt") is None and date_in_name("id-1234567890.txt") is None
    assert date_in_name(None) is None
