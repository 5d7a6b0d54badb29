"""Offset-preserving kernel-macro normalisation: same length, same newlines, grammar-friendly."""

from __future__ import annotations

import functools
import os
from pathlib import Path

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Callable

from cocolint import accel
from cocolint.kernelc import inline_directives, more_kinds, passcache, passes
from cocolint.kernelc import candidates as candidates_module
from cocolint.kernelc.candidates import candidates
from cocolint.kernelc.macros import MacroSet, macro_set, tree_root
from cocolint.kernelc.triggers import Gate, run_pass
from cocolint.kernelc.scan import IS_WORD as _IS_WORD, Normalised, blank as _blank, call_parens, close_paren as _close_paren
from cocolint.kernelc.scan import code_before as _before, skip_space as _skip_space, top_commas as _top_commas
from cocolint.lazyre import lazy_compile

__all__ = ["Normalised", "Normaliser", "normalise"]

_DIRECTIVE_NAME = lazy_compile(rb"#\s*(?:define|undef|ifdef|ifndef|elif|if)\s+$|defined\s*\(?\s*$")
_TYPE_START = lazy_compile(
    rb"(?:const|volatile|struct|union|enum|unsigned|signed|short|long|int|char|float|double"
    rb"|_Bool|bool|void|typeof|__typeof__)\b|[A-Za-z_]\w*\s*\*[\s*]*(?:const\s*)?\Z")
_PLAIN_ID = lazy_compile(rb"[A-Za-z_]\w*\Z")
_STATEMENT_BEFORE = frozenset(b";{}):")
# the kinds csrc/candidates.c rewrites itself (the others: their Python handler, called from its loop)
NATIVE_KINDS = {"attribute": 0, "attribute_call": 1, "iterator": 2, "type_arguments": 3, "declaration": 4,
                "string_macro": 5, "typed_declaration": 6, "array_declaration": 7, "specifier": 8}


