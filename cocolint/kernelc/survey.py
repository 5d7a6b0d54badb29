"""Parse health of many files: measure each (one bad file never stops the rest) and total them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from cocolint.engine.files import discover
from cocolint.engine.findings import FileError
from cocolint.kernelc.health import FileHealth, measure_file

MAX_BYTES = 8 * 1024 * 1024  # larger files are generated data, not code to read


@dataclass
class Totals:
    """Sums over a run of parse-health.

    The totals are those of the C files; files recognised as not C (assembler headers and
    linker scripts, kernelc/filekind.py) are measured too but counted apart, in not_c_*, so
    the ERROR share can be given both ways (over C files, and over every file).
    """

    files: int = 0
    files_with_errors: int = 0
    error_bytes: int = 0
    total_bytes: int = 0
    missing: int = 0
    functions: int = 0
    functions_lost: int = 0
    rewritten_bytes: int = 0
    conditional_bytes: int = 0
    alternate_bytes: int = 0
    failed: int = 0
    parse_seconds: float = 0.0
    normalise_seconds: float = 0.0
    extra_views: int = 0
    extra_parse_seconds: float = 0.0
    worst: list[FileHealth] = field(default_factory=list)
    not_c_files: int = 0
    not_c_bytes: int = 0
    not_c_error_bytes: int = 0

    def add(self, h: FileHealth) -> None:
        """Count one file (a file that is not C only in the not_c_* counts)."""
        if h.not_c:
            self.not_c_files += 1
            self.not_c_bytes += h.total_bytes
            self.not_c_error_bytes += h.error_bytes
            return
        self.files += 1
        self.files_with_errors += h.has_errors
        for name in ("error_bytes", "total_bytes", "missing", "functions", "functions_lost",
                     "rewritten_bytes", "conditional_bytes", "alternate_bytes"):
            setattr(self, name, getattr(self, name) + getattr(h, name))
        self.parse_seconds += h.parse_seconds
        self.normalise_seconds += h.normalise_seconds
        self.extra_views += h.extra_views
        self.extra_parse_seconds += h.extra_parse_seconds
        if h.error_bytes:
            self.worst.append(h)

    def worst_files(self, n: int) -> list[FileHealth]:
        """The n files with the largest share of ERROR bytes."""
        return sorted(self.worst, key=lambda h: (-h.error_ratio, -h.error_bytes, h.path))[:n]

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict of the totals."""
        return {
            "files": self.files, "files_with_errors": self.files_with_errors,
            "files_with_errors_ratio": round(self.files_with_errors / self.files, 4) if self.files else 0.0,
            "error_bytes": self.error_bytes, "total_bytes": self.total_bytes,
            "error_bytes_ratio": round(self.error_bytes / self.total_bytes, 5) if self.total_bytes else 0.0,
            "missing_nodes": self.missing,
            "function_definitions_recovered": self.functions,
            "functions_not_recovered": self.functions_lost,
            "rewritten_bytes": self.rewritten_bytes,
            "conditional_bytes": self.conditional_bytes,
            "alternate_view_bytes": self.alternate_bytes,
            "failed": self.failed,
            # files recognised as not C: not in the totals above
            "not_c_files": self.not_c_files, "not_c_bytes": self.not_c_bytes,
            "not_c_error_bytes": self.not_c_error_bytes,
            "error_bytes_ratio_all_files": round((self.error_bytes + self.not_c_error_bytes)
                                                 / (self.total_bytes + self.not_c_bytes), 5)
            if self.total_bytes + self.not_c_bytes else 0.0,
            "parse_seconds": round(self.parse_seconds, 3),
            "normalise_seconds": round(self.normalise_seconds, 3),
            "extra_views": self.extra_views,
            "extra_parse_seconds": round(self.extra_parse_seconds, 3),
        }


def measure_paths(paths: Iterable[Path], normalised: bool = True) -> Iterator[FileHealth | FileError]:
    """Measure every C file under paths, in discovery order."""
    for d in discover(list(paths)):
        shown = d.path.as_posix()
        if d.error is not None:
            yield FileError(shown, d.error)
            continue
        try:
            source = d.path.read_bytes()
        except OSError as exc:
            yield FileError(shown, f"cannot read: {exc.strerror or exc}")
            continue
        if b"\0" in source:
            yield FileError(shown, "binary file (NUL byte), not measured", source.count(b"\n", 0, source.find(b"\0")) + 1)
            continue
        if len(source) > MAX_BYTES:
            yield FileError(shown, f"larger than {MAX_BYTES} bytes, not measured")
            continue
        try:
            h = measure_file(d.path, source, normalised)
        except RecursionError:
            yield FileError(shown, "internal error: nesting too deep to measure")
            continue
        except Exception as exc:  # one file's internal error must not stop the survey
            yield FileError(shown, f"internal error: {type(exc).__name__}: {exc}")
            continue
        h.path = shown
        yield h
