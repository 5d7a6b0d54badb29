"""More macro classes, each rewritten only where its use shows it: specifiers, string calls, statement arguments.

Their names live in macros_more.toml (written by hand from the damage survey) and
macros_derived.toml (proposed by benchmarks/macro_definitions.py from the kernel's own
#defines); both are merged into the packaged list, never overriding a name it already has.
"""

from __future__ import annotations

from pathlib import Path

from cocolint.kernelc.scan import blank, close_paren, code_before, skip_space, top_commas
from cocolint.lazyre import lazy_compile

# macros.toml-style keys of the classes handled here -> the kind name
KEYS = {"specifiers": "specifier", "string-calls": "string_call", "statement-calls": "statement_call",
        "member-declarations": "member_declaration", "wrappers": "wrapper", "operator-calls": "operator_call"}
_EXPRESSION_BEFORE = frozenset(b",({[=!&|+-<>?:%^~/")
_STATEMENT_BEFORE = frozenset(b";{}):")
_STATEMENT_WORD = lazy_compile(rb"\s*(?:if|for|while|do|return|break|continue|goto|switch)\b|\s*\{")
_WORD_BEFORE = lazy_compile(rb"(?:case|return|sizeof|goto)\Z")
FILES = ("macros_more.toml", "macros_derived.toml")


def merged(data: dict) -> dict:
    """data (macros.toml) with the names of FILES added; a name data already classifies keeps its class."""
    known = {n for v in data.values() if isinstance(v, (list, dict)) for n in v if isinstance(n, str)}
    for fname in FILES:
        try:
            import tomllib  # only when the macro cache is cold

            more = tomllib.loads((Path(__file__).resolve().parent / fname).read_text("utf-8"))
        except FileNotFoundError:
            continue
        for key, value in more.items():
            if isinstance(value, list):
                fresh = [n for n in value if n not in known]
                data[key] = list(data.get(key, [])) + fresh
                known.update(fresh)
            elif isinstance(value, dict):
                table = dict(data.get(key, {}))
                for n, v in value.items():
                    if n not in known:
                        table[n] = v
                        known.add(n)
                data[key] = table
    return data


def specifier(src: bytes, buf: bytearray, start: int, end: int, name: str) -> tuple[int, int] | None:
    """`STATIC int f(...)`, `} PACKED;`: a storage-class or attribute macro, blanked where it is not an operand."""
    before = code_before(src, start - 1)
    if before >= 0:
        c = src[before]
        if c in _EXPRESSION_BEFORE or c == 0x2E or (c == 0x3E and src[before - 1:before] == b"-"):
            return None  # an operand (or a field named like the macro)
        if _WORD_BEFORE.search(src, max(0, before - 7), before + 1):
            return None
    after = skip_space(src, end)
    if after < len(src) and (src[after] in b"([.,=):+-*/%&|^<>?!]}" or (src[after] == 0x3B and src[before:before + 1] not in b"})]")):
        return None  # a call, an operand, or a variable named like the macro (`int vector;`)
    return blank(buf, start, end), end


def _string_next_to(src: bytes, start: int, end: int) -> bool:
    before = code_before(src, start - 1)  # src is the buffer: a string macro just before counts
    after = skip_space(src, end)
    return (before >= 0 and src[before] == 0x22) or (after < len(src) and src[after] == 0x22)


def string_call(src: bytes, buf: bytearray, start: int, end: int, name: str) -> tuple[int, int] | None:
    """`"x (default=" __MODULE_STRING(X) ")"`: a call that expands to a string, next to a string, reads as one."""
    if src[end:end + 1] != b"(":
        return None
    close = close_paren(src, end)
    if close < 0 or b"\n" in src[start:close] or not _string_next_to(buf, start, close + 1):
        return None
    return as_string(buf, start, close + 1), close + 1


def as_string(buf: bytearray, start: int, end: int) -> int:
    """buf[start:end] becomes a string literal of blanks; how many bytes changed."""
    changed = blank(buf, start + 1, end - 1)
    for i in (start, end - 1):
        if buf[i] != 0x22:
            buf[i] = 0x22
            changed += 1
    return changed


def statement_call(src: bytes, buf: bytearray, start: int, end: int, name: str) -> tuple[int, int] | None:
    """`nvkm_msec(dev, 2000, if (done) break;);` in statement position: `{dev, 2000; if (done) break;};`."""
    before = code_before(src, start - 1)
    if before >= 0 and src[before] not in _STATEMENT_BEFORE and not (
            src.endswith(b"else", 0, before + 1) or src.endswith(b"do", 0, before + 1)):
        return None
    open_at = skip_space(src, end)
    if open_at >= len(src) or src[open_at] != 0x28:
        return None
    close = close_paren(src, open_at, statements=True)
    if close < 0:
        return None
    bounds = [open_at, *top_commas(src, open_at, close), close]
    for k in range(len(bounds) - 1):
        arg = src[bounds[k] + 1:bounds[k + 1]]
        if _STATEMENT_WORD.match(arg) or _has_top_semicolon(arg):
            break
    else:
        return None  # no statement among the arguments: an ordinary call
    last = k == len(bounds) - 2
    ends_block = last and src[bounds[k] + 1:close].rstrip().endswith((b";", b"}"))  # `if (x) break;`
    semi = skip_space(src, close + 1)
    if not ends_block and (semi >= len(src) or src[semi] != 0x3B):
        return None  # `SKIP(return, "why")` needs its own `;` to close the block
    changed = blank(buf, start, open_at + 1) + 1
    buf[start] = 0x7B
    for at in ([bounds[k]] if k else []) + ([] if last else [bounds[k + 1]]):
        buf[at] = 0x3B  # `,` before and after the statements: `;`
        changed += 1
    if ends_block:
        buf[close] = 0x7D
        return changed + 1, close + 1
    buf[close] = 0x3B
    buf[semi] = 0x7D
    return changed + 2, semi + 1