class Normaliser:
    """Rewrites known kernel macros in a source; one instance per macro set."""

    def __init__(self, macros: MacroSet) -> None:
        self.macros = macros
        self._gates: dict[tuple[bytes, ...], Gate] = {}  # by the caller's extra literals

    @classmethod
    def for_path(cls, path: Path | None, extra: dict[str, list[str]] | None = None) -> "Normaliser":
        """The normaliser for a file: the packaged list plus its tree's .clang-format ForEachMacros."""
        if extra:
            return cls(macro_set(tree_root(path) if path is not None else None, extra))
        if path is None:
            return _cached(None)
        name = os.fspath(path)
        if not name.endswith((".c", ".h")):
            return _cached(tree_root(path))
        # string work (Path objects cost more than parsing); an absolute name needs no getcwd/normpath:
        # the folder is only a cache key, and two spellings of one folder find the same tree root
        folder = name.rpartition("/")[0] if name.startswith("/") else os.path.dirname(os.path.abspath(name))
        n = _BY_FOLDER.get(folder)
        if n is None:
            if len(_BY_FOLDER) > 20_000:
                _BY_FOLDER.clear()
            n = _BY_FOLDER[folder] = _cached(tree_root(path))
        return n

    def normalise(self, source: bytes, path: Path | None = None, extra: tuple[bytes, ...] = ()) -> Normalised:
        """The rewritten source (same length, same newlines) and the bytes changed.

        extra: the caller's own literals, looked for in the same scan (found ones: out.present).
        """
        out = Normalised(source)
        found, run, out.present = self.gate_with(extra).scan(source)
        if run is not None:
            out.found = found
        loop = self._loop
        if loop is not None and found is not None and type(source) is bytes:
            buf, counts = loop.run(source, found[0], found[1])  # csrc/candidates.c
        else:
            buf, counts = self._loop_py(source, found)
        for kind, n in counts.items():
            out.count(kind, n)
        if run is not None and source[:1].isupper():
            run.add("bare_macros")  # its trigger is a capital after a newline, or at the very start
        for name, fn in self.passes:
            if run is None or name in run:
                buf = fn(source, buf, out)
        if buf is not None and out.rewritten:
            out.source = bytes(buf)
        out.run = run
        return out

    def _loop_py(self, source: bytes, found: tuple | None) -> tuple[bytearray | None, dict[str, int]]:
        """The candidate loop: each known name rewritten by its kind's handler, in order; (the buffer,
        or None when no name was known; bytes changed by kind).  The reference of CandidateLoop.run."""
        buf: bytearray | None = None
        counts: dict[str, int] = {}
        done_until = 0
        size = len(source)
        rewrites = self._rewrites
        find = source.find
        for start, end in candidates(self.macros, source, found):
            if start < done_until:
                continue
            if (start and _IS_WORD[source[start - 1]]) or (end < size and _IS_WORD[source[end]]):
                continue  # part of a longer identifier
            lo = start - 24 if start > 24 else 0
            if (find(b"#", lo, start) >= 0 or find(b"defined", lo, start) >= 0) \
                    and _DIRECTIVE_NAME.search(source, lo, start):
                continue
            word = source[start:end]
            rewrite = rewrites.get(word)
            if rewrite is None:
                rewrite = self._rewrite(word)
            if not rewrite:
                continue  # not a known macro
            name, kind, handler = rewrite
            if buf is None:
                buf = bytearray(source)
            span = handler(source, buf, start, end, name)
            if span:
                changed, done_until = span
                if changed:
                    counts[kind] = counts.get(kind, 0) + changed
        return buf, counts

    @functools.cached_property
    def _loop(self) -> object | None:
        """The native candidate loop (csrc/candidates.c), or None: not built."""
        if not accel.has("CandidateLoop"):
            return None
        return accel.native.CandidateLoop(self._native_entry, [k.encode() for k in self.macros.type_keywords])

    def _native_entry(self, word: bytes) -> tuple:
        """What the native loop needs of a name, asked once per word: () (not a known macro) or
        (name, kind, handler, the native rewrite's number or -1, type positions)."""
        rewrite = self._rewrites.get(word)
        if rewrite is None:
            rewrite = self._rewrite(word)
        if not rewrite:
            return ()
        name, kind, handler = rewrite
        code = NATIVE_KINDS.get(kind, -1)
        if code >= 0 and getattr(handler, "__func__", handler) is not _native_reference(kind):
            code = -1  # rewritten another way (a subclass's method, a handler replaced)
        return name, kind, handler, code, self.macros.type_positions(name) if kind == "type_arguments" else ()

    @functools.cached_property
    def _rewrites(self) -> dict[bytes, tuple[str, str, Callable[..., tuple[int, int] | None]] | tuple[()]]:
        """A name's (name, kind, rewrite) as found so far (`()`: not a known macro); see _rewrite."""
        return {}

    def _rewrite(self, word: bytes) -> tuple[str, str, Callable[..., tuple[int, int] | None]] | tuple[()]:
        """How a name is rewritten (`()`: it is not a known macro), remembered for the next file."""
        rewrites = self._rewrites
        if len(rewrites) > 100_000:
            rewrites.clear()
        name = word.decode("ascii")
        kind = self.macros.kind(name)
        if kind is None:
            rewrites[word] = ()
        else:
            rewrites[word] = (name, kind, getattr(self, "_" + kind, None) or more_kinds.HANDLERS[kind])
        return rewrites[word]

    @functools.cached_property
    def table(self) -> list[tuple[str, Callable[[bytes, bytearray | None, Normalised], bytearray | None],
                                  tuple[bytes, ...]]]:
        """(name, pass, triggers) of the whole-file passes, in the order they run (passes imported as
        they first run: kernelc/passcache.py)."""
        return passcache.table(self.macros, _passes)

    @functools.cached_property
    def passes(self) -> list[tuple[str, Callable[[bytes, bytearray | None, Normalised], bytearray | None]]]:
        """The whole-file passes in the order they run, by name."""
        return [(name, fn) for name, fn, _ in self.table]

    @functools.cached_property
    def gate(self) -> Gate:
        """The trigger scan that chooses the passes a source needs (and finds the anchor words)."""
        return self._gate(())

    def gate_with(self, extra: tuple[bytes, ...]) -> Gate:
        """The trigger scan, also looking for extra literals (a rule set's names: one gate each)."""
        if not extra:
            return self.gate
        gates = self._gates
        if extra not in gates:
            if len(gates) > 8:
                gates.clear()
            gates[extra] = self._gate(extra)
        return gates[extra]

    def _gate(self, extra: tuple[bytes, ...]) -> Gate:
        return Gate([a.encode("ascii") for a in self.macros.anchors],
                    [*((name, triggers) for name, _, triggers in self.table),
                     ("inline_directives", inline_directives.TRIGGERS)],  # run by prepare.py
                    candidates_module.names(self.macros), extra)  # (a set: the gate needs no order)

    # each rewrite returns (bytes changed, offset scanning may resume at) or None

    def _attribute(self, src: bytes, buf: bytearray, start: int, end: int, name: str) -> tuple[int, int] | None:
        after = _skip_space(src, end)
        if after < len(src) and src[after] == 0x28:
            close = _close_paren(src, after)
            if close < 0:
                return None
            end = close + 1
        return _blank(buf, start, end), end

    def _attribute_call(self, src: bytes, buf: bytearray, start: int, end: int, name: str) -> tuple[int, int] | None:
        if src[_skip_space(src, end):_skip_space(src, end) + 1] != b"(":
            return None
        return self._attribute(src, buf, start, end, name)

    def _iterator(self, src: bytes, buf: bytearray, start: int, end: int, name: str) -> tuple[int, int] | None:
        if end - start < 5:
            return None
        before = _before(src, start - 1)
        if before >= 0 and src[before] not in _STATEMENT_BEFORE and not (
                src.endswith(b"else", 0, before + 1) or src.endswith(b"do", 0, before + 1)):
            return None
        parens = call_parens(src, end)
        if parens is None:
            return None
        open_at, close = parens
        nxt = _skip_space(src, close + 1)
        if nxt >= len(src) or not (src[nxt] == 0x7B or _IS_WORD[src[nxt]]):
            return None
        buf[start:start + 5] = b"while"
        changed = 5 + _blank(buf, start + 5, end)
        return changed, open_at + 1

    def _type_arguments(self, src: bytes, buf: bytearray, start: int, end: int, name: str) -> tuple[int, int] | None:
        parens = call_parens(src, end)
        if parens is None:
            return None
        open_at, close = parens
        bounds = [open_at, *_top_commas(src, open_at, close), close]
        changed = 0
        for k in self.macros.type_positions(name):
            if k + 1 >= len(bounds):
                continue
            a, b = bounds[k] + 1, bounds[k + 1]
            while a < b and src[a] in b" \t\r\n\\":
                a += 1
            while b > a and src[b - 1] in b" \t\r\n\\":
                b -= 1
            arg = src[a:b]
            if not arg or b"\n" in arg or b"/*" in arg or not _TYPE_START.match(arg):
                continue
            if _PLAIN_ID.match(arg):
                if arg.decode() not in self.macros.type_keywords:
                    continue
                buf[b - 1] = ord("_")  # `int` -> `in_`: an identifier, no longer a keyword
                changed += 1
                continue
            for i in range(a, b):
                if not _IS_WORD[src[i]]:
                    buf[i] = 0x5F  # `_`
                    changed += 1
        return changed, open_at + 1

    def _typed_declaration(self, src: bytes, buf: bytearray, start: int, end: int, name: str) -> tuple[int, int] | None:
        open_at = _skip_space(src, end)
        if open_at >= len(src) or src[open_at] != 0x28:
            return None
        close = _close_paren(src, open_at)
        commas = _top_commas(src, open_at, close) if close > 0 else []
        if not commas:
            return None
        changed = _blank(buf, start, open_at + 1) + _blank(buf, commas[0], commas[0] + 1)
        return changed + _blank(buf, close, close + 1), open_at + 1

    def _string_macro(self, src: bytes, buf: bytearray, start: int, end: int, name: str) -> tuple[int, int] | None:
        """`KERN_ERR "..."`: the macro becomes a blank string literal of its own length."""
        if end - start < 2:
            return None
        after = _skip_space(src, end)
        before = _skip_space(src, start - 1, -1)
        if not ((after < len(src) and src[after] == 0x22) or (before >= 0 and src[before] == 0x22)):
            return None
        buf[start] = buf[end - 1] = 0x22
        return 2 + _blank(buf, start + 1, end - 1), end

    def _array_declaration(self, src: bytes, buf: bytearray, start: int, end: int, name: str) -> tuple[int, int] | None:
        """`DECLARE_BITMAP(bits, N)` becomes `long bits[ N]`: the array it declares."""
        if end - start < 5 or end != _skip_space(src, end) or src[end:end + 1] != b"(":
            return None
        close = _close_paren(src, end)
        commas = _top_commas(src, end, close) if close > 0 else []
        if len(commas) != 1:
            return None
        changed = _blank(buf, start + 4, end + 1) + 4
        buf[start:start + 4] = b"long"
        buf[commas[0]] = ord("[")
        buf[close] = ord("]")
        return changed + 2, end + 1

    def _initializer_items(self, src: bytes, buf: bytearray, start: int, end: int, name: str) -> tuple[int, int] | None:
        """`SET_SYSTEM_SLEEP_PM_OPS(s, r)` in an initialiser: `SET_SYSTEM_SLEEP_PM_OPS,s, r,` (items)."""
        open_at = _skip_space(src, end)
        if open_at >= len(src) or src[open_at] != 0x28:
            nxt = _skip_space(src, end)
            if nxt < len(src) and src[nxt] in b",;)":
                return None
            return _blank(buf, start, end), end  # an argument-less form: USE_PLATFORM_PM_SLEEP_OPS
        close = _close_paren(src, open_at)
        if close < 0:
            return None
        nxt = _skip_space(src, close + 1)
        if nxt < len(src) and src[nxt] in b",;":
            return None  # already an item of its own
        buf[open_at] = buf[close] = 0x2C
        return 2, open_at + 1

    def _initializer_start(self, src: bytes, buf: bytearray, start: int, end: int, name: str) -> tuple[int, int] | None:
        """`MACHINE_START(ID, "name")` opens an initialiser: `int __m = {ID, "name",`."""
        if end - start < 10 or src[end:end + 1] != b"(":
            return None
        close = _close_paren(src, end)
        if close < 0:
            return None
        head = b"int __m = {"
        buf[start:end + 1] = head.ljust(end + 1 - start)
        buf[close] = 0x2C
        return end + 2 - start, end + 1

    def _initializer_end(self, src: bytes, buf: bytearray, start: int, end: int, name: str) -> tuple[int, int] | None:
        """`MACHINE_END` closes it: `};`."""
        if end - start < 2:
            return None
        buf[start:end] = b"};".ljust(end - start)
        return end - start, end

    def _initializer_declarator(self, src: bytes, buf: bytearray, start: int, end: int, name: str) -> tuple[int, int] | None:
        """`define_machine(name) {` declares name with the initialiser that follows: `int name= {`."""
        if end - start < 4 or src[end:end + 1] != b"(":
            return None
        close = _close_paren(src, end)
        nxt = _skip_space(src, close + 1) if close > 0 else len(src)
        if nxt >= len(src) or src[nxt] != 0x7B or not _PLAIN_ID.match(src[end + 1:close].strip()):
            return None
        changed = _blank(buf, start + 3, end + 1) + 3
        buf[start:start + 3] = b"int"
        buf[close] = ord("=")
        return changed + 1, close + 1

    def _struct_group(self, src: bytes, buf: bytearray, start: int, end: int, name: str) -> tuple[int, int] | None:
        """`struct_group(name, members...)` in a struct: `struct { members }` (the name blanked)."""
        if end - start < 8 or src[end:end + 1] != b"(":
            return None
        close = _close_paren(src, end, statements=True)
        commas = _top_commas(src, end, close) if close > 0 else []
        skip = self.macros.struct_groups.get(name, 1)
        if len(commas) < skip:
            return None
        changed = _blank(buf, start, commas[skip - 1] + 1)
        buf[start:start + 8] = b"struct {"
        buf[close] = ord("}")
        return changed + 9, end + 1

    def _declaration(self, src: bytes, buf: bytearray, start: int, end: int, name: str) -> tuple[int, int] | None:
        """`module_init(foo)` on a line of its own with no `;`: blanked so the next line is not swallowed."""
        if start and src[start - 1] != 0x0A:
            return None
        if passes.ONE_LINE_STATEMENT.match(src, _skip_space(src, end)):
            return None  # `EXPORT_SYMBOL(x);` has its `;` (found without balancing parentheses)
        parens = call_parens(src, end)
        if parens is None:
            return None
        close = parens[1]
        nxt = _skip_space(src, close + 1)
        if nxt < len(src) and src[nxt] == 0x3B:
            return None
        return _blank(buf, start, close + 1), close + 1

    def _definition_header(self, src: bytes, buf: bytearray, start: int, end: int, name: str) -> tuple[int, int] | None:
        open_at = _skip_space(src, end)
        if open_at >= len(src) or src[open_at] != 0x28 or open_at != end:
            return None
        close = _close_paren(src, open_at)
        if close < 0:
            return None
        nxt = _skip_space(src, close + 1)
        if nxt >= len(src) or src[nxt] != 0x7B:
            return None
        commas = _top_commas(src, open_at, close)
        changed = _blank(buf, start, open_at + 1) + 4
        buf[start:start + 4] = b"long"
        if commas:
            buf[commas[0]] = 0x28
            return changed + 1, open_at + 1
        fname = src[open_at + 1:close].strip()
        if not _PLAIN_ID.match(fname):
            return None
        buf[open_at:close - 1] = fname.ljust(close - 1 - open_at)
        buf[close - 1:close + 1] = b"()"
        return changed + len(fname) + 1, close + 1


