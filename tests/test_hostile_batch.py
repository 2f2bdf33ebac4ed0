"""Reports and failures that used to stop or hang a batch: each is said, and the batch goes on or ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from casework.cli import cli
from conftest import ROOT
from reports import report

pytestmark = pytest.mark.slow


def test_a_report_over_its_time_budget_is_stored_unextracted_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casework import pipeline

    real = pipeline.annotate

    def slow_on_one(doc: object, *args: object, **kwargs: object) -> object:
        if "SLOW" in doc.text:  # type: ignore[attr-defined]
            while True:  # stands for an extractor that never finishes on this report
                time.sleep(0.01)
        return real(doc, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "annotate", slow_on_one)
    (tmp_path / "a.txt").write_text(report(1))
    (tmp_path / "slow.txt").write_text(report(2) + "\n\nSLOW")
    (tmp_path / "c.txt").write_text(report(3))
    db = tmp_path / "s.db"
    result = CliRunner().invoke(cli, ["ingest", "--db", str(db), "--budget", "0.5", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert f"stored without extraction {tmp_path / 'slow.txt'}: extraction took longer" in result.stderr
    assert "2 ingested" in result.stderr.splitlines()[-1]


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def test_a_dead_worker_stops_the_batch_naming_its_inputs_and_a_rerun_finishes(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    total = 40
    for i in range(total):
        (src / f"r{i:03}.txt").write_text(report(500 + i))
    db = tmp_path / "s.db"
    cmd = [sys.executable, "-m", "casework", "ingest", "--quiet", "--workers", "2", "--db", str(db), str(src)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while time.monotonic() < deadline and proc.poll() is None and len(workers) < 2:
        time.sleep(0.1)
        # the pool's processes: spawned interpreters under the batch (not its resource tracker)
        workers = [p for p in _children(proc.pid) if "spawn_main" in Path(f"/proc/{p}/cmdline").read_text()]
    assert proc.poll() is None, "the batch finished before a worker could be killed"
    os.kill(workers[0], signal.SIGKILL)  # as the OOM killer would
    try:
        _, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("the batch hung after one of its workers died")
    assert proc.returncode == 1, err
    assert "a worker process died while extracting" in err and str(src / "r0") in err, err

    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    summary = rerun.stderr.splitlines()[-1]
    assert int(summary.split()[1]) + int(summary.split(", ")[2].split()[0]) == total


KILL_BEFORE_RESOLUTION = """
import os, signal, sys
import casework.cli.ingest as ingest
ingest.update_cases = lambda store: os.kill(os.getpid(), signal.SIGKILL)
from casework.cli import cli
cli(sys.argv[1:])
"""


def test_a_batch_killed_between_its_last_commit_and_resolution_gets_its_cases_on_the_next_run(
    tmp_path: Path,
) -> None:
    from sqlalchemy import create_engine, text

    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"r{i}.txt").write_text(report(700 + i))
    db = tmp_path / "s.db"
    args = ["ingest", "--quiet", "--db", str(db), str(src)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    killed = subprocess.run([sys.executable, "-c", KILL_BEFORE_RESOLUTION, *args], env=env, timeout=300)
    assert killed.returncode == -signal.SIGKILL

    def count(table: str) -> int:
        engine = create_engine(f"sqlite:///{db}")
        with engine.connect() as conn:
            n = int(conn.execute(text(f"select count(*) from {table}")).scalar_one())
        engine.dispose()
        return n

    assert count("documents") == 3 and count("case_summaries") == 0
    rerun = subprocess.run(
        [sys.executable, "-m", "casework", *args], env=env, capture_output=True, text=True, timeout=300
    )
    assert rerun.returncode == 0, rerun.stderr
    assert "0 ingested" in rerun.stderr and "3 duplicates" in rerun.stderr
    assert count("case_summaries") >= 3 and count("person_links") > 0
