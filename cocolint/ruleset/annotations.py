"""Annotated samples: `/* expect: id */`, `/* ok: id */`, `/* todo-expect: id */`, `/* todo-ok: id */`.

An annotation speaks of the line it stands on.  `/* cocolint-path: arch/x86/mm/x.c */`
in the first lines says which path the sample pretends to be at (for path scopes).
"""

from __future__ import annotations

import re
from collections import Counter

from cocolint.engine.findings import Finding
from cocolint.record import dataclass

_ANNOTATION = re.compile(r"/\*\s*(expect|ok|todo-expect|todo-ok)\s*:\s*([a-z0-9,\s-]+?)\s*\*/")
_PATH = re.compile(r"/\*\s*cocolint-path:\s*(\S+)\s*\*/")


@dataclass(frozen=True)
class Annotation:
    """One annotation: its kind, the rule it names, and its 1-based line."""

    kind: str
    rule: str
    line: int


def parse_annotations(text: str) -> list[Annotation]:
    """Every annotation in a sample, in order."""
    out = []
    for lineno, line in enumerate(text.splitlines(), 1):
        for m in _ANNOTATION.finditer(line):
            for rule in re.split(r"[,\s]+", m.group(2).strip()):
                out.append(Annotation(m.group(1), rule, lineno))
    return out


def sample_path(text: str, default: str) -> str:
    """The path a sample pretends to be at."""
    m = _PATH.search("\n".join(text.splitlines()[:5]))
    return m.group(1) if m else default


def compare(annotations: list[Annotation], findings: list[Finding], rules: set[str]) -> list[str]:
    """Mismatches between annotations and findings, restricted to the given rule ids."""
    problems = []
    found = Counter((f.rule, f.line) for f in findings if f.rule in rules)
    kinds: dict[tuple[str, int], set[str]] = {}
    for a in annotations:
        if a.rule in rules:
            kinds.setdefault((a.rule, a.line), set()).add(a.kind)
    for (rule, line), ks in sorted(kinds.items()):
        n = found.get((rule, line), 0)
        if "expect" in ks and n == 0:
            problems.append(f"line {line}: expected a finding of {rule}, got none")
        if "ok" in ks and n:
            problems.append(f"line {line}: {rule} reported here, but the line is marked ok")
        if "todo-expect" in ks and n:
            problems.append(f"line {line}: todo-expect for {rule} now passes; make it 'expect'")
        if "todo-ok" in ks and not n:
            problems.append(f"line {line}: todo-ok for {rule} no longer fires; make it 'ok'")
    for (rule, line), n in sorted(found.items()):
        if not kinds.get((rule, line), set()) & {"expect", "todo-ok"}:
            problems.append(f"line {line}: unexpected finding of {rule}")
    return problems
