"""Wire --diff, --diff-file, --baseline and --write-baseline into `check` as filter steps over file results."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

TYPE_CHECKING = False  # typing and argparse are not imported at run time (start-up time)
if TYPE_CHECKING:  # diff and baseline (and the patch code diff uses) load only when a flag needs them
    import argparse
    from typing import Iterable

    from cocolint.engine.run import FileResult, Summary
    from cocolint.ruleset.model import Rule

Step = Callable[["FileResult"], "FileResult"]


def setup(args: argparse.Namespace, rules: list[Rule]) -> tuple[list[Path], list[Step], Callable[[Summary], None]]:
    """The paths to check, the steps each file's result goes through (in order), and the end-of-run hook.

    The baseline step comes first: it must see every finding to know which entries are fixed;
    --diff then keeps what is on changed lines.
    """
    paths = list(args.paths) or [Path(".")]
    steps: list[Step] = []
    known = None
    if getattr(args, "baseline", None):
        from cocolint.engine import baseline

        known = baseline.BaselineFilter(baseline.load(args.baseline), {r.id for r in rules})
        steps.append(known)
    changed = None
    if getattr(args, "diff", None) or getattr(args, "diff_file", None):
        from cocolint.engine import diff
    if getattr(args, "diff", None):
        changed = diff.from_git(args.diff)
    elif getattr(args, "diff_file", None):
        changed = diff.from_file(args.diff_file)
    if changed is not None:
        paths = changed.select(paths)
        steps.append(changed)

    def finish(summary: Summary) -> None:
        if known is not None:
            known.finish(summary, str(args.baseline))

    return paths, steps, finish


def write_baseline(path: Path, results: Iterable[FileResult]) -> int:
    """Record every finding in path; exit 2 if a file could not be checked (its findings would be missing)."""
    from cocolint.engine import baseline

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
