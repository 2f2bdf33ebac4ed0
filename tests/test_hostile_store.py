"""What reaches the store from hostile input: NULs in fields, a full disk, thousands of near-copies."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from sqlalchemy import Connection, create_engine, insert, text

from casework.cli import cli
from casework.store import neardup
from casework.store import schema as t
from casework.store.database import Store, database_url, open_store
from reports import report


def _rows(db: str, sql: str) -> list[tuple[object, ...]]:
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


@pytest.mark.slow
def test_nul_in_titles_urls_and_feed_fields_is_dropped_on_every_store(tmp_path: Path, database: str) -> None:
    line = {"text": report(41), "title": "Held\u0000 in Osh", "url": "https://x.example/\u00001"}
    (tmp_path / "export.jsonl").write_text(json.dumps(line) + "\n")
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t\x00</title><item><title>Fe\x00ed</title>'
        b"<link>http://x.example/f\x00</link><description>" + report(42).encode() + b"</description>"
        b"</item></channel></rss>"
    )
    (tmp_path / "feed.xml").write_bytes(feed)
    result = CliRunner().invoke(cli, ["ingest", "--quiet", "--db", database, str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    titles = sorted(str(r[0]) for r in _rows(database, "select title from documents"))
    urls = sorted(str(r[0]) for r in _rows(database, "select url from documents"))
    assert len(titles) == 2 and not any("\x00" in v for v in titles + urls)
    assert "https://x.example/1" in urls


def test_a_full_disk_is_said_naming_the_input_and_the_store_stays_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "s.db")
    open_store(db).close()
    real = Store.write

    @contextmanager
    def full(self: Store) -> Iterator[Connection]:
        with real(self) as conn:
            pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()
            conn.exec_driver_sql(f"PRAGMA max_page_count = {pages}")  # not one page more: SQLITE_FULL
            yield conn

    monkeypatch.setattr(Store, "write", full)
    big = tmp_path / "in" / "big.txt"
    big.parent.mkdir()
    big.write_text("\n\n".join(report(60 + i) for i in range(20)))
    result = CliRunner().invoke(cli, ["ingest", "--quiet", "--db", db, str(big.parent)])
    assert result.exit_code == 1
    assert f"casework: stopped: disk full while storing {big}" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    monkeypatch.setattr(Store, "write", real)
    assert _rows(db, "pragma integrity_check") == [("ok",)]
    assert _rows(db, "select count(*) from documents") == [(0,)]


def test_near_duplicate_candidates_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 500 stored reports share one band with the new one (templated text) and are not near-copies of it.
    store = open_store(str(tmp_path / "s.db"))
    rng = np.random.default_rng(1)
    new = neardup.Signature(rng.integers(0, 2**63, neardup.NUM_PERM, dtype=np.uint64))
    with store.write() as conn:
        for i in range(500):
            values = rng.integers(0, 2**63, neardup.NUM_PERM, dtype=np.uint64)
            values[: neardup.ROWS] = new.values[: neardup.ROWS]
            doc_id = f"d{i:04}"
            conn.execute(
                insert(t.documents).values(
                    id=doc_id, language="en", format="text", kind="file", text="x", status="extracted",
                    ingested_at=f"2024-01-01T00:00:{i:06}",
                )
            )  # fmt: skip
            neardup.save_signature(conn, doc_id, neardup.Signature(values))
    compared = 0
    real = neardup.Signature.similarity

    def counting(self: neardup.Signature, other: neardup.Signature) -> float:
        nonlocal compared
        compared += 1
        return real(self, other)

    monkeypatch.setattr(neardup.Signature, "similarity", counting)
    with store.read() as conn:
        assert neardup.find_first_copy(conn, new) is None
    store.close()
    assert 0 < compared <= neardup.MAX_CANDIDATES
