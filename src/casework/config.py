"""The pipeline a user chose: a `casework.toml` (or `$CASEWORK_CONFIG`), then `--pipeline` on top.

    # casework.toml
    [pipeline]
    events = "acme.events.v2"

Each key is a stage of the document flow (pipeline.STAGES), each value a registered component.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable
from pathlib import Path

from casework.errors import ConfigError
from casework.pipeline import PipelineConfig

CONFIG_FILE = "casework.toml"


def _file_choices(path: Path) -> dict[str, str]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: not a readable TOML file ({exc})") from None
    table = data.get("pipeline", {})
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise ConfigError(f"{path}: [pipeline] must map stages to component names (strings)")
    return {str(k): v for k, v in table.items()}


def pipeline_config(overrides: Iterable[str] = (), *, config_file: str | None = None) -> PipelineConfig:
    """The config file's choices (CONFIG_FILE here, or the one named), then OVERRIDES (STAGE=NAME)."""
    named = config_file or os.environ.get("CASEWORK_CONFIG")
    path = Path(named) if named else Path(CONFIG_FILE)
    if named and not path.is_file():
        raise ConfigError(f"{path}: no such config file")
    choices = _file_choices(path) if path.is_file() else {}
    for item in overrides:
        stage, sep, name = item.partition("=")
        if not sep or not stage.strip() or not name.strip():
            raise ConfigError(f"--pipeline {item!r}: give STAGE=COMPONENT, e.g. events=casework.events.v1")
        choices[stage.strip()] = name.strip()
    return PipelineConfig.parse(choices)
