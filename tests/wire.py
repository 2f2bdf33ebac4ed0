"""Fictional wire items for the watch and alert tests: made up here, about no real person."""

from __future__ import annotations

from receivers import FeedItem

ITEMS = [
    FeedItem(
        "wire-1",
        "Blogger held in Osh",
        "Police in Osh detained the blogger Talant Zhusupov, a Kyrgyz citizen, on 4 May 2024, his sister "
        "said. Zhusupov was taken to a police station in Osh, she said.",
    ),
    FeedItem(
        "wire-2",
        "Teacher detained in Almaty",
        "Border guards in Almaty detained Aigerim Saparova, a Kazakh teacher, on 3 May 2024, her husband "
        "said. Saparova had travelled from Taraz for a conference, he said.",
    ),
    FeedItem(
        "wire-3",
        "Blogger freed",
        "Talant Zhusupov was released on 9 May 2024 without charge, his lawyer said. The lawyer said "
        "Zhusupov had been questioned for five days.",
    ),
    FeedItem(
        "wire-4",
        "Journalist held in Bishkek",
        "The State Security Committee in Bishkek detained the journalist Nurbek Asanov on 7 May 2024, "
        "colleagues said. Asanov had written about customs fraud, they said.",
    ),
    FeedItem(
        "wire-5",
        "Teacher charged",
        "Aigerim Saparova was charged with fraud on 10 May 2024, her lawyer said. The lawyer said Saparova "
        "denied the charge.",
    ),
]
