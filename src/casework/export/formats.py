"""Which format writes where: one file (or stdout) for most, a folder of tables for CSV."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO

from casework.citations import ReportRef
from casework.errors import CaseworkError
from casework.export.report import html_report, markdown_report
from casework.export.tables import write_tables
from casework.model import Case

FORMATS = ("json", "jsonl", "csv", "ftm", "md", "html")


def write_export(
    cases: list[Case], fmt: str, out: IO[str] | Path, refs: dict[str, ReportRef] | None = None
) -> int:
    """Write CASES in FMT to OUT (a text stream, or a folder for csv); returns the number of records.
    REFS, the reports the cases cite (citations.report_refs), name outlet, date and URL where formats can."""
    if fmt == "csv":
        if not isinstance(out, Path):
            raise CaseworkError("csv writes four tables (cases, events, claims, findings): give --out FOLDER")
        return write_tables(cases, out)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as fh:
            return write_export(cases, fmt, fh, refs)
    if fmt == "json":
        data = cases[0].to_json() if len(cases) == 1 else [c.to_json() for c in cases]
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return len(cases)
    if fmt == "jsonl":
        for case in cases:
            out.write(json.dumps(case.to_json(), ensure_ascii=False) + "\n")
        return len(cases)
    if fmt == "ftm":
        from casework.export.ftm import ftm_entities  # followthemoney loads its whole model: only when asked

        count = 0
        for entity in ftm_entities(cases, refs or {}):
            out.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
        return count
    if fmt == "md":
        out.write(markdown_report(cases, refs))
        return len(cases)
    if fmt == "html":
        out.write(html_report(cases, refs))
        return len(cases)
    raise CaseworkError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
