"""What the finding filter step (config, suppressions) costs: filtered vs plain runs over one tree, as a ratio.

    nice .venv/bin/python benchmarks/filter_overhead.py ~/.cache/cocolint/trees/linux-source-6.12 [--repeat 3]

Runs alternate (plain, filtered, plain, ...) so cache warm-up and machine load hit both alike;
the result is the ratio of the medians of CPU time (process time: other jobs on a shared
machine stretch wall time but not this), measured in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from cocolint.engine.filters import ConfigFilter, excluded
from cocolint.engine.run import check_paths
from cocolint.settings import resolve


def one(tree: Path, filtered: bool) -> tuple[float, int]:
    args = argparse.Namespace(rules=[], select=[], ignore=[], min_confidence=None, paths=[tree],
                              config=None, no_config=False)
    settings = resolve(args)
    step = ConfigFilter(settings)
    start, n = time.process_time(), 0
    for result in check_paths(settings.rules, [tree], skip=excluded(settings)):
        if filtered:
            result = step(result)
        n += len(result.findings)
    return time.process_time() - start, n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tree", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    one(a.tree, False)  # warm the page cache once, unmeasured
    plain, filtered = [], []
    for _ in range(a.repeat):
        plain.append(one(a.tree, False)[0])
        filtered.append(one(a.tree, True)[0])
    p, f = statistics.median(plain), statistics.median(filtered)
    print(f"plain    median {p:.2f}s CPU  {['%.2f' % x for x in plain]}")
    print(f"filtered median {f:.2f}s CPU  {['%.2f' % x for x in filtered]}")
    print(f"ratio filtered/plain: {f / p:.3f}")


if __name__ == "__main__":
    main()
