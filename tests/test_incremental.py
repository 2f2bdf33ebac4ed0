"""An incremental update equals a full rebuild: same people, same bodies, same case list, same
snapshots; and it logs each change in a case once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from sqlalchemy import select

from casework.batch import Batch
from casework.case_files import update_cases
from casework.cli import cli
from casework.edits import merge_people
from casework.incremental import update_changed_cases
from casework.ingest.loader import RawInput
from casework.store import schema as t
from casework.store.database import Store, open_store
from reports import report

# Fictional reports written for these tests: a fuller name of a body, a person named by surname
# only, a release, and a second person of a surname already held.
EXTRA = [
    "The Interior Ministry of the Kyrgyz Republic in Osh detained the blogger Talant Zhusupov on "
    "4 May 2024, his sister said.\n\nZhusupov was taken to a police station in Osh, she said.\n"
    "\nHe is 22 years old.\n",  # (its id sorts early: later mentions of him keep his person id)
    # a bare surname with two Zhusupovs in the store (with the third report) stays apart: unsure
    "Zhusupov was released on 9 May 2024 without charge, his lawyer said.\n\n"
    "The lawyer said Zhusupov had been questioned for five days.\n",
    "Police in Naryn detained Aibek Zhusupov, a farmer, on 2 June 2024, neighbours said.\n\n"
    "Aibek Zhusupov is no relation of the blogger, a cousin said.\n",
    # the blogger again, named as before: joins him by the form of the name
    "Investigators questioned the blogger Talant Zhusupov again on 8 May 2024, his sister said.\n",
    "The blogger Talant Zhusupov said on 10 May 2024 that he would appeal, his sister said.\n",
    "Friends of the blogger Talant Zhusupov gathered outside the court on 11 May 2024, his sister said.\n",
]


def _inputs(texts: list[str], tag: str) -> list[RawInput]:
    return [RawInput(f"{tag}{i}.txt", x.encode("utf-8"), f"{tag}{i}.txt") for i, x in enumerate(texts)]


def _add(store: Store, texts: list[str], tag: str) -> None:
    Batch(store).run(_inputs(texts, tag))


def _state(store: Store) -> dict[str, Any]:
    """Everything an update writes, order-free."""
    with store.read() as conn:
        j = t.judgements.c
        return {
            "people": sorted(map(tuple, conn.execute(select(t.person_links)).all())),
            "bodies": sorted(map(tuple, conn.execute(select(t.entity_links)).all())),
            "judgements": sorted(
                (r.left_key, r.right_key, r.decision, r.score, r.features)
                for r in conn.execute(select(t.judgements).where(j.source == "auto"))
            ),
            "cases": sorted(map(tuple, conn.execute(select(t.case_summaries)).all())),
            "snapshots": sorted(map(tuple, conn.execute(select(t.case_snapshots)).all())),
            "blocks": sorted(map(tuple, conn.execute(select(t.person_blocks)).all())),
            "pending": sorted(conn.execute(select(t.pending_documents.c.document_id)).scalars()),
        }


def _changes(store: Store) -> list[tuple[str, str, str]]:
    c = t.case_changes.c
    with store.read() as conn:
        return [
            (r.case_id, r.kind, r.key) for r in conn.execute(select(c.case_id, c.kind, c.key).order_by(c.id))
        ]


def test_incremental_update_equals_a_full_rebuild(database: str) -> None:
    store = open_store(database)
    try:
        _add(store, [report(i) for i in range(8)], "a")
        first = update_changed_cases(store)
        assert not first.full and first.documents == 8 and first.cases >= 6
        # a user's merge of two people of different surnames: the blocks it ties are resolved together
        with store.read() as conn:
            pl = t.person_links.c
            two = conn.execute(select(pl.document_id, pl.entity_id).order_by(pl.document_id).limit(2)).all()
        merge_people(store, f"{two[0][0]}:{two[0][1]}", f"{two[1][0]}:{two[1][1]}")
        total_before = len(_state(store)["cases"])
        _add(store, [report(i) for i in range(8, 14)] + EXTRA[:1], "b")
        second = update_changed_cases(store)
        assert not second.full and second.documents == 7
        assert second.cases < total_before + 7  # only the cases the new reports touch were rebuilt
        _add(store, [report(i) for i in range(3, 5)] + EXTRA[1:], "c")  # copies are duplicates, not news
        third = update_changed_cases(store)
        assert third.documents == 5 and third.cases <= 3
        # names seen before ("Omurov" again) join their person without their block resolved again
        assert first.same_form == 0 and second.same_form + third.same_form > 0
        incremental = _state(store)
        logged = _changes(store)
        assert incremental["pending"] == []
        assert len(logged) == len(set(logged))

        update_cases(store)  # the full rebuild, on the same store
        full = _state(store)
        for key in incremental:
            assert incremental[key] == full[key], key
        assert _changes(store) == logged  # a rebuild that changes nothing logs nothing

        assert {k for _, k, _ in logged} >= {"new-case", "new-finding"}
    finally:
        store.close()


def test_a_change_carries_the_case_and_the_sentences_that_state_it(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    _add(store, EXTRA[:1], "a")
    update_changed_cases(store)
    _add(store, EXTRA[1:2], "b")
    update_changed_cases(store)
    with store.read() as conn:
        c = t.case_changes.c
        rows = conn.execute(select(c.kind, c.detail).order_by(c.id)).all()
    store.close()
    assert [r.kind for r in rows][:2] == ["new-case", "status-change"]
    new, moved = (json.loads(r.detail) for r in rows[:2])
    assert new["case"]["name"] == "Talant Zhusupov"
    assert any("detained the blogger Talant Zhusupov" in e["text"] for e in new["evidence"])
    assert moved["change"] == {"what": "status", "from": "detained", "to": "released", "since": "2024-05-09"}
    assert any("released on 9 May 2024" in e["text"] for e in moved["evidence"])


def test_resolve_all_rebuilds_and_plain_resolve_brings_in_what_is_pending(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    store = open_store(db)
    _add(store, EXTRA[:3], "a")  # stored, not yet in the cases (as a run killed before its update leaves it)
    store.close()
    runner = CliRunner()
    plain = runner.invoke(cli, ["resolve", "--db", db])
    assert plain.exit_code == 0, plain.output
    assert "3 new reports" in plain.output and "cases rebuilt" in plain.output
    again = runner.invoke(cli, ["resolve", "--db", db])
    assert "0 new reports" in again.output
    full = runner.invoke(cli, ["resolve", "--all", "--db", db])
    assert full.exit_code == 0 and "pairs compared" in full.output
    cases = runner.invoke(cli, ["cases", "--json", "--db", db])
    names = {json.loads(line)["name"] for line in cases.output.splitlines()}
    assert {"Talant Zhusupov", "Aibek Zhusupov"} <= names


def test_a_store_upgraded_with_its_cases_announces_only_what_moves_after(tmp_path: Path) -> None:
    from sqlalchemy import update

    db = str(tmp_path / "s.db")
    store = open_store(db)
    _add(store, EXTRA[:1] + [report(i) for i in range(3)], "a")
    update_changed_cases(store)
    with store.write() as conn:  # what a v5 store looks like: cases listed, none of the watch tables
        for table in (t.watch_items, t.watch_sources, t.delivery_cursors, t.alerts, t.alert_rules,
                      t.case_changes, t.case_snapshots, t.person_firsts, t.person_blocks, t.pending_documents):  # fmt: skip
            table.drop(conn)
        conn.execute(
            update(t.casework_meta).where(t.casework_meta.c.key == "schema_version").values(value="5")
        )
    store.close()
    store = open_store(db, upgrade=True)
    assert store.upgraded_from == 5
    _add(store, [*EXTRA[1:2], report(7)], "b")  # the blogger released, and a new case
    done = update_changed_cases(store)
    assert not done.full
    kinds = sorted(k for _, k, _ in _changes(store))
    assert kinds == ["new-case", "status-change"], kinds  # no old case is "new", no old finding news
    update_cases(store)
    assert sorted(k for _, k, _ in _changes(store)) == kinds
    store.close()
