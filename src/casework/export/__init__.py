"""`casework export`: case files handed on as JSON, JSON Lines, CSV tables, FollowTheMoney entities,
Markdown or a standalone HTML report. Reads cases only (case_files.py), never the pipeline."""

from casework.export.formats import FORMATS, write_export

__all__ = ["FORMATS", "write_export"]
