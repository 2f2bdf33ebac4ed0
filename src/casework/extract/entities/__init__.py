"""Entities within one report: people, organisations, places and groups.

spaCy's small model finds the names; `recognise` repairs its usual slips on this kind of text and
merges every mention of one person; `coreference` resolves pronouns, definite noun phrases and
groups to entities; `attributes` reads what the text states of each (nationality, ethnicity,
occupation, title); `index` holds them for the later stages.
"""

from casework.extract.entities.coreference import (
    described_person,
    group_entity,
    guess_gender,
    referent_of,
)
from casework.extract.entities.index import EntityIndex, Mention
from casework.extract.entities.recognise import recognise_entities

__all__ = [
    "EntityIndex", "Mention", "described_person", "group_entity", "guess_gender", "recognise_entities",
    "referent_of",
]  # fmt: skip
