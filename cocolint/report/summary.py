"""The end-of-run summary as text: what was found where, what was checked, what failed, how long it took."""

from __future__ import annotations

from collections import Counter

from cocolint.engine.run import Summary

TOP = 12  # directories listed before "... and N more"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' * (n != 1)}"


def _table(counts: Counter[str], limit: int | None = None) -> list[str]:
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = rows if limit is None else rows[:limit]
    lines = [f"    {n:7,d}  {name}" for name, n in shown]
    if len(rows) > len(shown):
        rest = sum(n for _, n in rows[len(shown):])
        lines.append(f"    {rest:7,d}  ... in {len(rows) - len(shown)} more")
    return lines


def render(s: Summary) -> list[str]:
    """The summary, readable at a glance: totals first, then findings by rule and by directory."""
    suppressed = f", {s.suppressed:,} suppressed" if s.suppressed else ""
    lines = [f"cocolint: {_plural(s.findings, 'finding')}{suppressed} in {_plural(s.files, 'file')}"
             f" in {s.seconds:.2f}s",
             f"  files: {s.parsed:,} parsed ({s.damaged:,} with ERROR/MISSING nodes), "
             f"{s.prefiltered:,} skipped by the pre-filter, {s.failed:,} failed"
             + (f", {s.not_c:,} not C (assembler or linker script)" if s.not_c else "")]
    if s.by_rule:
        lines.append("  findings by rule:")
        lines += _table(s.by_rule)
    if s.suppressed_by_rule:
        lines.append("  suppressed by rule:")
        lines += [f"{line} (suppressed)" for line in _table(s.suppressed_by_rule)]
    if len(s.by_dir) > 1:
        lines.append("  findings by top-level directory:")
        lines += _table(s.by_dir, TOP)
    return lines