def _native_reference(kind: str) -> Callable[..., object] | None:
    """The Python handler of kind that csrc/candidates.c mirrors (NATIVE_KINDS)."""
    return getattr(Normaliser, "_" + kind, None) or more_kinds.REFERENCE.get(kind)


def _passes(m: MacroSet) -> list[tuple[str, Callable[[bytes, bytearray | None, Normalised], bytearray | None],
                                             tuple[bytes, ...]]]:
    """(name, pass, triggers) of every whole-file pass, in order (triggers: see triggers.py)."""
    # the pass modules load here, not with this module: a run reads this table from passcache.py's
    # cache and imports only the passes a file needs
    from cocolint.kernelc import asm_keywords, asm_templates, braced_calls, call_items, declared_names
    from cocolint.kernelc import local_attributes, loop_tails, macro_runs, nested_fields, object_statements
    from cocolint.kernelc import operator_args, trace_events, trailing_attributes, usage_passes

    static = m.static_macro is not None
    table = [
        ("static_macros", functools.partial(passes.static_macros, m), passes.STATIC_TRIGGERS) if static else None,
        ("variadic_params", passes.variadic_params, passes.VARIADIC_TRIGGERS),
        ("ranges", passes.ranges, passes.RANGE_TRIGGERS),
        ("operator_args", operator_args.operator_args, operator_args.TRIGGERS),
        ("define_comments", passes.define_comments, passes.DEFINE_COMMENT_TRIGGERS),
        ("statement_macros", passes.statement_macros, passes.STATEMENT_TRIGGERS),
        ("object_statements", object_statements.object_statements, object_statements.triggers()),
        ("nested_fields", nested_fields.nested_fields, nested_fields.triggers()),
        ("asm_templates", asm_templates.asm_templates, asm_templates.TRIGGERS),
        ("loop_tails", loop_tails.loop_tails, loop_tails.TRIGGERS),
        ("call_items", call_items.call_items, call_items.TRIGGERS),
        # after every pass that adds a `,` or `;` (it reads their output); its literals (`)\n`...) are
        # in nearly every file: no trigger
        ("macro_runs", macro_runs.macro_runs, ()),
        ("declared_names", declared_names.declared_names, declared_names.TRIGGERS),
        # an `__attribute__`, or an asm name (`asm` then blanks and `(`: asm_templates' literals cover it)
        ("local_attributes", local_attributes.local_attributes, (b"__attribute__", *asm_templates.TRIGGERS)),
        ("asm_keywords", asm_keywords.asm_keywords, asm_keywords.TRIGGERS),
        ("trailing_attributes", trailing_attributes.trailing_attributes, trailing_attributes.TRIGGERS),
        ("trace_events", trace_events.trace_events, trace_events.TRIGGERS),
        ("braced_calls", braced_calls.braced_calls, braced_calls.TRIGGERS),
        *((f"usage.{p.__name__}", functools.partial(run_pass, p), usage_passes.TRIGGERS[p])
          for p in usage_passes.PASSES),
        ("bare_macros", functools.partial(passes.bare_macros, m), passes.BARE_TRIGGERS) if static else None,
    ]
    return [t for t in table if t is not None]


_BY_FOLDER: dict[str, "Normaliser"] = {}  # a source file's folder -> the normaliser of its tree


@functools.lru_cache(maxsize=64)
def _cached(root: Path | None) -> Normaliser:
    return Normaliser(macro_set(root))


def normalise(source: bytes, path: Path | None = None, extra: tuple[bytes, ...] = ()) -> Normalised:
    """Normalise one file's source with the macros of its tree (extra: see Normaliser.normalise)."""
    return Normaliser.for_path(path).normalise(source, path, extra)


def scan_ahead(source: bytes, path: Path | None = None, extra: tuple[bytes, ...] = ()) -> None:
    """Run normalise()'s trigger scan of source now (Gate.ahead): a batch's files are scanned
    one after the other, then normalised."""
    Normaliser.for_path(path).gate_with(extra).ahead(source)
