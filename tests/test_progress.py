"""Ingest progress: done / total, rate and time left, when the total is known before reading."""

from __future__ import annotations

from pathlib import Path

from rich.progress import Progress

from casework.cli.ingest import RateColumn
from casework.ingest.census import expected_reports
from conftest import EXAMPLES


def test_the_total_is_known_for_files_and_folders_of_reports(tmp_path: Path) -> None:
    assert expected_reports((str(EXAMPLES),)) == 3  # the sidecars beside the reports are not counted
    one = tmp_path / "a.txt"
    one.write_text("x", encoding="utf-8")
    assert expected_reports((str(EXAMPLES), str(one))) == 4
    feed = tmp_path / "f.jsonl"
    feed.write_text("{}\n", encoding="utf-8")
    for unknown in (("-",), ("https://news.example/a",), (str(feed),), (str(tmp_path / "*.txt"),)):
        assert expected_reports(unknown) is None, unknown  # a container or a stream: only a count


def test_the_rate_column_shows_reports_a_second() -> None:
    with Progress(RateColumn(), disable=True) as progress:
        task_id = progress.add_task("x", total=10)
        task = progress.tasks[task_id]
        assert str(RateColumn().render(task)) == ""  # no rate before the first report
        task.finished_speed = 2.5
        assert str(RateColumn().render(task)) == "2.5/s"
