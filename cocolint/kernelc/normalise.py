"""Offset-preserving kernel-macro normalisation: same length, same newlines, grammar-friendly."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from cocolint.kernelc import more_kinds, passes, usage_passes
from cocolint.kernelc.braced_calls import braced_calls
from cocolint.kernelc.candidates import candidates
from cocolint.kernelc.macros import MacroSet, macro_set
from cocolint.kernelc.trace_events import trace_events
from cocolint.kernelc.operator_args import operator_args
from cocolint.kernelc.object_statements import object_statements
from cocolint.kernelc.nested_fields import nested_fields
from cocolint.kernelc.asm_templates import asm_templates
from cocolint.kernelc.loop_tails import loop_tails
from cocolint.kernelc.call_items import call_items
from cocolint.kernelc.macro_runs import macro_runs
from cocolint.kernelc.declared_names import declared_names
from cocolint.kernelc.local_attributes import local_attributes
from cocolint.kernelc.asm_keywords import asm_keywords
from cocolint.kernelc.trailing_attributes import trailing_attributes
from cocolint.kernelc.scan import Normalised, blank as _blank, call_parens, close_paren as _close_paren
from cocolint.kernelc.scan import code_before as _before, skip_space as _skip_space, top_commas as _top_commas

__all__ = ["Normalised", "Normaliser", "normalise"]

_DIRECTIVE_NAME = re.compile(rb"#\s*(?:define|undef|ifdef|ifndef|elif|if)\s+$|defined\s*\(?\s*$")
_WORD = re.compile(rb"[A-Za-z0-9_]")
_IS_WORD = bytes(1 if chr(b).isascii() and (chr(b).isalnum() or b == 0x5F) else 0 for b in range(256))
_TYPE_START = re.compile(
    rb"(?:const|volatile|struct|union|enum|unsigned|signed|short|long|int|char|float|double"
    rb"|_Bool|bool|void|typeof|__typeof__)\b|[A-Za-z_]\w*\s*\*[\s*]*(?:const\s*)?\Z")
_PLAIN_ID = re.compile(rb"[A-Za-z_]\w*\Z")
_STATEMENT_BEFORE = frozenset(b";{}):")


class Normaliser:
    """Rewrites known kernel macros in a source; one instance per macro set."""

    def __init__(self, macros: MacroSet) -> None:
        self.macros = macros

    @classmethod
    def for_path(cls, path: Path | None, extra: dict[str, list[str]] | None = None) -> "Normaliser":
        """The normaliser for a file: the packaged list plus its tree's .clang-format ForEachMacros."""
        from cocolint.kernelc.macros import tree_root

        if extra:
            return cls(macro_set(tree_root(path) if path is not None else None, extra))
        if path is None:
            return _cached(None)
        name = os.fspath(path)
        if not name.endswith((".c", ".h")):
            return _cached(tree_root(path))
        folder = os.path.dirname(os.path.abspath(name))  # string work: Path objects cost more than parsing
        n = _BY_FOLDER.get(folder)
        if n is None:
            if len(_BY_FOLDER) > 20_000:
                _BY_FOLDER.clear()
            n = _BY_FOLDER[folder] = _cached(tree_root(path))
        return n

    def normalise(self, source: bytes, path: Path | None = None) -> Normalised:
        """The rewritten source (same length, same newlines) and the bytes changed."""
        m = self.macros
        buf: bytearray | None = None
        out = Normalised(source)
        done_until = 0
        size = len(source)
        for start, end in candidates(m, source):
            if start < done_until:
                continue
            if (start and _IS_WORD[source[start - 1]]) or (end < size and _IS_WORD[source[end]]):
                continue  # part of a longer identifier
            lo = max(0, start - 24)
            if (source.find(b"#", lo, start) >= 0 or source.find(b"defined", lo, start) >= 0) \
                    and _DIRECTIVE_NAME.search(source, lo, start):
                continue
            name = source[start:end].decode("ascii")
            kind = m.kind(name)
            if kind is None:
                continue
            if buf is None:
                buf = bytearray(source)
            span = getattr(self, "_" + kind, None) or more_kinds.HANDLERS[kind]
            span = span(source, buf, start, end, name)
            if span:
                changed, done_until = span
                if changed:
                    out.count(kind, changed)
        if m.static_macro is not None:
            buf = passes.static_macros(m, source, buf, out)
        buf = passes.variadic_params(source, buf, out)
        buf = passes.ranges(source, buf, out)
        buf = operator_args(source, buf, out)
        buf = passes.define_comments(source, buf, out)
        buf = passes.statement_macros(source, buf, out)
        buf = object_statements(source, buf, out)
        buf = nested_fields(source, buf, out)
        buf = asm_templates(source, buf, out)
        buf = loop_tails(source, buf, out)
        buf = call_items(source, buf, out)
        buf = macro_runs(source, buf, out)
        buf = declared_names(source, buf, out)
        buf = local_attributes(source, buf, out)
        buf = asm_keywords(source, buf, out)
        buf = trailing_attributes(source, buf, out)
        buf = trace_events(source, buf, out)
        buf = braced_calls(source, buf, out)
        buf = usage_passes.run(m, source, buf, out)
        if m.static_macro is not None:
            buf = passes.bare_macros(m, source, buf, out)
        if buf is not None and out.rewritten:
            out.source = bytes(buf)
        return out

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
        if nxt >= len(src) or not (src[nxt] == 0x7B or _WORD.match(src, nxt)):
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
                if not _WORD.match(src, i):
                    buf[i] = ord("_")
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


_BY_FOLDER: dict[str, "Normaliser"] = {}  # a source file's folder -> the normaliser of its tree


@functools.lru_cache(maxsize=64)
def _cached(root: Path | None) -> Normaliser:
    return Normaliser(macro_set(root))


def normalise(source: bytes, path: Path | None = None) -> Normalised:
    """Normalise one file's source with the macros of its tree."""
    return Normaliser.for_path(path).normalise(source, path)
