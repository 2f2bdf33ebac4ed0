import pytest

from casework.errors import InputRejected
from casework.ingest.decode import decode_bytes
from casework.ingest.language import detect_language


def test_utf8_and_boms() -> None:
    assert decode_bytes("a", "Жапаров said".encode()) == ("Жапаров said", "utf-8")
    text, enc = decode_bytes("b", "hello there".encode("utf-16"))
    assert text == "hello there" and enc == "utf-16"


def test_cp1251_cyrillic_is_decoded() -> None:
    original = "Министерство иностранных дел Кыргызстана вызвало посла Казахстана. " * 5
    text, enc = decode_bytes("c", original.encode("cp1251"))
    assert text == original
    assert enc.lower().replace("-", "") in {"cp1251", "windows1251"}


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b"   \n\t ", "empty"), (b"\x00\x01\x02binary\x00", "binary")],
)
def test_bad_bytes_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputRejected) as info:
        decode_bytes("report.txt", data)
    assert info.value.name == "report.txt"
    assert reason in info.value.reason


def test_language_guess() -> None:
    assert detect_language("The minister said that the man was detained in the capital.") == "en"
    assert detect_language("Министр сказал, что мужчина был задержан в столице.") == "ru"
    assert detect_language("Der Minister sagte, dass der Mann verhaftet wurde.") == "und"


def test_a_one_sentence_wire_brief_is_english() -> None:
    # few function words: "in", "more", "than", "among", "them"
    brief = (
        "Police in Tbilisi detained more than 20 protesters, among them opposition politician Nika Gvaramia."
    )
    assert detect_language(brief) == "en"
    assert (
        detect_language("Die Polizei nahm mehr als 20 Demonstranten fest, unter ihnen Nika Gvaramia.")
        == "und"
    )


def test_a_headline_length_brief_with_no_function_words_is_english_by_its_inflections() -> None:
    # no word of the English list at all, but "detained" and "including", and no other language's
    assert detect_language("Police detained 20 people, including Ermek Usenov.") == "en"
    assert detect_language("Polis 20 kişiyi gözaltına aldı, aralarında Ermek Usenov.") == "und"
    assert detect_language("Die Polizei nahm mehr als 20 Demonstranten fest.") == "und"


def test_a_four_word_brief_with_a_third_person_verb_is_english() -> None:
    assert detect_language("Tom Reed denies fraud.") == "en"


def test_a_possessive_marks_a_short_brief_as_english() -> None:
    assert detect_language("Tom Reed's whereabouts remain unknown.") == "en"


def test_a_one_line_brief_in_the_words_of_detention_news_is_english() -> None:
    assert detect_language("Police held Aziz Karimov overnight.") == "en"
    assert detect_language("Court frees Dina Orlova.") == "en"
    # a Dutch or German one-liner with "police"-like words stays unknown
    assert detect_language("Polizei nahm Aziz Karimov fest.") == "und"


def test_a_present_tense_headline_is_english() -> None:
    assert detect_language("Iran executes protester Mohsen Jafari") == "en"
    assert detect_language("Kyrgyz court jails journalist Bolot Temirov") == "en"
