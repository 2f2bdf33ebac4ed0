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
