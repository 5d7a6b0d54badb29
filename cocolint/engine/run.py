"""Check many files: read each, match it, isolate its failures, and count what happened."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from cocolint.engine.files import Discovered, discover
from cocolint.engine.findings import FileError, Finding, Suppressed
from cocolint.engine.matcher import Matcher, Pending, held
from cocolint.engine.paths import scope_path
from cocolint.engine.source import SourceError, binary_at, read_source
from cocolint.engine.suppress import MARKER as DIRECTIVE_MARKER
from cocolint.record import dataclass, field, replace
from cocolint.ruleset.model import Rule

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Callable, Iterable, Iterator, TypeVar

    T = TypeVar("T")
    X = TypeVar("X")


@dataclass
class FileResult:
    """What checking one file produced."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: FileError | None = None
    parsed: bool = False
    damaged: bool = False
    suppressed: list[Suppressed] = field(default_factory=list)  # filled by engine/filters.py
    directives: bool | None = None  # whether the source holds `cocolint:` (None: unknown, the filter reads it)
    not_c: str | None = None  # why the file was not parsed: it is not C (kernelc/filekind.py)


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
    by_dir: Counter[str] = field(default_factory=Counter)  # findings per top-level directory of the tree
    jobs: int = 1
    suppressed: int = 0
    suppressed_by_rule: Counter[str] = field(default_factory=Counter)
    baseline: dict[str, object] | None = None  # with --baseline: {"file", "known", "fixed": [lines]}
    not_c: int = 0  # files skipped as not C (assembler headers, linker scripts)

    def add(self, r: FileResult) -> None:
        """Count one file's result."""
        self.files += 1
        if r.error is not None:
            self.failed += 1
        elif r.not_c:
            self.not_c += 1
        elif r.parsed:
            self.parsed += 1
            self.damaged += r.damaged
        else:
            self.prefiltered += 1
        if not r.findings and not r.suppressed:
            return  # nearly every file of a tree: nothing more to count
        self.findings += len(r.findings)
        self.by_rule.update(f.rule for f in r.findings)
        self.by_dir.update(top_dir(f.tree_path or f.path) for f in r.findings)
        self.suppressed += len(r.suppressed)
        self.suppressed_by_rule.update(s.finding.rule for s in r.suppressed)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "files": self.files, "parsed": self.parsed, "skipped_by_prefilter": self.prefiltered,
            "parse_damaged": self.damaged, "failed": self.failed, "findings": self.findings,
            "findings_by_rule": dict(sorted(self.by_rule.items())), "seconds": round(self.seconds, 3),
            "findings_by_directory": dict(sorted(self.by_dir.items())),
            "suppressed": self.suppressed, "suppressed_by_rule": dict(sorted(self.suppressed_by_rule.items())),
        } | ({"baseline": self.baseline} if self.baseline is not None else {}) \
          | ({"skipped_not_c": self.not_c} if self.not_c else {})


def top_dir(tree_path: str) -> str:
    """The top-level directory of a tree-relative path ("." for a file at the root)."""
    head, sep, _ = tree_path.lstrip("/").partition("/")
    return head if sep else "."


def display_path(path: Path) -> str:
    """How a path is shown in findings: as the user named it (posix separators)."""
    return path.as_posix()


# a batch: files scanned and prepared before any of them is parsed (prepare_batch), bounded by what they hold
BATCH_FILES = 32
BATCH_BYTES = 16 << 20


def check_file(matcher: Matcher, path: Path, source: bytes | None = None) -> FileResult:
    """Check one file (source: its bytes if already read); any failure becomes a FileError, never an exception."""
    return finish_file(matcher, *prepare_file(matcher, *begin_file(matcher, path, source)))


