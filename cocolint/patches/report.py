"""Report a patch series: per patch `name: +N new, -M fixed`, then its findings; or one JSON object."""

from __future__ import annotations

import json
from typing import TextIO

from cocolint.patches.series import PatchOutcome
from cocolint.report.text import format_finding

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_NOT_APPLIED = 0, 1, 2, 3


def exit_status(outcomes: list[PatchOutcome]) -> int:
    """2 if a patch could not be read or checked, else 3 if one did not apply, else 1 if one adds findings."""
    if any(o.error for o in outcomes):
        return EXIT_ERROR
    if any(o.not_applied for o in outcomes):
        return EXIT_NOT_APPLIED
    return EXIT_FINDINGS if any(o.new for o in outcomes) else EXIT_CLEAN


def headline(o: PatchOutcome) -> str:
    """The patch's one-line verdict."""
    if o.not_applied:
        return f"{o.mail.name}: does not apply: {o.not_applied}"
    if o.note:
        return f"{o.mail.name}: {o.note}"
    return f"{o.mail.name}: +{len(o.new)} new, -{len(o.fixed)} fixed"


def write_text(outcomes: list[PatchOutcome], out: TextIO, err: TextIO, quiet: bool = False) -> None:
    """Each patch's verdict and findings on out; errors and the series summary on err."""
    for o in outcomes:
        if not (o.error and not o.files):  # a patch that could not be read has only its error line
            print(headline(o), file=out)
        for f in o.new:
            print(format_finding(f), file=out)
        for f in o.fixed:
            print(f"fixed: {format_finding(f)}", file=out)
        if o.error:
            print(f"{o.mail.name}: error: {o.error}", file=err)
    if not quiet:
        n = len(outcomes)
        failed = sum(bool(o.not_applied) for o in outcomes)
        print(f"cocolint: {n} patch{'es' * (n != 1)}: +{sum(len(o.new) for o in outcomes)} new,"
              f" -{sum(len(o.fixed) for o in outcomes)} fixed"
              + (f"; {failed} did not apply" if failed else ""), file=err)


def write_json(outcomes: list[PatchOutcome], out: TextIO, err: TextIO) -> None:
    """One object: {"version": 1, "patches": [{"patch", "subject", "new", "fixed", ...}]}."""
    patches = []
    for o in outcomes:
        if o.error:
            print(f"{o.mail.name}: error: {o.error}", file=err)
        patches.append({
            "patch": o.mail.name, "subject": o.mail.subject, "files": o.files,
            "applied": o.not_applied is None, "not_applied": o.not_applied, "error": o.error, "note": o.note,
            "new": [f.to_dict() for f in o.new], "fixed": [f.to_dict() for f in o.fixed],
        })
    json.dump({"version": 1, "tool": "cocolint", "patches": patches}, out, indent=2)
    out.write("\n")