def _has_top_semicolon(arg: bytes) -> bool:
    depth = 0
    for c in arg:
        if c in b"([{":
            depth += 1
        elif c in b")]}":
            depth -= 1
        elif c == 0x3B and depth == 0:
            return True
    return False


_NOT_WORD = lazy_compile(rb"[^A-Za-z0-9_\n\r\\]")
_KEYWORD_ARG = lazy_compile(rb"(?:int|char|long|short|unsigned|signed|bool|_Bool|void|float|double)\Z")
_TYPE_ARG = lazy_compile(rb"(?:struct|union|enum|unsigned|signed|const)\b|\w+\s*\*[\s*]*\Z")
_DECLARATION_BEFORE = lazy_compile(rb"(?:extern|static|const)\Z")


def member_declaration(src: bytes, buf: bytearray, start: int, end: int, name: str) -> tuple[int, int] | None:
    """`__uint(max_entries, 16);`, `DECLARE_HASHTABLE(h, 8);`: `NAME a[rest]`, a declaration of a typed by NAME."""
    before = code_before(src, start - 1)
    while before >= 0 and src[src.rfind(b"\n", 0, before) + 1:before + 1].lstrip(b" \t")[:1] == b"#":
        before = code_before(src, src.rfind(b"\n", 0, before))  # a directive line (#if/#endif) between
    if before >= 0 and src[before] not in b";{}" and not _DECLARATION_BEFORE.search(src, max(0, before - 6), before + 1):
        return None
    if src[end:end + 1] != b"(":
        return None
    close = close_paren(src, end)
    commas = top_commas(src, end, close) if close > 0 else []
    after = skip_space(src, close + 1)
    if not commas or after >= len(src) or not (src[after] == 0x3B or src[after:after + 1].isalpha() or src[after] == 0x5F):
        return None
    changed = 3
    buf[end] = 0x20
    buf[commas[0]] = 0x5B
    buf[close] = 0x5D
    for c in commas[1:]:
        buf[c] = 0x2B  # `[a, b]` is no array size: `[a+ b]` is
    changed += len(commas) - 1
    bounds = [end, *commas, close]
    for a, b in zip(bounds, bounds[1:]):  # sizes, names or types: a type is joined into one name
        a, b = a + 1, b
        while a < b and src[a] in b" \t\r\n\\":
            a += 1
        while b > a and src[b - 1] in b" \t\r\n\\":
            b -= 1
        if _KEYWORD_ARG.match(src, a, b):
            buf[b - 1] = 0x5F
            changed += 1
        elif _TYPE_ARG.match(src[a:b]):
            for m in _NOT_WORD.finditer(src, a, b):
                buf[m.start()] = 0x5F
                changed += 1
    return changed, close + 1


def wrapper(src: bytes, buf: bytearray, start: int, end: int, name: str) -> tuple[int, int] | None:
    """`I915_SELFTEST_DECLARE(u32 n);`, `D1(if (x) y();)`: a macro that expands to its argument is read as it."""
    if src[end:end + 1] != b"(":
        return None
    close = close_paren(src, end, statements=True)
    if close < 0:
        return None
    return blank(buf, start, end + 1) + blank(buf, close, close + 1), end + 1


_OPERATOR_ARG = lazy_compile(rb"\s*[=!<>&|~^+*/%-]{1,3}\s*\Z")


def operator_call(src: bytes, buf: bytearray, start: int, end: int, name: str) -> tuple[int, int] | None:
    """`ASSERTCMP(x, ==, 0)`, `CAP_BOP_ALL(d, a, b, &~)`: an argument that is only an operator becomes `_`s."""
    parens = close_paren(src, end) if src[end:end + 1] == b"(" else -1
    if parens < 0:
        return None
    bounds = [end, *top_commas(src, end, parens), parens]
    changed = 0
    for a, b in zip(bounds, bounds[1:]):
        if _OPERATOR_ARG.match(src, a + 1, b):
            for i in range(a + 1, b):
                if src[i] not in b" \t\r\n\\":
                    buf[i] = 0x5F
                    changed += 1
    return (changed, end + 1) if changed else None


HANDLERS = {"operator_call": operator_call, "specifier": specifier, "string_call": string_call, "statement_call": statement_call,
            "member_declaration": member_declaration, "wrapper": wrapper}
REFERENCE = {"specifier": specifier}  # the handlers csrc/candidates.c also rewrites natively (normalise.NATIVE_KINDS)
