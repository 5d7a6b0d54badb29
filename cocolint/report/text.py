"""Text output: `path:line:col: severity: message [rule-id]`, the line editors and CI parse."""

from __future__ import annotations

from typing import TextIO

from cocolint.engine.findings import Finding
from cocolint.engine.run import FileResult, Summary
from cocolint.ruleset.model import Rule


def format_finding(f: Finding) -> str:
    """One finding, one line."""
    return f"{f.path}:{f.line}:{f.column}: {f.severity}: {f.message} [{f.rule}]"


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
        """Print the summary: findings per rule, files, parse damage, time."""
        if not self.show_summary:
            return
        from cocolint.report.summary import render

        print("\n".join(render(summary)), file=self.err)
