"""Claims: who says what, with the cue that attributes it and how firmly.

A claim is an attribution act: a speaker (a named person, an organisation, or
a group anchored in the text such as "Ruzahunov's relatives"), a cue ("said",
"according to", "called on") and the content. Unanchored sources ("analysts",
"it is thought") are not claims. Flags: `hedged`, `denied`; `under_duress` is
added later by `flag_duress`, once the events are known.

`attributions` finds every attribution; `anchored` keeps the claims among them;
`linking` ties claims to events.
"""

from casework.extract.claims.anchored import extract_claims
from casework.extract.claims.attributions import (
    _QUOTE,
    _SIGNED_POST,
    _SIGNED_QUOTE,
    Attribution,
    _according,
    extract_attributions,
    learned_cues,
)
from casework.extract.claims.linking import attribute_events, flag_duress

__all__ = [
    "_QUOTE",
    "_SIGNED_POST",
    "_SIGNED_QUOTE",
    "Attribution",
    "_according",
    "attribute_events",
    "extract_attributions",
    "extract_claims",
    "flag_duress",
    "learned_cues",
]  # fmt: skip
