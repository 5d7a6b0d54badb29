"""Test rules against their own examples and annotated samples (`cocolint test`, and the test suite)."""

from __future__ import annotations

from pathlib import Path

from cocolint.engine.matcher import Matcher
from cocolint.ruleset.annotations import compare, parse_annotations, sample_path
from cocolint.ruleset.model import Rule


def check_examples(rule: Rule) -> list[str]:
    """Bad examples must be flagged by the rule, good ones must not."""
    matcher = Matcher([rule])
    problems = []
    for i, ex in enumerate(rule.examples):
        n = len(matcher.match(ex.path, ex.code.encode()).findings)
        if ex.bad and n == 0:
            problems.append(f"{rule.file}: bad example {i + 1} is not flagged")
        if not ex.bad and n:
            problems.append(f"{rule.file}: good example {i + 1} is flagged {n} time(s)")
    return problems


def sample_for(rule: Rule) -> Path:
    """The annotated sample that sits beside a rule file (same stem, .c)."""
    return Path(rule.file).with_suffix(".c")


def check_sample(matcher: Matcher, sample: Path, rule_ids: set[str], default_path: str | None = None) -> list[str]:
    """Compare a sample's annotations with the findings of the given rules on it."""
    text = sample.read_text(encoding="utf-8")
    path = sample_path(text, default_path or sample.name)
    findings = matcher.match(path, text.encode()).findings
    annotations = parse_annotations(text)
    problems = [f"{sample}: {p}" for p in compare(annotations, findings, rule_ids)]
    if not any(a.kind in ("expect", "todo-expect") for a in annotations if a.rule in rule_ids) and \
            default_path is None:
        problems.append(f"{sample}: has no expect annotation for {', '.join(sorted(rule_ids))}")
    return problems


def check_rule(rule: Rule) -> list[str]:
    """Everything a rule file promises about itself."""
    problems = check_examples(rule)
    sample = sample_for(rule)
    if not sample.is_file():
        problems.append(f"{rule.file}: no annotated sample {sample.name} beside it")
    else:
        problems.extend(check_sample(Matcher([rule]), sample, {rule.id}))
    return problems
