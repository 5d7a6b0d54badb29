"""GitHub Actions annotations: `::error file=...,line=...,col=...,title=...::message` workflow commands."""

from __future__ import annotations

from pathlib import Path

from cocolint.engine.findings import Finding
from cocolint.engine.run import FileResult, Summary
from cocolint.report.location import annotation_path, source_root
from cocolint.report.text import summary_lines
from cocolint.ruleset.model import Rule

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import TextIO

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """The message part: % and line breaks are escaped (GitHub's toolkit rules)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: as data, plus ':' and ',' which separate properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **props: object) -> str:
    """One workflow command line; properties with None values are left out."""
    given = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{level} {given}::{escape_data(message)}" if given else f"::{level}::{escape_data(message)}"


def annotation(f: Finding, root: Path) -> str:
    """A finding as an annotation; columns only on one-line findings (GitHub drops them otherwise)."""
    one_line = f.line == f.end_line
    return command(LEVELS.get(f.severity, "warning"), f.message,
                   file=annotation_path(f.path, root), line=f.line, endLine=f.end_line,
                   col=f.column if one_line else None, endColumn=f.end_column if one_line else None,
                   title=f"cocolint {f.rule}")


class GithubReporter:
    """Annotations to out as results arrive; file errors as error annotations; the summary to err."""

    def __init__(self, out: TextIO, err: TextIO, rules: dict[str, Rule], summary: bool = True) -> None:
        self.out, self.err, self.rules, self.show_summary = out, err, rules, summary
        self.root = source_root()

    def file(self, result: FileResult) -> None:
        """Print one file's annotations."""
        if result.error is not None:
            e = result.error
            print(result.error, file=self.err)
            print(command("error", e.message, file=annotation_path(e.path, self.root), line=e.line,
                          title="cocolint: file not checked"), file=self.out)
        for f in result.findings:
            print(annotation(f, self.root), file=self.out)

    def finish(self, summary: Summary) -> None:
        """The text summary, on err."""
        if self.show_summary:
            print("\n".join(summary_lines(summary)), file=self.err)
