"""The dev-gold negative controls: reports with lure words and no detention at all."""

import pytest

from casework.ingest.sources import iter_sources
from casework.ontology import case_types
from casework.pipeline import process
from conftest import DEV_GOLD, need

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("name", ["13", "14", "15", "16"])
def test_no_detention_type_event_in_negative_controls(name: str) -> None:
    path = need(DEV_GOLD / "articles" / f"{name}.txt")
    raw = next(iter(iter_sources([str(path)])))
    assert not isinstance(raw, Exception)
    doc = process(raw)
    assert [e.type for e in doc.events if e.type in case_types() | {"release"}] == []
