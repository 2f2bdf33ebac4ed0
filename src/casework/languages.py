"""The language door: which components serve a language by default.

A language is supported when it is registered here with a component for each
stage of the document flow; `pipeline.py` registers English, and a language
pack (a module that registers its reader, its extractors and then itself,
loaded through the `casework.components` entry points) adds another. Documents
in a language nobody registered are stored but not extracted, with the reason.

A language's words (pronouns, kin nouns, honorifics, speech verbs, prepositions, number words) are
data too: `words(code)` reads data/lang/CODE.yaml.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml

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


class LanguageWords:
    """A language pack's word lists (data/lang/CODE.yaml), looked up by dotted key ("verbs.speech")."""

    def __init__(self, code: str, data: dict[str, Any]) -> None:
        self.code = code
        self._data = data

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

    def numbers(self, key: str) -> dict[str, int]:
        return {str(k): int(v) for k, v in self._at(key).items()}


@lru_cache(maxsize=8)
def words(code: str) -> LanguageWords:
    """The word lists of the language pack CODE, read once from the package's data/lang/CODE.yaml."""
    resource = files("casework").joinpath("data", "lang", f"{code}.yaml")
    try:
        data = yaml.safe_load(resource.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"no readable language pack for {code!r} ({exc})") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"language pack {code!r}: expected a mapping at the top level")
    return LanguageWords(code, data)
