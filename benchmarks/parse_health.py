"""Parse health of whole kernel trees, raw and normalised, measured in the same run (issue 4's figures).

    python benchmarks/parse_health.py [TREE...] [--stride N] [--json OUT] [--findings]

For every .c/.h file the raw source and the normalised views are parsed one after the
other, so the normalisation cost is a ratio against parse time measured on the same
files in the same run.  With --findings, the built-in rules run over the tree with and
without normalisation and the difference in findings is listed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from cocolint.engine.files import discover
from cocolint.kernelc.health import measure_file
from cocolint.kernelc.survey import MAX_BYTES, Totals

TREES = Path.home() / ".cache" / "cocolint" / "trees"
DEFAULT_TREES = [TREES / "linux-source-6.1", TREES / "linux-source-6.12"]


def measure_tree(tree: Path, stride: int) -> dict[str, object]:
    """Raw and normalised totals of one tree, with the worst files of the normalised run."""
    raw, norm = Totals(), Totals()
    files = [d.path for d in discover([tree]) if d.error is None][::stride]
    for i, path in enumerate(files):
        try:
            source = path.read_bytes()
        except OSError:
            continue
        if b"\0" in source or len(source) > MAX_BYTES:
            continue
        shown = path.relative_to(tree).as_posix()
        for totals, normalised in ((raw, False), (norm, True)):
            h = measure_file(path, source, normalised)
            h.path = shown
            totals.add(h)
        if i % 5000 == 4999:
            print(f"  {tree.name}: {i + 1}/{len(files)} files", file=sys.stderr)
    over = [h for h in norm.worst if h.error_ratio > 0.10]
    return {
        "tree": tree.name, "stride": stride,
        "raw": raw.to_dict(), "normalised": norm.to_dict(),
        # cost: normalising (macros, #if views) against parsing the same files as written
        "normalise_cost_ratio": round(norm.normalise_seconds / raw.parse_seconds, 4) if raw.parse_seconds else None,
        # net: normalise + parse every view, against parsing the files as written
        "net_cost_ratio": round((norm.normalise_seconds + norm.parse_seconds) / raw.parse_seconds - 1, 4)
        if raw.parse_seconds else None,
        "files_over_10pct": [{"path": h.path, "error_ratio": round(h.error_ratio, 4), "error_bytes": h.error_bytes}
                             for h in sorted(over, key=lambda h: -h.error_ratio)],
    }


def compare_findings(tree: Path) -> dict[str, object]:
    """Findings of the built-in rules with and without normalisation, and how they differ."""
    from cocolint.engine.matcher import Matcher
    from cocolint.engine.paths import scope_path
    from cocolint.ruleset import load_rules

    rules = load_rules([])
    runs = {}
    for normalise in (False, True):
        matcher = Matcher(rules, normalise=normalise)
        found = set()
        start = time.monotonic()
        for d in discover([tree]):
            if d.error is not None:
                continue
            try:
                source = d.path.read_bytes()
            except OSError:
                continue
            if b"\0" in source:
                continue
            for f in matcher.match(scope_path(d.path), source, file=d.path).findings:
                found.add((f.tree_path, f.line, f.column, f.rule, f.function))
        runs[normalise] = (found, time.monotonic() - start)
    before, after = runs[False][0], runs[True][0]
    return {
        "tree": tree.name, "without": len(before), "with": len(after),
        "lost": sorted(before - after), "gained": sorted(after - before),
    }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("trees", nargs="*", type=Path)
    p.add_argument("--stride", type=int, default=1, help="measure every Nth file (1: all)")
    p.add_argument("--json", type=Path, help="also write the figures here")
    p.add_argument("--findings", action="store_true", help="compare findings with and without normalisation")
    args = p.parse_args()
    trees = args.trees or [t for t in DEFAULT_TREES if t.is_dir()]
    if not trees:
        print("no kernel tree given and none cached under ~/.cache/cocolint/trees", file=sys.stderr)
        return 2
    report = []
    for tree in trees:
        if not tree.is_dir():
            print(f"{tree}: not a directory", file=sys.stderr)
            return 2
        entry = measure_tree(tree, args.stride)
        if args.findings:
            entry["findings"] = compare_findings(tree)
        report.append(entry)
        print(json.dumps(entry, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
