"""The rule-file schema: which keys a rule may have, their types, and one-line errors for the rest."""

from __future__ import annotations

import re

from cocolint.errors import CocolintError
from cocolint.record import dataclass
from cocolint.tomlcheck import scalar_problem
from cocolint.ruleset.model import CONFIDENCES, SEVERITIES

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Any


@dataclass(frozen=True)
class Key:
    """One key of a table: its type, whether it is required, and what it is for."""

    kind: str  # "str", "str-list", "bool", "enum:<a|b>", "table:<name>", "tables:<name>", "regions"
    required: bool = False
    doc: str = ""


REGION = {
    "pattern": Key("str", doc="a C pattern"),
    "query": Key("str", doc="a raw tree-sitter query capturing @match"),
    "at": Key("str", doc="a metavariable of the pattern: only that part of the match counts"),
}
SCOPE_CORE = {
    "paths": Key("str-list", doc="globs (relative to the tree's root) the file must match"),
    "exclude-paths": Key("str-list", doc="globs of files the rule never reports in"),
    "functions": Key("regex", doc="the enclosing function's name must match this regex"),
    "not-functions": Key("regex", doc="the enclosing function's name must not match this regex"),
    "inside": Key("regions", doc="the finding must lie inside one of these"),
    "not-inside": Key("regions", doc="the finding must lie inside none of these"),
}
SCOPE = {**SCOPE_CORE, "any-of": Key("tables:scope-core", doc="at least one of these scopes must hold")}
WHERE = {
    "metavariable": Key("str", required=True, doc="the metavariable, without '$'"),
    "regex": Key("regex", doc="its text must match (re.search)"),
    "not-regex": Key("regex", doc="its text must not match (re.search)"),
}
EXAMPLE = {
    "path": Key("str", doc="the file path the example pretends to be at (for path scopes)"),
    "bad": Key("str", doc="code that must be flagged"),
    "good": Key("str", doc="code that must not be flagged"),
}
RULE = {
    "id": Key("str", required=True, doc="kebab-case id, equal to the file stem"),
    "category": Key("str", doc="defaults to the rule's folder name"),
    "severity": Key("enum:" + "|".join(SEVERITIES), required=True),
    "confidence": Key("enum:" + "|".join(CONFIDENCES), required=True),
    "summary": Key("str", required=True, doc="what it does, one line"),
    "message": Key("str", required=True, doc="one line; may name metavariables as {X}"),
    "rationale": Key("str", required=True, doc="why is this bad"),
    "use-instead": Key("str", required=True, doc="what to write instead"),
    "references": Key("str-list", doc="links to the upstream change or documentation"),
    "patterns": Key("str-list", doc="C patterns; a match of any of them is a finding"),
    "queries": Key("str-list", doc="raw tree-sitter queries capturing @match (escape hatch)"),
    "patterns-not": Key("str-list", doc="a finding whose node also matches one of these is dropped"),
    "globals": Key("str-list", doc="names in the patterns that must refer to globals, not locals"),
    "superseded-by": Key("str-list", doc="rule ids: a finding inside one of theirs is not reported (theirs says it better)"),
    "where": Key("tables:where", doc="constraints on metavariables"),
    "scope": Key("table:scope"),
    "examples": Key("tables:example", required=True),
}
TABLES = {"scope": SCOPE, "scope-core": SCOPE_CORE, "where": WHERE, "example": EXAMPLE, "region": REGION}
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def validate(data: dict[str, Any], path: str, text: str) -> None:
    """Raise CocolintError (file, line) for the first unknown key or wrong type."""
    _check_table(data, RULE, "", path, text)
    if not data.get("patterns") and not data.get("queries"):
        raise CocolintError(path, "a rule needs at least one of 'patterns' or 'queries'",
                            _line_of(text, "patterns") or _line_of(text, "queries"))
    if not ID_RE.match(data["id"]):
        raise CocolintError(path, f"id {data['id']!r} is not kebab-case", _line_of(text, "id"))
    for i, ex in enumerate(data["examples"]):
        if "bad" not in ex and "good" not in ex:
            raise CocolintError(path, f"examples[{i}] needs 'bad' or 'good' code", _line_of(text, "examples"))
    if not any("bad" in ex for ex in data["examples"]):
        raise CocolintError(path, "a rule needs at least one 'bad' example (code it must flag)",
                            _line_of(text, "examples"))
    for w in data.get("where", []):
        if "regex" not in w and "not-regex" not in w:
            raise CocolintError(path, "a 'where' entry needs 'regex' or 'not-regex'", _line_of(text, "metavariable"))
    for key in ("summary", "message", "rationale", "use-instead"):
        if not data[key].strip():
            raise CocolintError(path, f"{key!r} must not be empty", _line_of(text, key))


def _check_table(data: dict[str, Any], spec: dict[str, Key], prefix: str, path: str, text: str) -> None:
    for key, value in data.items():
        if key not in spec:
            import difflib  # only for a misspelt key: not on every start

            close = difflib.get_close_matches(key, list(spec), n=1)
            hint = f" (did you mean {prefix + close[0]!r}?)" if close else ""
            raise CocolintError(path, f"unknown key {prefix + key!r}{hint}", _line_of(text, key))
        _check_value(value, spec[key], prefix + key, path, text)
    for key, k in spec.items():
        if k.required and key not in data:
            table = prefix.rstrip(".").split("[")[0]
            where = f" in {prefix.rstrip('.')!r}" if prefix else ""
            raise CocolintError(path, f"missing required key {key!r}{where}",
                                _line_of(text, table) if table else None)


class _Here(Exception):
    """A problem with the value being checked; its line is looked up only when it is reported."""


def _check_value(value: Any, key: Key, name: str, path: str, text: str) -> None:
    try:
        _check_one(value, key, name, path, text)
    except _Here as exc:
        raise CocolintError(path, str(exc), _line_of(text, name.rsplit(".", 1)[-1].split("[")[0])) from None


def _check_one(value: Any, key: Key, name: str, path: str, text: str) -> None:
    kind = key.kind
    problem = scalar_problem(value, kind, name)
    if problem is not None:
        raise _Here(problem)
    if kind.startswith("table:"):
        if not isinstance(value, dict):
            raise _Here(f"{name!r} must be a table")
        _check_table(value, TABLES[kind[6:]], name + ".", path, text)
    elif kind.startswith("tables:"):
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise _Here(f"{name!r} must be a list of tables")
        for i, item in enumerate(value):
            _check_table(item, TABLES[kind[7:]], f"{name}[{i}].", path, text)
    elif kind == "regions":
        if not isinstance(value, list):
            raise _Here(f"{name!r} must be a list of patterns or {{pattern, at}} tables")
        for i, item in enumerate(value):
            if isinstance(item, dict):
                _check_table(item, REGION, f"{name}[{i}].", path, text)
                if ("pattern" in item) == ("query" in item):
                    raise _Here(f"{name}[{i}] needs exactly one of 'pattern' or 'query'")
            elif not isinstance(item, str):
                raise _Here(f"{name}[{i}] must be a pattern string or a table")



def _line_of(text: str, key: str) -> int | None:
    """The line where key is first assigned in the TOML text, if it can be found."""
    m = re.search(rf"^[ \t]*(\[\[?[^\]\n]*\b)?{re.escape(key)}\b[^\n]*", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None
