"""Helpers for the audit-speed tests: rule files written on the fly, the real trees, the CLI in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cocolint.engine.matcher import Matcher
from cocolint.engine.source import SourceError, binary_at, read_source
from cocolint.engine.suppress import MARKER
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


TRICKY = {
    "start.c": b"cc_mask = 1;\n",
    "end.c": b"int x = cc_mask",
    "only.c": b"cc_mask",
    "tail_of_longer.c": b"int dcc_mask;\n",
    "underscore_before.c": b"int _cc_mask;\n",
    "underscore_after.c": b"int cc_mask_;\n",
    "digit_after.c": b"int cc_mask2;\n",
    "digit_before.c": b"int x = 1cc_mask;\n",
    "latin1.c": b"/* \xe9t\xe9 */ u64 m = sme_me_mask;\n",
    "latin1_clean.c": b"/* \xe9t\xe9 \xff\xfe */ int y;\n",
    "crlf.c": b"int f(void)\r\n{\r\n\treturn _PAGE_ENC;\r\n}\r\n",
    "split_name.c": b"int x = shared_gpa_\nboundary;\n",
    "nul_late.c": b"int y;\n" * 5000 + b"\0",
    "nul_clean.c": b"\0\0\0",
    "nul_probe_edge.c": b"i" * 7999 + b"\0",  # the last byte git and cocolint look at: binary
    "nul_late_name.c": b"int y;\n" * 2000 + b"\0 cc_mask;\n",  # text, and holds a name
    "marker.c": b"int z; /* " + MARKER + b" ignore */\n",
    "empty.c": b"",
    "dir.c/keep.h": b"int w;\n",
    "-dash.c": b"int v = hv_is_isolation_supported();\n",
    "space name.c": b"int v = hv_map_memory;\n",
    "newline\nname.c": b"bool b = hyperv_cc_platform_has(1);\n",
    "big.h": b"#define A 1\n" * 300000 + b"u64 sme_me_mask;\n",
}


def tricky_tree(root: Path) -> None:
    """Files that test a candidate search: names at every edge, NUL bytes, odd names, a FIFO, a broken link."""
    for name, data in TRICKY.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    for i in range(70):  # enough plain files that grep is used at all
        (root / f"plain{i:03}.c").write_bytes(f"int plain{i}(void) {{ return {i}; }}\n".encode())
    os.symlink("nowhere.c", root / "broken.c")
    os.mkfifo(root / "fifo.c")


def python_reads(matcher: Matcher, path: str) -> bool:
    """What parallel._check_item decides without grep: True if the file is read further."""
    try:
        source = read_source(path)
    except SourceError:
        return True
    return binary_at(source) >= 0 or MARKER in source or matcher.may_match(source)
