"""Helpers for the CI-facing tests: run the CLI in a directory, validate SARIF, copy the golden tree."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
from pathlib import Path

import jsonschema

from cocolint.cli import main

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "golden"
_SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def run(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run `cocolint ARGS` in cwd; return (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = main(args)
    finally:
        os.chdir(old)
    return rc, out.getvalue(), err.getvalue()


def validate_sarif(doc: dict) -> None:
    """Raise if doc is not valid against the OASIS SARIF 2.1.0 schema."""
    cls = jsonschema.validators.validator_for(_SCHEMA)
    cls(_SCHEMA).validate(doc)


def sarif(args: list[str], cwd: Path) -> tuple[int, dict, str]:
    """Run with --format sarif, validate the log against the schema, return (status, log, stderr)."""
    rc, out, err = run(["check", "--format", "sarif", *args], cwd)
    doc = json.loads(out)
    validate_sarif(doc)
    return rc, doc, err


def golden_tree(tmp: Path) -> Path:
    """A fresh copy of the golden sample tree (and its rules) under tmp; returns the tree root."""
    shutil.copytree(GOLDEN / "tree", tmp / "tree")
    shutil.copytree(GOLDEN / "rules", tmp / "rules")
    return tmp / "tree"


def write(path: Path, text: str) -> Path:
    """Write text to path, creating parent directories."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
