"""casework: news reports in, sourced case files about detained people out."""

from casework.errors import CaseworkError, InputRejected
from casework.model import (
    SCHEMA,
    Claim,
    Document,
    Entity,
    Event,
    EventDate,
    Finding,
    Source,
    Timex,
)

__version__ = "0.1.0"

__all__ = [
    "SCHEMA",
    "CaseworkError",
    "Claim",
    "Document",
    "Entity",
    "Event",
    "EventDate",
    "Finding",
    "InputRejected",
    "Source",
    "Timex",
    "__version__",
]
