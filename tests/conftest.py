"""Shared helpers for the core tests: compile-and-match a pattern, write a rule file, run the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from cocolint import ts
from cocolint.engine.comments import blank_comments
from cocolint.engine.findings import Finding
from cocolint.engine.matcher import Matcher
from cocolint.pattern import compile_pattern
from cocolint.ruleset.loader import load_rule_file
from cocolint.ruleset.model import Rule

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Hit:
    """One match of a pattern: the matched text and its 1-based line and column."""

    text: str
    line: int
    column: int


def find(pattern: str, code: str, regexes: dict | None = None) -> list[Hit]:
    """Every distinct node the compiled pattern matches in code, in source order (comments blanked first)."""
    compiled = compile_pattern(pattern, regexes)
    query = ts.compile_query(compiled.query)
    source = code.encode()
    tree = ts.parse(blank_comments(source))  # what the matcher parses
    nodes = {}
    for _, captures in ts.matches(query, tree.root_node):
        node = captures["match"][0]
        nodes[(node.start_byte, node.end_byte)] = node
    return [Hit(source[n.start_byte:n.end_byte].decode(), n.start_point[0] + 1, n.start_point[1] + 1)
            for _, n in sorted(nodes.items())]


def texts(pattern: str, code: str, regexes: dict | None = None) -> list[str]:
    """The matched texts only."""
    return [h.text for h in find(pattern, code, regexes)]


def in_function(body: str) -> str:
    """Wrap statements in a kernel-style function (4-space indents become tabs)."""
    lines = textwrap.dedent(body).strip("\n").splitlines()
    tabbed = ["\t" * ((len(x) - len(x.lstrip(" "))) // 4) + x.lstrip(" ") for x in lines]
    return "static int probe(void)\n{\n" + textwrap.indent("\n".join(tabbed), "\t") + "\n}\n"


RULE_HEAD = '''\
id = "{id}"
severity = "{severity}"
confidence = "{confidence}"
summary = "A test rule."
message = "{message}"
rationale = "Because."
use-instead = "Something else."
'''


def rule_text(rule_id: str = "test-rule", patterns: list[str] | None = None, *, message: str = "found {match}",
              severity: str = "warning", confidence: str = "high", extra: str = "",
              bad: str = "int f(void) { return a | MASK; }", good: str | None = None) -> str:
    """The text of a valid rule file (extra is appended verbatim before the examples)."""
    pats = patterns if patterns is not None else ["$X | MASK"]
    out = RULE_HEAD.format(id=rule_id, severity=severity, confidence=confidence, message=message)
    out += "patterns = [" + ", ".join(_toml_str(p) for p in pats) + "]\n"
    out += extra
    out += "\n[[examples]]\nbad = " + _toml_str(bad) + "\n"
    if good is not None:
        out += "good = " + _toml_str(good) + "\n"
    return out


def _toml_str(s: str) -> str:
    if "\n" in s:
        return "'''\n" + s + "'''"
    if "'" not in s:
        return "'" + s + "'"
    return json.dumps(s)  # a JSON string is a valid TOML basic string


def write_rule(directory: Path, text: str, rule_id: str | None = None, category: str = "test") -> Path:
    """Write text as rules DIR/<category>/<id>.toml and return the file."""
    rid = rule_id or next(line.split('"')[1] for line in text.splitlines() if line.startswith("id"))
    path = directory / category / f"{rid}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_cli(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None,
            text: bool = True) -> subprocess.CompletedProcess:
    """Run `python -m cocolint ARGS` in a subprocess (so exit codes and stderr are real)."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""), **(env or {})}
    return subprocess.run([sys.executable, "-m", "cocolint", *map(str, args)], cwd=cwd, env=full_env,
                          capture_output=True, text=text, timeout=120)


def load_rule(tmp_path: Path, text: str) -> Rule:
    """Write one rule file under tmp_path and load it the way the CLI does."""
    return load_rule_file(write_rule(tmp_path / "loaded-rules", text))


def rewrite(pass_fn, src: bytes) -> tuple[bytes, dict[str, int]]:
    """What one kernel-C normalisation pass makes of src on its own, and the bytes it counted by class."""
    from cocolint.kernelc.scan import Normalised

    out = Normalised(src)
    buf = pass_fn(src, None, out)
    return (src if buf is None else bytes(buf)), out.by_class


def check_code(rules: list[Rule], code: str, path: str = "drivers/x/probe.c") -> list[Finding]:
    """Findings of rules on code, as if it sat at path in a kernel tree."""
    return Matcher(rules).match(path, code.encode("utf-8", "surrogateescape")).findings


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    """An empty directory for rule files."""
    d = tmp_path / "rules"
    d.mkdir()
    return d
