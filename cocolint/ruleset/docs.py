"""A rule's documentation, rendered from the rule file (ruff's sections), so it cannot drift."""

from __future__ import annotations

import textwrap

from cocolint.ruleset.model import Rule


def render(rule: Rule) -> str:
    """`cocolint explain RULE`: what it does, why it is bad, example, use instead, references."""
    parts = [f"# {rule.id}", "",
             f"Category: {rule.category}. Severity: {rule.severity}. Confidence: {rule.confidence}.", "",
             "## What it does", rule.summary, "",
             "## Why is this bad?", rule.rationale, ""]
    bad = [e for e in rule.examples if e.bad]
    good = [e for e in rule.examples if not e.bad]
    if bad:
        parts += ["## Example", *(_code(e.code, e.path) for e in bad)]
    parts += ["## Use instead", rule.use_instead, ""]
    if good:
        parts += [_code(e.code, e.path) for e in good]
    if rule.patterns:
        parts += ["## Patterns", *(f"    {p.source}" for p in rule.patterns), ""]
    if rule.references:
        parts += ["## References", *(f"- {r}" for r in rule.references), ""]
    return "\n".join(parts).rstrip() + "\n"


def _code(code: str, path: str) -> str:
    header = f"In {path}:\n" if path != "example.c" else ""
    return header + "```c\n" + textwrap.dedent(code).strip("\n") + "\n```\n"


def one_line(rule: Rule) -> str:
    """`cocolint rules`: id, severity, confidence and summary on one line."""
    return f"{rule.id:40s} {rule.severity:8s} {rule.confidence:7s} {rule.summary}"
