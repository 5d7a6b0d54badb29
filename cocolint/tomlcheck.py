"""Shared by rule files and config files: reading TOML, and checking scalar values, with one-line errors."""

from __future__ import annotations

import re

from cocolint.errors import CocolintError

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Any


def loads(text: str, shown: str) -> dict[str, Any]:
    """Parse TOML text; a syntax error is one line naming the file and the line."""
    import tomllib  # rules usually come from the rule cache: no TOML parser on most starts

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+)", str(exc))
        raise CocolintError(shown, f"not valid TOML: {str(exc).split(' (at')[0]}",
                            int(m.group(1)) if m else None) from None


def type_name(value: Any) -> str:
    """How a TOML value's type reads in a message."""
    return {list: "a list", dict: "a table", int: "a number", float: "a number", bool: "a boolean",
            str: "a string"}.get(type(value), type(value).__name__)


def scalar_problem(value: Any, kind: str, name: str) -> str | None:
    """What is wrong with value for a scalar kind (str, regex, enum:a|b, str-list, bool), or None."""
    if kind in ("str", "regex") or kind.startswith("enum:"):
        if not isinstance(value, str):
            return f"{name!r} must be a string, not {type_name(value)}"
        if kind.startswith("enum:") and value not in kind[5:].split("|"):
            return f"{name!r} must be one of {kind[5:].replace('|', ', ')}, not {value!r}"
        if kind == "regex":
            try:
                re.compile(value)
            except re.error as exc:
                return f"{name!r}: regex does not compile: {exc}"
    elif kind == "str-list":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"{name!r} must be a list of strings, not {type_name(value)}"
    elif kind == "bool":
        if not isinstance(value, bool):
            return f"{name!r} must be true or false"
    return None
