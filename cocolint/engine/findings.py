"""Findings are values: where, which rule, what to say, and a fingerprint that survives line moves."""

from __future__ import annotations


from cocolint.hashes import sha256
from cocolint.record import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    """One finding. Lines and columns are 1-based; columns count characters."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    severity: str
    confidence: str
    message: str
    function: str | None
    source_line: str
    code: str  # the matched code, whitespace-normalised
    tree_path: str = ""  # the path relative to the tree's root (what scopes and fingerprints see)

    @property
    def fingerprint(self) -> str:
        """Stable identity: rule, tree path, enclosing function and matched code (not line numbers)."""
        key = "\0".join((self.rule, self.tree_path or self.path, self.function or "", self.code))
        return sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict (reporters' shared view of a finding)."""
        return {
            "path": self.path, "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column,
            "rule": self.rule, "severity": self.severity, "confidence": self.confidence,
            "message": self.message, "function": self.function,
            "source_line": self.source_line, "fingerprint": self.fingerprint,
        }


@dataclass(frozen=True)
class Suppressed:
    """A finding that was not reported, and why: counted in every summary, never silently dropped."""

    finding: Finding
    by: str  # "inline" (a cocolint: ignore[...] comment) or "per-path-ignores" (config)
    reason: str  # the comment's reason, or the config glob
    line: int | None = None  # where the suppression is (the comment's line, or the config line)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict: the finding plus how it was suppressed."""
        return {**self.finding.to_dict(), "suppressed_by": self.by, "reason": self.reason,
                "suppression_line": self.line}


@dataclass(frozen=True)
class FileError:
    """A file that could not be checked: one line naming it, the run goes on."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: error: {self.message}"
