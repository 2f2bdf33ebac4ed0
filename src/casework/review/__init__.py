"""Analysts' review: decisions on extracted facts (confirm, reject, correct), notes, tags and hand-filled
case fields, named users, the review queue and each case's history.

Decisions are rows of their own (`review_decisions`), never edits of the extracted rows: extraction may be
redone at any time (`reextract`, `resolve`, a new ingest), and each decision is re-attached to the fact that
stands on the same evidence (document id, character span, type) when the cases are built (overlay.py).
"""
