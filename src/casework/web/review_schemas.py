"""The review API's request shapes (pydantic): the same fields the review forms post."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class DecisionIn(BaseModel):
    action: Literal["confirm", "reject", "correct", "note", "tag", "field"]
    ref: str = Field(
        max_length=200,
        description="DOCUMENT:eN, DOCUMENT:cN, DOCUMENT:tN, CASE#fN, case:CASE; for note, tag, field: the case "
        "(or doc:ID for a note on a report)",
    )
    field: str | None = Field(None, max_length=40, description="what a correction or a case field sets")
    value: str | None = Field(None, max_length=4000)
    since: str | None = Field(None, max_length=10, description="with field=status: the day it holds from")
    reason: str | None = Field(
        None, max_length=40, description="a reject's reason (`casework reject --help`)"
    )
    note: str | None = Field(None, max_length=4000, description="why, in the reviewer's words")
    case: str | None = Field(None, max_length=200, description="the case the fact is decided in")


class UserIn(BaseModel):
    name: str = Field(max_length=64)
    role: Literal["reviewer", "admin"] = "reviewer"
