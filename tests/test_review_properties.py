"""Whatever a reviewer writes comes back as written: notes, tags and corrected places round-trip through
the store (Hypothesis), and nothing they write is read as markup or as SQL."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casework.case_files import list_cases, load_case
from casework.cli import cli
from casework.errors import BadRequest
from casework.review.decide import annotate, decide
from casework.store.database import Store, open_store
from test_review import REPORT_A, REPORT_B

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("review-props")
    (folder / "a.txt").write_text(REPORT_A, encoding="utf-8")
    (folder / "b.txt").write_text(REPORT_B, encoding="utf-8")
    db = str(folder / "s.db")
    assert CliRunner().invoke(cli, ["ingest", "--quiet", "--db", db, str(folder)]).exit_code == 0
    return open_store(db)


# any text a person can type, surrogates aside (they cannot be stored as UTF-8)
TYPED = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300)


def _case_id(store: Store) -> str:
    with store.read() as conn:
        found = [c for c in list_cases(conn) if c.name == "Azamat Tursunov"]
    assert len(found) == 1
    return found[0].id


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TYPED)
def test_a_note_comes_back_as_written(store: Store, text: str) -> None:
    case_id = _case_id(store)
    try:
        d = annotate(store, "prop", "note", case_id, text)
    except BadRequest:  # only an empty note, or one with control characters, is refused
        assert not text.strip() or any(ord(c) < 32 and c not in "\t\n\r" for c in text)
        return
    with store.read() as conn:
        case = load_case(conn, case_id)
    assert case is not None
    assert case.review.notes[-1].text == text.strip() and case.review.notes[-1].decision == d.id


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TYPED)
def test_a_corrected_place_comes_back_as_written(store: Store, place: str) -> None:
    case_id = _case_id(store)
    with store.read() as conn:
        before = load_case(conn, case_id)
    assert before is not None
    ref = before.timeline[0].ref  # the same event every time: a later correction wins over an earlier one
    try:
        decide(store, "prop", "correct", ref, field="place", value=place)
    except BadRequest:
        return  # empty, too long, or the place it has already
    with store.read() as conn:
        case = load_case(conn, case_id)
    assert case is not None
    assert [e.place for e in case.events if e.ref == ref] == [place.strip()]
