"""Check many files: read each, match it, isolate its failures, and count what happened."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

from cocolint.engine.files import Discovered, discover
from cocolint.engine.findings import FileError, Finding
from cocolint.engine.matcher import Matcher
from cocolint.engine.paths import scope_path
from cocolint.ruleset.model import Rule


@dataclass
class FileResult:
    """What checking one file produced."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: FileError | None = None
    parsed: bool = False
    damaged: bool = False


@dataclass
class Summary:
    """Counts for the end of a run."""

    files: int = 0
    parsed: int = 0
    prefiltered: int = 0
    damaged: int = 0
    failed: int = 0
    findings: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def add(self, r: FileResult) -> None:
        """Count one file's result."""
        self.files += 1
        if r.error is not None:
            self.failed += 1
        elif r.parsed:
            self.parsed += 1
            self.damaged += r.damaged
        else:
            self.prefiltered += 1
        self.findings += len(r.findings)
        self.by_rule.update(f.rule for f in r.findings)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "files": self.files, "parsed": self.parsed, "skipped_by_prefilter": self.prefiltered,
            "parse_damaged": self.damaged, "failed": self.failed, "findings": self.findings,
            "findings_by_rule": dict(sorted(self.by_rule.items())), "seconds": round(self.seconds, 3),
        }


def display_path(path: Path) -> str:
    """How a path is shown in findings: as the user named it (posix separators)."""
    return path.as_posix()


def check_file(matcher: Matcher, path: Path) -> FileResult:
    """Check one file; any failure becomes a FileError, never an exception."""
    shown = display_path(path)
    result = FileResult(shown)
    try:
        source = path.read_bytes()
    except IsADirectoryError:
        result.error = FileError(shown, "is a directory")
        return result
    except OSError as exc:
        result.error = FileError(shown, f"cannot read: {exc.strerror or exc}")
        return result
    nul = source.find(b"\0")
    if nul >= 0:
        line = source.count(b"\n", 0, nul) + 1
        result.error = FileError(shown, "binary file (NUL byte), not checked", line)
        return result
    try:
        m = matcher.match(scope_path(path), source, file=path)
    except RecursionError:
        result.error = FileError(shown, "internal error: nesting too deep to check")
        return result
    except Exception as exc:  # one file's internal error must not cost the others' findings
        result.error = FileError(shown, f"internal error: {type(exc).__name__}: {exc}")
        return result
    result.parsed, result.damaged = m.parsed, m.damaged
    result.findings = [replace(f, path=shown) for f in m.findings]
    return result


def check_paths(rules: list[Rule], paths: Iterable[Path]) -> Iterator[FileResult]:
    """Check every file under paths, in discovery order."""
    matcher = Matcher(rules)
    for d in discover(list(paths)):
        if d.error is not None:
            yield FileResult(display_path(d.path), error=FileError(display_path(d.path), d.error))
            continue
        yield check_file(matcher, d.path)


def run(rules: list[Rule], paths: Iterable[Path]) -> tuple[list[FileResult], Summary]:
    """Check everything and summarise (the simple, sequential driver)."""
    start = time.monotonic()
    summary = Summary()
    results = []
    for r in check_paths(rules, paths):
        summary.add(r)
        results.append(r)
    summary.seconds = time.monotonic() - start
    return results, summary
