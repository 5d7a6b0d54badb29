"""Wire --diff, --diff-file, --baseline and --write-baseline into `check` as a filter over file results."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator

from cocolint.engine import baseline, diff
from cocolint.engine.run import FileResult, Summary
from cocolint.ruleset.model import Rule

Filter = Callable[[Iterable[FileResult]], Iterator[FileResult]]


def setup(args: argparse.Namespace, rules: list[Rule]) -> tuple[list[Path], Filter, Callable[[Summary], None]]:
    """The paths to check, the filter to run results through, and what to add to the summary at the end."""
    changed = None
    if getattr(args, "diff", None):
        changed = diff.from_git(args.diff)
    elif getattr(args, "diff_file", None):
        changed = diff.from_file(args.diff_file)
    paths = list(args.paths)
    if not paths:
        paths = [Path(os.path.relpath(p)) for p in changed.files()] if changed is not None else [Path(".")]
    known = None
    if getattr(args, "baseline", None):
        known = baseline.BaselineFilter(baseline.load(args.baseline), {r.id for r in rules})

    def run_filters(results: Iterable[FileResult]) -> Iterator[FileResult]:
        out: Iterable[FileResult] = results
        if changed is not None:
            out = changed.filter(out)
        if known is not None:
            out = known.filter(out)
        yield from out

    def finish(summary: Summary) -> None:
        if known is not None:
            summary.baseline = {"file": str(args.baseline), "known": known.known,
                                "fixed": [e.describe() for e in known.fixed()]}

    return paths, run_filters, finish


def write_baseline(path: Path, results: Iterable[FileResult]) -> int:
    """Record every finding in path; exit 2 if a file could not be checked (its findings would be missing)."""
    findings, failed = [], 0
    for r in results:
        if r.error is not None:
            print(r.error, file=sys.stderr)
            failed += 1
        findings.extend(r.findings)
    es = baseline.write(path, findings)
    print(f"cocolint: wrote {len(findings)} finding{'s' * (len(findings) != 1)} ({len(es)} entries) to {path}",
          file=sys.stderr)
    return 2 if failed else 0
