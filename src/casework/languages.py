"""The language door: which components serve a language by default.

A language is supported when it is registered here with a component for each
stage of the document flow; `pipeline.py` registers English, and a language
pack (a module that registers its reader, its extractors and then itself,
loaded through the `casework.components` entry points) adds another. Documents
in a language nobody registered are stored but not extracted, with the reason.
"""

from __future__ import annotations

from collections.abc import Mapping

from casework.errors import ConfigError

# language code -> stage -> the component that does it unless a config chooses another
LANGUAGES: dict[str, dict[str, str]] = {}


def register_language(code: str, components: Mapping[str, str]) -> None:
    """Make CODE a supported language, its stages done by COMPONENTS by default."""
    if not code or code != code.lower():
        raise ConfigError(f"language code {code!r}: give a lower-case ISO 639-1 code such as 'ru'")
    LANGUAGES[code] = dict(components)


def supported_languages() -> list[str]:
    return sorted(LANGUAGES)
