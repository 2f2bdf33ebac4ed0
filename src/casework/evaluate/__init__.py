"""Evaluation against annotated data: what `casework eval` measures, one module per kind."""
