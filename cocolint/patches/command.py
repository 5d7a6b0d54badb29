"""`cocolint patch FILE...`: read the mails, apply the series in order, report and pick the exit status."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from cocolint.errors import CocolintError
from cocolint.patches.mbox import PatchMail, read_patches
from cocolint.patches.report import exit_status, write_json, write_text
from cocolint.patches.series import PatchOutcome, Series
from cocolint.ruleset.model import Rule

TREE_MARKERS = (".git", "MAINTAINERS")


def tree_root(start: Path) -> Path:
    """The tree patches are relative to: the nearest directory with .git or MAINTAINERS, else start."""
    start = start.absolute()
    for d in (start, *start.parents):
        if any((d / m).exists() for m in TREE_MARKERS):
            return d
    return start


def run_patches(rules: list[Rule], files: list[Path], tree: Path | None = None, strip: int = 1,
                fmt: str = "text", quiet: bool = False, out: TextIO | None = None,
                err: TextIO | None = None) -> int:
    """Check a series of patch files against tree (read-only); return the exit status."""
    out, err = out or sys.stdout, err or sys.stderr
    root = tree if tree is not None else tree_root(Path.cwd())
    if not root.is_dir():
        raise CocolintError(str(root), "--tree: not a directory")
    series = Series(rules, root, strip)
    outcomes: list[PatchOutcome] = []
    for f in files:
        try:
            mails = read_patches(f)
        except OSError as exc:
            o = PatchOutcome(PatchMail(f.name, "", b""))
            o.error = f"cannot read {f}: {exc.strerror or exc}"
            outcomes.append(o)
            continue
        outcomes.extend(series.check(m) for m in mails)
    if fmt == "json":
        write_json(outcomes, out, err)
    else:
        write_text(outcomes, out, err, quiet)
    return exit_status(outcomes)
