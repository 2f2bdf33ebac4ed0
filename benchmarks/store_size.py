"""Store size per 1,000 documents, on SQLite and (when a server is given) PostgreSQL.

Usage: python benchmarks/store_size.py [LIMIT] [POSTGRES_URL]   (or $CASEWORK_TEST_PG)
The PostgreSQL database given is emptied first: point it at a scratch database.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from common import CORPUS, machine, need
from sqlalchemy import create_engine, text

from casework.batch import Batch
from casework.ingest.sources import iter_sources
from casework.nlp import load_pipeline
from casework.store.database import database_url, open_store
from casework.store.schema import metadata


def _ingest(url: str, files: list[Path]) -> int:
    store = open_store(url)
    summary = Batch(store).run(iter_sources([str(f) for f in files]), workers=2)
    store.close()
    return summary.counts["ingested"] + summary.counts["near_duplicate"]


def main() -> int:
    files = sorted(need(CORPUS / "bbc").glob("*/*.txt"))[: int(sys.argv[1]) if len(sys.argv) > 1 else 500]
    print(f"store size: {len(files)} BBC reports; {machine()}")
    load_pipeline()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "size.db"
        stored = _ingest(str(path), files)
        engine = create_engine(database_url(str(path)))
        with engine.connect() as conn:
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        engine.dispose()
        size = path.stat().st_size
        print(f"  SQLite: {size / stored * 1000 / 2**20:.1f} MiB per 1,000 documents ({stored} stored)")
    pg = sys.argv[2] if len(sys.argv) > 2 else os.environ.get("CASEWORK_TEST_PG")
    if not pg:
        print("  PostgreSQL: skipped (give a scratch database URL, or set CASEWORK_TEST_PG)")
        return 0
    engine = create_engine(database_url(pg))
    metadata.drop_all(engine)
    with engine.begin() as conn:
        base = conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
    stored = _ingest(pg, files)
    with engine.begin() as conn:
        size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one() - base
    engine.dispose()
    print(f"  PostgreSQL: {size / stored * 1000 / 2**20:.1f} MiB per 1,000 documents ({stored} stored)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
