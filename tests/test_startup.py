"""Checking one named file loads only what that needs: no grep, no git, no unused reporters or error helpers."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import REPO

SAMPLE = REPO / "samples" / "arch" / "x86" / "mm" / "ioremap_before.c"
PROBE = """
import contextlib, io, json, sys
from cocolint.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    status = main(["check", "--format", "json", sys.argv[1]])
print(json.dumps({"status": status, "modules": sorted(sys.modules)}))
"""


def _modules_after_one_file(*env: tuple[str, str]) -> tuple[int, set[str]]:
    full = {**os.environ, "PYTHONPATH": str(REPO), **dict(env)}
    out = subprocess.run([sys.executable, "-c", PROBE, str(SAMPLE)], env=full, capture_output=True, text=True,
                         timeout=120, check=True).stdout
    doc = json.loads(out.splitlines()[-1])
    return doc["status"], set(doc["modules"])


def test_one_file_check_imports_only_what_it_needs(tmp_path):
    # a warm rule cache, as on every start after the first
    cache = ("XDG_CACHE_HOME", str(tmp_path / "cache"))
    _modules_after_one_file(cache)
    status, modules = _modules_after_one_file(cache)
    assert status == 1  # the sample holds findings: the check really ran
    unwanted = {
        "subprocess",  # no grep probe and no git for a named file
        "difflib",  # only for suggesting a misspelt key or rule id
        "tree_sitter_c",  # its package imports importlib.resources; the grammar is loaded without it
        "importlib.resources", "zipfile",  # macros.toml is read from beside its module
        "cocolint.report.sarif", "cocolint.report.github", "cocolint.report.gitlab",  # not the chosen format
        "cocolint.engine.grepfilter", "cocolint.ruleset.schema",  # rules came from the cache
    }
    assert modules & unwanted == set()
    assert "cocolint.report.json" in modules and "cocolint.engine.anchored" in modules
