"""The date patterns are built from the language pack: a pack that is English but for made-up month
and weekday names finds and values its own dates and not English ones. Fails if a month or weekday
name is written into the timex code again."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml

from casework.errors import ConfigError
from casework.extract.timexes import build_tables, find_timexes, value_timexes
from casework.languages import register_words, unregister_words, words

TOY = "xx"
TOY_MONTHS = ["Ianuaro", "Februaro", "Marto", "Aprilo", "Majo", "Junio", "Julio", "Augusto",
              "Septembro", "Oktobro", "Zorvembro", "Decembro"]  # fmt: skip
TOY_WEEKDAYS = ["Lundo", "Mardo", "Merkredo", "Jaudo", "Vendredo", "Sabato", "Dimanco"]


def _english() -> dict[str, Any]:
    text = files("casework").joinpath("data", "lang", "en.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@pytest.fixture
def toy_pack(tmp_path: Path) -> Iterator[None]:
    data = _english()
    data["language"] = TOY
    timex = data["timex"]
    timex["months"] = [[name, name[:3] + "."] for name in TOY_MONTHS]
    timex["months_in_context"] = []
    timex["weekdays"] = TOY_WEEKDAYS
    path = tmp_path / f"{TOY}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    register_words(TOY, path)
    yield
    unregister_words(TOY)


@pytest.mark.usefixtures("toy_pack")
def test_a_pack_month_name_is_found_and_valued() -> None:
    text = "Bakyt Asanov was detained on 3 Zorvembro 2021 and charged on Zor. 9, 2021."
    dates = [(x.text, x.value) for x in value_timexes(text, None, language=TOY)]
    assert dates == [("3 Zorvembro 2021", "2021-11-03"), ("Zor. 9, 2021", "2021-11-09")]
    # the English pack knows no such month
    assert "2021-11-03" not in {x.value for x in value_timexes(text, None)}


@pytest.mark.usefixtures("toy_pack")
def test_a_pack_weekday_is_resolved_against_the_publication_date() -> None:
    text = "He was freed last Vendredo, and his lawyer spoke on Sunday."
    dates = [(x.text, x.value) for x in value_timexes(text, "2021-06-16", language=TOY)]
    # 16 June 2021 was a Wednesday; "Sunday" is no weekday in the toy pack
    assert dates == [("last Vendredo", "2021-06-11")]


@pytest.mark.usefixtures("toy_pack")
def test_english_names_are_not_found_by_the_toy_pack() -> None:
    assert [m.kind for m in find_timexes("on 3 November 2021", TOY)] == ["year"]
    assert [m.kind for m in find_timexes("on 3 November 2021")] == ["dmy"]


def test_a_pack_without_a_word_list_names_it(tmp_path: Path) -> None:
    data = _english()
    del data["timex"]["weekdays"]
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    try:
        with pytest.raises(ConfigError, match=r"timex\.weekdays"):
            build_tables(register_words("zz", path))
    finally:
        unregister_words("zz")
    assert words("en").code == "en"
