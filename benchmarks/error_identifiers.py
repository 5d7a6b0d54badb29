"""Which identifiers sit at ERROR nodes across a tree: the evidence behind cocolint/kernelc/macros.toml."""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from cocolint import ts

_ERRORS = ts.compile_query("(ERROR) @e")
_IDENT = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("tree", type=Path)
    p.add_argument("--stride", type=int, default=10, help="look at every Nth file")
    p.add_argument("--top", type=int, default=300)
    p.add_argument("--normalised", action="store_true", help="survey what is left after normalisation")
    args = p.parse_args()
    files = sorted(f for f in args.tree.rglob("*.[ch]") if f.is_file())[:: args.stride]
    from cocolint.kernelc.prepare import prepare
    near: Counter[str] = Counter()
    for f in files:
        src = f.read_bytes()
        parsed = prepare(src, f).source if args.normalised else src
        tree = ts.parse(parsed)
        if not tree.root_node.has_error:
            continue
        names: set[bytes] = set()
        for _, caps in ts.matches(_ERRORS, tree.root_node):
            e = caps["e"][0]
            # the identifiers just before the damage and at its start
            before = parsed[max(0, e.start_byte - 60): e.start_byte]
            names.update(_IDENT.findall(before)[-2:])
            names.update(_IDENT.findall(parsed[e.start_byte: e.start_byte + 60])[:2])
        near.update(n.decode() for n in names)
    for name, n in near.most_common(args.top):
        print(f"{n}\t{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
