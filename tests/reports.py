"""Fictional reports for tests: made up here, so tests need no third-party text."""

from __future__ import annotations

import random

_FIRST = ["Aida", "Bolot", "Nurlan", "Saltanat", "Timur", "Gulnara", "Erlan", "Dinara", "Askar", "Zarina"]
_LAST = ["Usenova", "Toktogulov", "Abdrakhmanov", "Sadykova", "Kasymov", "Isaeva", "Omurov", "Bekova"]
_CITY = ["Osh", "Bishkek", "Almaty", "Tashkent", "Karakol", "Naryn", "Jalal-Abad", "Talas"]
_JOB = ["blogger", "journalist", "lawyer", "photographer", "teacher", "activist", "student", "farmer"]
_REASON = [
    "a wedding",
    "a festival",
    "a conference",
    "a football match",
    "family business",
    "medical treatment",
]
_ORG = [
    "State Security Committee",
    "Interior Ministry",
    "city police",
    "border guards",
    "prosecutor's office",
]
_DAY = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTH = ["January", "February", "March", "April", "May", "June", "July", "September", "October"]


def report(seed: int) -> str:
    """A short detention report; different seeds give different people, places, dates and wording."""
    r = random.Random(seed)
    name = f"{r.choice(_FIRST)} {r.choice(_LAST)}"
    surname = name.split()[1]
    city, other = r.sample(_CITY, 2)
    job, org, reason = r.choice(_JOB), r.choice(_ORG), r.choice(_REASON)
    day = f"{r.randint(1, 28)} {r.choice(_MONTH)}"
    lines = [
        f"The {org} in {city} detained the {job} {name} on {day}, relatives said.",
        f"{surname} had travelled from {other} for {reason}, according to a cousin.",
        f"Officials said on {r.choice(_DAY)} that {surname} was charged with "
        f"{r.choice(['fraud', 'hooliganism', 'spreading false information', 'smuggling'])}.",
        f"A lawyer for {surname}, who asked not to be named, said the {job} had not been allowed to see a doctor.",
        f"Case number {seed * 7919 % 100000} was opened by investigators in {city} in {r.randint(2015, 2024)}.",
    ]
    r.shuffle(lines[1:4])
    return "\n\n".join(lines) + "\n"