def begin_file(matcher: Matcher, path: Path, source: bytes | None = None) -> tuple[FileResult, Pending | None]:
    """check_file up to the kernel-C preparation (Matcher.start): (the result, final when pending
    is None; what to prepare and parse)."""
    shown = display_path(path)
    result = FileResult(shown)
    if source is None:
        try:
            source = read_source(path)
        except SourceError as exc:
            result.error = FileError(shown, str(exc))
            return result, None
    nul = binary_at(source)
    if nul >= 0:
        line = source.count(b"\n", 0, nul) + 1
        result.error = FileError(shown, "binary file (NUL byte), not checked", line)
        return result, None
    result.directives = DIRECTIVE_MARKER in source  # the suppression filter re-reads only these files
    if not matcher.may_match(source):
        return result, None  # no rule can match: skipped by the pre-filter, not parsed
    from cocolint.kernelc.filekind import not_c  # only for files that may match (start-up time)

    result.not_c = not_c(source, path.as_posix())
    if result.not_c:
        return result, None  # an assembler header or linker script: counted, not parsed
    return result, _isolated(result, matcher.start, scope_path(path), source, path)


def prepare_file(matcher: Matcher, result: FileResult, pending: Pending | None) -> tuple[FileResult, Pending | None]:
    """Prepare the kernel C of a file begin_file started (Matcher.prepare)."""
    if pending is None:
        return result, None
    return result, _isolated(result, matcher.prepare, pending)


def finish_file(matcher: Matcher, result: FileResult, pending: Pending | None) -> FileResult:
    """Parse and match a file begin_file prepared (pending None: the result is final already)."""
    if pending is None:
        return result
    m = _isolated(result, matcher.finish, pending)
    if m is not None:
        result.parsed, result.damaged = m.parsed, m.damaged
        result.findings = [replace(f, path=result.path) for f in m.findings]
    return result


def _isolated(result: FileResult, step: Callable[..., T], *args: object) -> T | None:
    """step(*args), or None with the failure recorded as the file's error: one file's internal
    error must not cost the others' findings."""
    try:
        return step(*args)
    except RecursionError:
        result.error = FileError(result.path, "internal error: nesting too deep to check")
    except Exception as exc:
        result.error = FileError(result.path, f"internal error: {type(exc).__name__}: {exc}")
    return None


def batches(items: Iterable[X], held: Callable[[X], int]) -> Iterator[list[X]]:
    """items in lists of up to BATCH_FILES, closed early once what they hold reaches BATCH_BYTES."""
    batch: list[X] = []
    total = 0
    for item in items:
        batch.append(item)
        total += held(item)
        if len(batch) >= BATCH_FILES or total >= BATCH_BYTES:
            yield batch
            batch, total = [], 0
    if batch:
        yield batch


def in_batches(matcher: Matcher, begun: Iterable[tuple[FileResult, Pending | None]]) -> Iterator[FileResult]:
    """Every result in order: begin_file's files a batch at a time, each step for the whole batch
    (see batches): the normaliser's trigger scans, preparation, then parsing and matching."""
    for batch in batches(begun, lambda b: held(b[1].source, matcher.normalise) if b[1] is not None else 0):
        yield from (finish_file(matcher, r, p) for r, p in prepare_batch(matcher, batch))


def prepare_batch(matcher: Matcher, batch: list[tuple[FileResult, Pending | None]]
                  ) -> list[tuple[FileResult, Pending | None]]:
    """A batch of begin_file's files prepared: every file's trigger scan, back to back, then every
    file's preparation (prepare_file); a failure in either costs only its file."""
    scanned = [(r, _isolated(r, matcher.scan_ahead, p) if p is not None else None) for r, p in batch]
    return [prepare_file(matcher, r, p) for r, p in scanned]


def check_paths(rules: list[Rule], paths: Iterable[Path],
                skip: Callable[[Path], bool] | None = None) -> Iterator[FileResult]:
    """Check every file under paths, in discovery order (minus those skip() excludes, e.g. config excludes)."""
    matcher = Matcher(rules)
    yield from in_batches(matcher, _begun(matcher, paths, skip))


def _begun(matcher: Matcher, paths: Iterable[Path],
           skip: Callable[[Path], bool] | None) -> Iterator[tuple[FileResult, Pending | None]]:
    for d in discover(list(paths)):
        if skip is not None and d.error is None and skip(d.path):
            continue
        if d.error is not None:
            yield FileResult(display_path(d.path), error=FileError(display_path(d.path), d.error)), None
            continue
        yield begin_file(matcher, d.path)


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
