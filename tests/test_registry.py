"""Components are chosen by versioned name; a new version replaces a stage without touching the pipeline."""

from __future__ import annotations

import pytest

from casework.errors import ConfigError
from casework.ingest.loader import RawInput, load_document
from casework.model import Timex
from casework.pipeline import TIMEXES, PipelineConfig, annotate


def test_an_unknown_component_is_a_clear_error() -> None:
    with pytest.raises(
        ConfigError, match=r"no timexes component named 'casework.timexes.v9' \(known: .*timexes.v1"
    ):
        TIMEXES.get("casework.timexes.v9")


@pytest.mark.slow
def test_a_registered_version_replaces_the_stage() -> None:
    def only_first_word(text: str, published: str | None) -> list[Timex]:
        return [Timex(0, 6, text[:6], "DATE", published, "published")]

    TIMEXES.register("test.first-word.v1")(only_first_word)
    raw = RawInput("t", b"Monday: police detained the lawyer Aida Usenova in Osh, her husband said.", None)
    doc = annotate(
        load_document(raw, raw_text=True, published="2024-03-11"),
        config=PipelineConfig(timexes="test.first-word.v1"),
    )
    assert [(t.text, t.value) for t in doc.timexes] == [("Monday", "2024-03-11")]
    assert doc.events and doc.claims  # the other stages ran as usual
