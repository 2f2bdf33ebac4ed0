"""YAML as casework's data files are read: safe, and a key given twice in one mapping is an error.

PyYAML keeps the last of two equal keys without a word, so an expert who adds a second `forbids:` to
an event type silently loses the first list; casework's own files are read through here instead.
"""

from __future__ import annotations

from typing import Any

import yaml


class _UniqueKeyLoader(yaml.SafeLoader):
    pass


def _unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} is given twice", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def load_unique(text: str) -> Any:
    """The YAML document in TEXT; yaml.YAMLError when it is malformed or repeats a key."""
    return yaml.load(text, Loader=_UniqueKeyLoader)
