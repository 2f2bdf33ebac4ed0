"""Claims linked to events once both are known: who states each event, and which statements are made
under duress (in a coerced or televised confession, or on camera in custody)."""

from __future__ import annotations

import re

from casework.model import Claim, Event
from casework.ontology import load_ontology, types_with


def _paragraph_of(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n\n", 0, pos)
    end = text.find("\n\n", pos)
    return (start + 2 if start >= 0 else 0, end if end >= 0 else len(text))


def flag_duress(text: str, claims: list[Claim], events: list[Event]) -> None:
    """Statements made in a coerced or televised confession, until someone else speaks.

    A detained person speaking on state television or in a video made in custody
    counts as such a confession even when the report does not call it one.
    """
    in_custody = types_with("custody") | types_with("harm")
    detained = {s for e in events if e.type in in_custody for s in e.subject}
    on_camera = load_ontology().duress["on_camera"]
    for c in sorted(claims, key=lambda c: c.span[0]):
        if c.speaker in detained and on_camera.search(text[c.sentence[0] : c.sentence[1]]):
            _flag_run(text, claims, c.sentence[0], {c.speaker})
    for ev in events:
        if ev.type not in types_with("statement") or not (
            ev.attributes.get("coerced") or ev.attributes.get("televised")
        ):
            continue
        _flag_run(text, claims, ev.sentence[0], set(ev.subject))


def _flag_run(text: str, claims: list[Claim], start: int, speakers: set[str | None]) -> None:
    """Flag the speakers' claims from the paragraph at `start` until another speaker's claim."""
    para_start, _ = _paragraph_of(text, start)
    for c in sorted(claims, key=lambda c: c.span[0]):
        if c.sentence[0] < para_start:
            continue
        if c.speaker not in speakers:
            break
        if "under_duress" not in c.flags:
            c.flags.append("under_duress")


def attribute_events(text: str, claims: list[Claim], events: list[Event]) -> None:
    """An event stated inside a claim, or in the sentences a claim carries on into, has that source."""
    by_sentence: dict[tuple[int, int], Claim] = {}
    for c in claims:
        by_sentence.setdefault(c.sentence, c)
    ordered = sorted(claims, key=lambda c: c.sentence[0])
    for ev in events:
        for c in claims:
            if c.span[0] <= ev.trigger[0] < c.span[1] and c.speaker not in ev.subject + ev.agent:
                ev.source = c.speaker
                break
        if ev.source is not None or ev.sentence in by_sentence:
            continue
        para = _paragraph_of(text, ev.sentence[0])
        before = [c for c in ordered if para[0] <= c.sentence[0] < ev.sentence[0]]
        after = [c for c in ordered if ev.sentence[1] <= c.sentence[0] < para[1]]
        if not before:
            continue
        prev = before[-1]
        sentence = text[ev.sentence[0] : ev.sentence[1]]
        continues = re.search(r"\b(?:had|'d)\s+(?:been\s+)?\w+(?:ed|en|wn|t)\b", sentence) is not None
        sandwiched = bool(after) and after[0].speaker == prev.speaker
        if (continues or sandwiched) and prev.speaker not in ev.subject + ev.agent:
            ev.source = prev.speaker
