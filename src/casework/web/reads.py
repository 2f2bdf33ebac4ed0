"""What the pages read from the store beyond cases and documents: a report's row, its copies, its cases.

The queries are the store's (store/report_rows.py, store/case_rows.py); kept here under the names
the pages have always imported."""

from __future__ import annotations

from casework.store.case_rows import cases_of_document as cases_of_document
from casework.store.report_rows import DocumentInfo as DocumentInfo
from casework.store.report_rows import document_info as document_info
from casework.store.report_rows import near_duplicates as near_duplicates
