"""The parse damage left after normalisation, one line per ERROR/MISSING node, for clustering by eye or grep.

    python benchmarks/damage_survey.py TREE [--stride N] [--max-nodes K] > survey.tsv

Only files with at most K damaged nodes are listed (small damage: a missing macro class,
not a file that is not C).  Each row: path, line, kind (ERROR or MISSING <type>), the
first identifier at or just before the damage, and the source line (tabs shown as spaces).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from cocolint import ts
from cocolint.engine.files import discover
from cocolint.kernelc.prepare import prepare

_DAMAGE = ts.compile_query("(ERROR) @error (MISSING) @missing")
_IDENT = re.compile(rb"[A-Za-z_]\w*")


def damage(source: bytes, path: Path) -> list[tuple[int, str, str, str]]:
    """(line, kind, nearest identifier, line text) of every ERROR/MISSING node of the primary view."""
    parsed = prepare(source, path).source
    tree = ts.parse(parsed)
    if not tree.root_node.has_error:
        return []
    rows = []
    for _, caps in ts.matches(_DAMAGE, tree.root_node):
        kind, nodes = next(iter(caps.items()))
        node = nodes[0]
        at = node.start_byte
        line_start = source.rfind(b"\n", 0, at) + 1
        line_end = source.find(b"\n", at)
        line_end = len(source) if line_end < 0 else line_end
        words = _IDENT.findall(source[line_start:at + 40])
        label = "ERROR" if kind == "error" else f"MISSING {node.type}"
        text = source[line_start:line_end].decode("utf-8", "replace").replace("\t", " ").strip()
        rows.append((source.count(b"\n", 0, at) + 1, label, (words[0] if words else b"").decode(), text[:160]))
    return rows


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("tree", type=Path)
    p.add_argument("--stride", type=int, default=10)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--max-nodes", type=int, default=5)
    args = p.parse_args()
    files = [d.path for d in discover([args.tree]) if d.error is None][args.offset::args.stride]
    for path in files:
        try:
            source = path.read_bytes()
        except OSError:
            continue
        if b"\0" in source or len(source) > 8 * 1024 * 1024:
            continue
        rows = damage(source, path)
        if not rows or len(rows) > args.max_nodes:
            if rows:
                print(f"{path.relative_to(args.tree)}\t0\tBIG\t{len(rows)}\t")
            continue
        for line, kind, word, text in rows:
            print(f"{path.relative_to(args.tree)}\t{line}\t{kind}\t{word}\t{text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
