"""Parse health of one file: ERROR/MISSING damage, function definitions recovered and lost."""

from __future__ import annotations

import re
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from cocolint import ts
from cocolint.engine.functions import definition_name

_QUERY = ts.compile_query("(ERROR) @error (MISSING) @missing (function_definition body: (_) @body) @function")
# kernel layout: a function body opens with `{` at column 0 right after a line ending in `)`
_LAYOUT_BODY = re.compile(rb"\)[ \t]*(?:/\*[^\n]*\*/[ \t]*)?\n\{")


@dataclass
class FileHealth:
    """How well tree-sitter read one file."""

    path: str
    total_bytes: int = 0
    has_errors: bool = False
    error_bytes: int = 0
    missing: int = 0
    functions: int = 0  # function definitions recovered (with a name)
    functions_lost: int = 0  # kernel-layout bodies with no function definition around them
    rewritten_bytes: int = 0
    parse_seconds: float = 0.0
    normalise_seconds: float = 0.0

    @property
    def error_ratio(self) -> float:
        """Share of the file's bytes inside ERROR nodes."""
        return self.error_bytes / self.total_bytes if self.total_bytes else 0.0

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        d = asdict(self)
        d["error_ratio"] = round(self.error_ratio, 4)
        d.pop("parse_seconds")
        d.pop("normalise_seconds")
        return d


def measure_tree(path: str, source: bytes, tree: ts.Tree) -> FileHealth:
    """The health figures of an already parsed tree of source."""
    h = FileHealth(path, total_bytes=len(source), has_errors=tree.root_node.has_error)
    if not h.has_errors and b"{" not in source:
        return h
    spans: list[tuple[int, int]] = []
    bodies: set[int] = set()
    for _, caps in ts.matches(_QUERY, tree.root_node):
        if "error" in caps:
            e = caps["error"][0]
            spans.append((e.start_byte, e.end_byte))
        elif "missing" in caps:
            h.missing += 1
        elif "function" in caps and definition_name(caps["function"][0]) is not None:
            h.functions += 1
            bodies.add(caps["body"][0].start_byte)
    h.error_bytes = _union(spans)
    h.functions_lost = sum(1 for m in _LAYOUT_BODY.finditer(source) if m.end() - 1 not in bodies)
    return h


def _union(spans: list[tuple[int, int]]) -> int:
    total, reach = 0, 0
    for s, e in sorted(spans):
        if e <= reach:
            continue
        total += e - max(s, reach)
        reach = e
    return total


def measure_file(path: Path, source: bytes, normalised: bool = True) -> FileHealth:
    """Normalise (optionally), parse and measure one file's source."""
    from cocolint.kernelc.normalise import normalise

    rewritten, t_norm = 0, 0.0
    text = source
    if normalised:
        t0 = time.perf_counter()
        n = normalise(source, path)
        t_norm = time.perf_counter() - t0
        text, rewritten = n.source, n.rewritten
    t0 = time.perf_counter()
    tree = ts.parse(text)
    t_parse = time.perf_counter() - t0
    h = measure_tree(path.as_posix(), text, tree)
    h.rewritten_bytes, h.parse_seconds, h.normalise_seconds = rewritten, t_parse, t_norm
    return h
