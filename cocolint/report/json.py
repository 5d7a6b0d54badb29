"""JSON output: one versioned object, so later fields can be added without breaking readers."""

from __future__ import annotations

from cocolint.engine.run import FileResult, Summary
from cocolint.report.jsontext import dumps_indent2
from cocolint.ruleset.model import Rule

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import TextIO

VERSION = 1


class JsonReporter:
    """Collects findings and errors; writes {"version": 1, "findings": [...], ...} at the end."""

    def __init__(self, out: TextIO, err: TextIO, rules: dict[str, Rule]) -> None:
        self.out, self.err, self.rules = out, err, rules
        self.findings: list[dict[str, object]] = []
        self.errors: list[dict[str, object]] = []
        self.suppressed: list[dict[str, object]] = []

    def file(self, result: FileResult) -> None:
        """Collect one file's findings and error."""
        if result.error is not None:
            print(result.error, file=self.err)
            e = result.error
            self.errors.append({"path": e.path, "line": e.line, "message": e.message})
        self.findings.extend(f.to_dict() for f in result.findings)
        self.suppressed.extend(s.to_dict() for s in result.suppressed)

    def finish(self, summary: Summary) -> None:
        """Write the whole object."""
        doc = {"version": VERSION, "tool": "cocolint", "findings": self.findings,
               "suppressed": self.suppressed, "errors": self.errors, "summary": summary.to_dict()}
        self.out.write(dumps_indent2(doc) + "\n")  # json.dump(doc, out, indent=2), without importing json
