"""The rule model: what a loaded, validated and compiled rule file is."""

from __future__ import annotations

import re

from cocolint.pattern import CompiledPattern
from cocolint.record import dataclass, field

SEVERITIES = ("error", "warning", "info")
CONFIDENCES = ("high", "medium", "low")


@dataclass(frozen=True)
class Region:
    """A piece of code a finding must (or must not) lie in: a pattern's match, or one capture of it."""

    pattern: CompiledPattern
    at: str | None = None  # capture name; None for the whole match


@dataclass(frozen=True)
class Scope:
    """Where a rule applies. Every condition given must hold; any_of needs one of its scopes."""

    paths: tuple[str, ...] = ()
    exclude_paths: tuple[str, ...] = ()
    functions: re.Pattern[str] | None = None
    not_functions: re.Pattern[str] | None = None
    inside: tuple[Region, ...] = ()
    not_inside: tuple[Region, ...] = ()
    any_of: tuple["Scope", ...] = ()

    def regions(self) -> tuple[Region, ...]:
        """Every region this scope (and its alternatives) refers to."""
        out = self.inside + self.not_inside
        for alt in self.any_of:
            out += alt.regions()
        return out


@dataclass(frozen=True)
class Example:
    """A snippet from the rule file: bad ones must be flagged, good ones must not."""

    code: str
    bad: bool
    path: str = "example.c"


@dataclass(frozen=True)
class Rule:
    """One rule file, validated and compiled."""

    id: str
    file: str
    category: str
    severity: str
    confidence: str
    message: str
    summary: str
    rationale: str
    use_instead: str
    patterns: tuple[CompiledPattern, ...]
    patterns_not: tuple[CompiledPattern, ...] = ()
    globals: tuple[str, ...] = ()
    superseded_by: tuple[str, ...] = ()
    scope: Scope = field(default_factory=Scope)
    references: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()

    def literal_sets(self) -> list[frozenset[str]] | None:
        """Per pattern, the names a match must contain; None if some pattern has none."""
        sets = [p.literals for p in self.patterns]
        return None if any(not s for s in sets) else sets
