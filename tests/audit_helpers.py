"""Helpers for the audit-speed tests: rule files written on the fly, the real trees, the CLI in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cocolint.ruleset.loader import load_rule_file
from cocolint.ruleset.model import Rule

REPO = Path(__file__).resolve().parents[1]
TREES = Path(os.environ.get("COCOLINT_TREES", Path.home() / ".cache" / "cocolint" / "trees"))
TREE_61 = TREES / "linux-source-6.1"
TREE_612 = TREES / "linux-source-6.12"

RULE = '''\
id = "{id}"
severity = "warning"
confidence = "high"
summary = "A test rule."
message = "found {{match}}"
rationale = "Because."
use-instead = "Something else."
{body}
[[examples]]
bad = "{bad}"
'''


def make_rule(directory: Path, rule_id: str, body: str, bad: str = "void f(void) { x(); }") -> Rule:
    """Write and load one rule; body holds patterns/queries/scope lines in TOML."""
    path = directory / "test" / f"{rule_id}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(RULE.format(id=rule_id, body=body, bad=bad), encoding="utf-8")
    return load_rule_file(path)


def needs_tree(tree: Path) -> Path:
    """The unpacked Debian tree, or a skip naming how to get it."""
    if not (tree / "MAINTAINERS").exists():
        pytest.skip(f"{tree} is not unpacked (scripts/kernel_source.py fetches it)")
    return tree


def run_cli(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None,
            stdin: int | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m cocolint ARGS` in a subprocess, so exit codes, stdout and stderr are real."""
    full = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run([sys.executable, "-m", "cocolint", *map(str, args)], cwd=cwd, env=full,
                          capture_output=True, text=True, timeout=600, stdin=stdin)
