"""Drop a finding that lies inside a finding of a rule declared to supersede it (one construct, one message)."""

from __future__ import annotations

from cocolint.engine.findings import Finding
from cocolint.ruleset.model import Rule


def superseded(findings: list[Finding], rules: list[Rule]) -> list[Finding]:
    """findings without those inside a finding of a rule their own rule names in `superseded-by`."""
    by: dict[str, tuple[str, ...]] = {r.id: r.superseded_by for r in rules if r.superseded_by}
    if not by or not findings:
        return findings
    spans: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] = {}
    for f in findings:
        spans.setdefault(f.rule, []).append(((f.line, f.column), (f.end_line, f.end_column)))
    out = []
    for f in findings:
        start, end = (f.line, f.column), (f.end_line, f.end_column)
        if any(s <= start and end <= e for other in by.get(f.rule, ()) for s, e in spans.get(other, ())):
            continue
        out.append(f)
    return out
