"""Text output: `path:line:col: severity: message [rule-id]`, the line editors and CI parse."""

from __future__ import annotations


from cocolint.engine.findings import Finding
from cocolint.engine.run import FileResult, Summary
from cocolint.ruleset.model import Rule

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import TextIO


def format_finding(f: Finding) -> str:
    """One finding, one line."""
    return f"{f.path}:{f.line}:{f.column}: {f.severity}: {f.message} [{f.rule}]"


def baseline_lines(b: dict[str, object]) -> list[str]:
    """What --baseline hid and which of its entries no longer match (one line each)."""
    fixed = list(b["fixed"])  # type: ignore[call-overload]
    out = [f"cocolint: baseline {b['file']}: {b['known']} known finding{'s' * (b['known'] != 1)} not shown,"
           f" {len(fixed)} entr{'ies' if len(fixed) != 1 else 'y'} fixed"
           + (" (refresh it with --write-baseline)" if fixed else "")]
    out.extend(f"  fixed: {line}" for line in fixed)
    return out


class TextReporter:
    """Streams findings to out, file errors and the summary to err."""

    def __init__(self, out: TextIO, err: TextIO, rules: dict[str, Rule], summary: bool = True) -> None:
        self.out, self.err, self.rules, self.show_summary = out, err, rules, summary

    def file(self, result: FileResult) -> None:
        """Print one file's findings (and its error, if any)."""
        if result.error is not None:
            print(result.error, file=self.err)
        for f in result.findings:
            print(format_finding(f), file=self.out)

    def finish(self, summary: Summary) -> None:
        """Print the summary (or, with --quiet, only the baseline entries now fixed)."""
        if self.show_summary:
            print("\n".join(summary_lines(summary)), file=self.err)
        elif summary.baseline is not None and summary.baseline["fixed"]:
            print("\n".join(baseline_lines(summary.baseline)), file=self.err)


def summary_lines(s: Summary) -> list[str]:
    """The end-of-run summary (report/summary.py); suppressed findings are always counted, never silently dropped."""
    from cocolint.report.summary import render

    lines = render(s)
    if s.baseline is not None:
        lines.extend(baseline_lines(s.baseline))
    return lines