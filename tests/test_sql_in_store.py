"""SQL lives in `store/` only, behind functions named for what they return (issue 12): a module outside
it neither builds a query nor runs one, nor touches the tables of `store/schema.py`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import MetaData, Table

from casework.store import schema

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "casework"
# What builds a statement: a module that imports one of these writes SQL of its own.
BUILDERS = {"select", "insert", "update", "delete", "text", "func", "and_", "or_", "tuple_", "literal"}
# What runs one, on a connection or an engine.
RUNNERS = {"execute", "exec_driver_sql", "scalar", "scalars"}
TABLES = {name for name, value in vars(schema).items() if isinstance(value, Table | MetaData)}

# Modules that still hold SQL, until their move into store/ lands. This list must only shrink:
# never add a module to it; take one off when its SQL has moved (the last test says when).
NOT_YET: set[str] = set()


def sql_in(path: Path) -> list[str]:
    """Each place PATH builds or runs SQL, or reaches for a table of the schema."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        where = f"{path.relative_to(PACKAGE)}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.ImportFrom) and node.module:
            names = {a.name for a in node.names}
            if node.module.split(".")[0] == "sqlalchemy" and names & BUILDERS:
                found.append(f"{where} imports {', '.join(sorted(names & BUILDERS))} from sqlalchemy")
            if node.module == "casework.store" and "schema" in names:
                found.append(f"{where} imports the schema's tables")
            if node.module == "casework.store.schema" and names & (TABLES | {"*"}):
                found.append(f"{where} imports {', '.join(sorted(names & (TABLES | {'*'})))} from the schema")
        if isinstance(node, ast.Import) and any(a.name == "casework.store.schema" for a in node.names):
            found.append(f"{where} imports the schema's tables")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in RUNNERS:
            found.append(f"{where} calls .{node.func.attr}()")
    return found


def modules() -> list[str]:
    return sorted(
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*.py")
        if p.relative_to(PACKAGE).parts[0] != "store"
    )


@pytest.mark.parametrize("module", [m for m in modules() if m not in NOT_YET])
def test_no_sql_outside_store(module: str) -> None:
    assert sql_in(PACKAGE / module) == [], "move it into a function of store/ named for what it returns"


def test_not_yet_only_shrinks() -> None:
    """A module whose SQL has moved comes off the list, so it cannot gain SQL again unnoticed."""
    assert not NOT_YET - set(modules()), f"not modules of casework: {sorted(NOT_YET - set(modules()))}"
    done = sorted(m for m in NOT_YET if not sql_in(PACKAGE / m))
    assert done == [], f"these hold no SQL any more: take them off NOT_YET: {done}"


def test_the_check_sees_sql() -> None:
    """The parser finds what it must, so an empty answer above means something."""
    assert sql_in(PACKAGE / "store" / "people.py")
