"""The Jinja2 templates of the browser and the HTML report: every value escaped, SVG included."""

from __future__ import annotations

import re

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from casework import __version__
from casework.printable import reveal_invisible
from casework.web.timeline import colour_of


def templates() -> Environment:
    """The templates, escaping everything (SVG included) by default."""
    env = Environment(
        loader=PackageLoader("casework.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_reveal,
    )
    env.filters["safe_url"] = safe_url
    env.filters["label"] = lambda s: str(s).replace("_", " ")
    env.globals["colour_of"] = colour_of
    env.globals["version"] = __version__
    return env


def _reveal(value: object) -> object:
    """Every value shown with its bidi controls and zero-width characters visible (⟦U+202E⟧):
    a name written backwards or split in two by an invisible character is seen for what it is."""
    if isinstance(value, Markup):
        return Markup(reveal_invisible(str(value)))
    if isinstance(value, str):
        return reveal_invisible(value)
    return value


def safe_url(url: str | None) -> str | None:
    """A report's URL as a link only when it is http(s): never javascript:, data: or the like."""
    if url and re.match(r"^https?://[^\s\"'<>]+$", url, re.I):
        return url
    return None
