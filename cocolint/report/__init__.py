"""Reporters: findings plus rule metadata in, one output format out; the only code that prints results."""

from __future__ import annotations


from cocolint.engine.run import FileResult, Summary
from cocolint.ruleset.model import Rule

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Protocol, TextIO
else:
    Protocol = object


class Reporter(Protocol):
    """Receives each file's result as it is ready, then the summary."""

    def file(self, result: FileResult) -> None: ...

    def finish(self, summary: Summary) -> None: ...


FORMATS = ("text", "json", "sarif", "github", "gitlab")


def make_reporter(fmt: str, out: TextIO, err: TextIO, rules: dict[str, Rule]) -> Reporter:
    """The reporter for a --format value (only its module is imported: start-up time counts)."""
    if fmt == "json":
        from cocolint.report.json import JsonReporter

        return JsonReporter(out, err, rules)
    if fmt == "sarif":
        from cocolint.report.sarif import SarifReporter

        return SarifReporter(out, err, rules)
    if fmt == "github":
        from cocolint.report.github import GithubReporter

        return GithubReporter(out, err, rules)
    if fmt == "gitlab":
        from cocolint.report.gitlab import GitlabReporter

        return GitlabReporter(out, err, rules)
    from cocolint.report.text import TextReporter

    return TextReporter(out, err, rules)
