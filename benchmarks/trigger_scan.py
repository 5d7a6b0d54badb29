"""What the kernel-C trigger scan costs, as ratios of tree-sitter's raw parse of the same files.

    nice .venv/bin/python benchmarks/trigger_scan.py ~/.cache/cocolint/trees/linux-source-6.1 [--every 20]

One process, sources read beforehand, every Nth .c/.h file: raw parse, the gate's scan
(`Gate._scan`: the native search and its Python share) and the search alone, each timed warm
in rounds that alternate (CPU time, the best of --rounds); plus the time to build the search for
the normaliser's literals.  With `ahocorasick_rs` installed (no longer a dependency) its DFA of
the same literals is timed in the same rounds, for comparison.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tree", type=Path)
    ap.add_argument("--every", type=int, default=20, help="take every Nth file (default 20)")
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()

    from cocolint import accel, ts
    from cocolint.kernelc.normalise import Normaliser

    if not accel.has("Literals"):
        raise SystemExit("cocolint._native is not built (or COCOLINT_PURE_PYTHON=1): nothing to measure")
    files = sorted(p for p in a.tree.rglob("*") if p.suffix in (".c", ".h") and p.is_file())[::a.every]
    sources = [p.read_bytes() for p in files]
    size = sum(map(len, sources))
    gate = Normaliser.for_path(files[0]).gate
    gate.scan(b"")  # builds the literal list and the search
    literals = gate.literals
    builds = []
    for _ in range(20):
        start = time.perf_counter()
        accel.native.Literals(literals)
        builds.append(time.perf_counter() - start)
    finder = accel.native.Literals(literals)
    runs = {"raw parse": ts.parse, "Gate._scan": gate._scan, "find_all": finder.find_all}
    try:
        import ahocorasick_rs
    except ImportError:
        pass
    else:
        dfa = ahocorasick_rs.BytesAhoCorasick(literals, implementation=ahocorasick_rs.Implementation.DFA)
        runs["ahocorasick_rs DFA"] = lambda s: dfa.find_matches_as_indexes(s, overlapping=True)
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(a.rounds):
        for name, run in runs.items():
            start = time.process_time()
            for source in sources:
                run(source)
            best[name] = min(best[name], time.process_time() - start)
    print(f"{len(sources)} files, {size / 1e6:.1f} MB; {len(literals)} literals, search built in "
          f"{min(builds) * 1e3:.2f} ms (median {sorted(builds)[len(builds) // 2] * 1e3:.2f})")
    for name, seconds in best.items():
        print(f"{name:20s} {seconds * 1e9 / size:6.2f} ns/byte  {seconds / best['raw parse']:7.2%} of raw parse")


if __name__ == "__main__":
    main()
