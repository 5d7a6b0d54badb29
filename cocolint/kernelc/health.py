"""Parse health of one file: ERROR/MISSING damage, function definitions recovered and lost."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path

from cocolint import ts
from cocolint.engine.functions import definition_name
from cocolint.lazyre import lazy_compile

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cocolint.kernelc.prepare import Prepared

# the CPU time of this thread: other jobs on the machine do not count in a cost ratio
CLOCK = time.thread_time
_QUERY = ts.compile_query("(ERROR) @error (MISSING) @missing (function_definition body: (_) @body) @function")
# what a damaged parse reads as a function's name (`if (x)\n{` as `int if(x) {`): never one
_NOT_NAMES = frozenset({None, "if", "while", "for", "switch", "return", "sizeof", "do", "else"})
# kernel layout: a function body opens with `{` at column 0 right after a line ending in `)`
_LAYOUT_BODY = lazy_compile(rb"\)[ \t]*(?:/\*[^\n]*\*/[ \t]*)?\n\{")


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
    conditional_bytes: int = 0  # directive lines and dead (#if 0, assembler) arms blanked
    alternate_bytes: int = 0  # #else arms parsed in a second view
    parse_seconds: float = 0.0
    normalise_seconds: float = 0.0
    extra_views: int = 0  # other #if views parsed besides the primary one
    extra_parse_seconds: float = 0.0  # their share of parse_seconds
    not_c: str | None = None  # why the file is not C (assembler, linker script: filekind.py), else None

    @property
    def error_ratio(self) -> float:
        """Share of the file's bytes inside ERROR nodes."""
        return self.error_bytes / self.total_bytes if self.total_bytes else 0.0

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        d = asdict(self)
        d["error_ratio"] = round(self.error_ratio, 4)
        for timing in ("parse_seconds", "normalise_seconds", "extra_parse_seconds"):
            d.pop(timing)
        return d


def measure_tree(path: str, source: bytes, tree: ts.Tree,
                 alternates: list[tuple[ts.Tree, list[tuple[int, int]]]] = (), original: bytes | None = None) -> FileHealth:
    """The health figures of a parsed file: its primary tree, plus what other views add in their spans.

    A function definition counts only if its body's `{` is in the original file (a trace event
    read as a function is not a recovered function).
    """
    original = source if original is None else original
    h = FileHealth(path, total_bytes=len(source))
    spans: list[tuple[int, int]] = []
    bodies: set[int] = set()
    for t, only in [(tree, None), *alternates]:
        if not t.root_node.has_error and b"{" not in original:
            continue
        for _, caps in ts.matches(_QUERY, t.root_node):
            node = next(iter(caps.values()))[0]
            if only is not None and not any(s <= node.start_byte < e for s, e in only):
                continue
            if "error" in caps:
                h.has_errors = True
                spans.append((node.start_byte, node.end_byte))
            elif "missing" in caps:
                h.has_errors = True
                h.missing += 1
            elif "function" in caps and definition_name(caps["function"][0]) not in _NOT_NAMES \
                    and original[caps["body"][0].start_byte:caps["body"][0].start_byte + 1] == b"{":
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


def measure_file(path: Path, source: bytes, normalised: bool = True, conds: bool | None = None) -> FileHealth:
    """Prepare (optionally), parse and measure one file's primary view."""
    return measure_prepared(path, source, *prepare_timed(path, source, normalised, conds))


def prepare_timed(path: Path, source: bytes, normalised: bool = True,
                  conds: bool | None = None) -> tuple[Prepared, float]:
    """What measure_file parses, and the seconds preparing it took (a batch of files may be
    prepared before any is parsed, as the engine does: engine/run.py in_batches)."""
    from cocolint.kernelc.prepare import prepare

    conds = normalised if conds is None else conds
    t0 = CLOCK()
    p = prepare(source, path, macros=normalised, conds=conds)
    return p, CLOCK() - t0


def measure_prepared(path: Path, source: bytes, p: Prepared, t_norm: float) -> FileHealth:
    """Parse and measure a file prepare_timed() prepared."""
    from cocolint.kernelc.filekind import not_c

    t0 = CLOCK()
    tree = ts.parse(p.source, p.suffix)
    t1 = CLOCK()
    alts = [(ts.parse(text, p.suffix), only) for text, only in p.alternates()]
    t_parse = CLOCK() - t0
    h = measure_tree(path.as_posix(), p.source, tree, alts, original=source)
    h.rewritten_bytes, h.conditional_bytes = p.rewritten, p.conditional_bytes
    h.alternate_bytes = sum(e - s for s, e in p.views.other_only)
    h.parse_seconds, h.normalise_seconds = t_parse, t_norm
    h.extra_views, h.extra_parse_seconds = len(alts), t0 + t_parse - t1
    h.not_c = not_c(source, path.as_posix())
    return h
