"""The language door: which components serve a language by default.

A language is supported when it is registered here with a component for each
stage of the document flow; `pipeline.py` registers English, and a language
pack (a module that registers its reader, its extractors and then itself,
loaded through the `casework.components` entry points) adds another. Documents
in a language nobody registered are stored but not extracted, with the reason.

A language's words (pronouns, kin nouns, honorifics, speech verbs, prepositions, number words, the
words and patterns of dates) are data too: `words(code)` reads data/lang/CODE.yaml, or the file a
pack from outside the package gave to `register_words`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from casework.errors import ConfigError
from casework.yamlfile import load_unique

# language code -> stage -> the component that does it unless a config chooses another
LANGUAGES: dict[str, dict[str, str]] = {}


def register_language(code: str, components: Mapping[str, str]) -> None:
    """Make CODE a supported language, its stages done by COMPONENTS by default."""
    if not code or code != code.lower():
        raise ConfigError(f"language code {code!r}: give a lower-case ISO 639-1 code such as 'ru'")
    LANGUAGES[code] = dict(components)


def supported_languages() -> list[str]:
    return sorted(LANGUAGES)


class LanguageWords:
    """A language pack's word lists (data/lang/CODE.yaml), looked up by dotted key ("verbs.speech")."""

    def __init__(self, code: str, data: dict[str, Any]) -> None:
        self.code = code
        self._data = data

    def node(self, key: str) -> Any:
        """The value at KEY as the file gives it (a mapping, a list or a string)."""
        return self._at(key)

    def _at(self, key: str) -> Any:
        node: Any = self._data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise ConfigError(f"language pack {self.code!r}: no {key!r}")
            node = node[part]
        return node

    def set(self, key: str) -> frozenset[str]:
        return frozenset(str(w) for w in self._at(key))

    def list(self, key: str) -> tuple[str, ...]:
        return tuple(str(w) for w in self._at(key))

    def alternation(self, key: str) -> str:
        """KEY's words and phrases as one regular-expression group, tried in their order; the space
        in a phrase matches any run of white space ("on suspicion of")."""
        phrases = (r"\s+".join(re.escape(part) for part in w.split()) for w in self.list(key))
        return "(?:" + "|".join(phrases) + ")"

    def numbers(self, key: str) -> dict[str, int]:
        return {str(k): int(v) for k, v in self._at(key).items()}


# language code -> the pack a language from outside the package registered
_REGISTERED: dict[str, LanguageWords] = {}


def register_words(code: str, path: Path) -> LanguageWords:
    """Make the YAML file at PATH the word lists of CODE (a language pack shipped outside casework)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"no readable language pack for {code!r} at {path} ({exc})") from exc
    _REGISTERED[code] = _parse(code, text)
    return _REGISTERED[code]


def unregister_words(code: str) -> None:
    _REGISTERED.pop(code, None)


def words(code: str) -> LanguageWords:
    """The word lists of the language pack CODE: a registered one, else the package's data/lang/CODE.yaml."""
    return _REGISTERED.get(code) or _packaged(code)


@lru_cache(maxsize=8)
def _packaged(code: str) -> LanguageWords:
    """Read once: the components look their words up at import."""
    resource = files("casework").joinpath("data", "lang", f"{code}.yaml")
    try:
        text = resource.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"no readable language pack for {code!r} ({exc})") from exc
    return _parse(code, text)


def _parse(code: str, text: str) -> LanguageWords:
    try:
        data = load_unique(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"no readable language pack for {code!r} ({exc})") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"language pack {code!r}: expected a mapping at the top level")
    return LanguageWords(code, data)
