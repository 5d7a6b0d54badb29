"""csrc/defines_inline.c: the searches of inline_directives._triggered in C find what the Python finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from cocolint import accel
from cocolint.kernelc import inline_directives
from cocolint.kernelc.scan import code_before

from native_helpers import PURE_PYTHON, agree_on_prefixes_and_buffers, c_files, require

if PURE_PYTHON:
    pytest.skip("COCOLINT_PURE_PYTHON=1: the native module is switched off", allow_module_level=True)

# built wherever the suite runs (CI, the quick start): a missing module is a failure, not a skip
native = accel.native


def test_the_native_search_is_built_and_used() -> None:
    require("define_openers")
    assert inline_directives.define_openers is native.define_openers


def _triggered_as_before(src: bytes) -> bool:
    """_triggered(src, look=False) before its searches were split out (the searches and the decision in one loop)."""
    found = inline_directives._DEFINE_LINE.search(src)
    while found is not None:
        at = found.start() - 1
        if src[src.rfind(b"\n", 0, at) + 1] != 0x23:
            j = at - 1
            while j >= 0 and src[j] in b" \t\r\n":
                j -= 1
            if j >= 1 and src[j] == 0x2F and src[j - 1] == 0x2A:
                j = code_before(src, j)
            if j >= 0 and src[j] in inline_directives._OPENS:
                return True
        run_end = inline_directives._RUN_END.search(src, at + 1)
        if run_end is None:
            break
        found = inline_directives._DEFINE_LINE.search(src, run_end.start())
    return False


def _same(src: bytes) -> None:
    assert native.define_openers(src) == inline_directives.define_openers_py(src)
    assert inline_directives._triggered(src, False) == _triggered_as_before(src)


_PIECES = ["\n", "#define A 1", "#undef A", "#if X", "#", "define", "undef", " ", "\t", "\r", "x", ",", "(", "{",
           "=", ";", "/* c */", "*/", "/*", "*", "/", "// c", "\"", "\\", "enum e {", "\0", "\xff", "\n#define B"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_generated_text_gives_the_same_openers_and_decision(pieces: list[str]) -> None:
    _same("".join(pieces).encode("latin-1"))


@pytest.mark.parametrize("src", [
    b"", b"#", b"\n#", b"\n#define", b"\n#undef", b"#define A", b",\n#define A", b",\n#undefine", b"=\n#defin",
    b"{\n\n \t\r\n#define A 1\n#define B 2\n", b"x\n#define A\n#define B\n,\n#define C", b"/* a */\n#define A",
    b"*/\n#define A", b"(/* a */\n#define A", b"#x\n#define A", b",\n#if X\n#define A\n#endif\n,\n#undef A\n",
    b"\n\n#define A", b"=\r\n#define A\r\n", b",\n#define A\n", b"int a[] = {\n\t1,\n#define X 2\n\tX,\n};\n",
    b"x\n#define A\n#define B", b"{\n#define A\n", b"\0,\n#define A\0",
])
def test_edge_cases(src: bytes) -> None:
    _same(src)


def test_every_sample_and_rule_file_and_every_prefix() -> None:
    for path in c_files():
        _same(path.read_bytes())
    table = b"static const struct t tests[] = {\n\t{ 1, 2 },\n#define E(x) { x, x }\n\tE(3),\n#undef E\n" \
            b"\t/* done */\n};\n#define N 1\n#define M 2\nint x = (\n/* c */\n#define Q 1\n0);\n"
    agree_on_prefixes_and_buffers(_same, table, native.define_openers, inline_directives.define_openers_py)


def _same_spans(src: bytes) -> None:
    for opened in (False, True):
        for maybe in (None, True, False):
            got = inline_directives.inline_directives(src, opened, maybe)
            assert got == inline_directives.inline_directives_py(src, opened, maybe), (src, opened, maybe)


_LINE_PIECES = _PIECES + ["#pragma once", "#error x", "#warning w", "#include <a.h>", "  #  define Z", "#defines",
                          "#undef_x", "// c \"", "\"//\"", "'", "\\\n", " \\\r\n", "= {", "={", "enum", "\f", "\v"]


def test_the_native_directive_loop_is_built_and_used() -> None:
    require("inline_directive_spans")
    assert inline_directives.inline_directives is inline_directives._inline_directives_native


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_LINE_PIECES), max_size=40))
def test_generated_text_gives_the_same_spans(pieces: list[str]) -> None:
    require("inline_directive_spans")
    _same_spans("".join(pieces).encode("latin-1"))


@pytest.mark.parametrize("src", [
    b"", b"#define A", b"= {\n#define A 1\n", b"={,\n#define A 1\n#undef A\n", b"enum e {\n\tA, // c\n#define B\n",
    b"enum e {\n\tA, /* c */\n#define B\n", b"x = \"//\" ,\n#define B\n", b"x = \"a\", // ,\n#define B\n",
    b"enum {\n#define A \\\n  1\n#define B /* open\n */ 2\n#pragma x\n", b"= {\n  #  pragma x\n#errorx\n",
    b"= {\n#define A /* never closed\n#define B\n", b"*/\n#define A\n= {", b"/*/\n,\n#define A\n= {",
    b"\\\n,\\\n#define A\n= {", b"= {\r\n#define A\r\n", b"\0= {\n#define\0\n", b"#include <a.h>\n= {\n#include \"b\"\n",
])
def test_spans_edge_cases(src: bytes) -> None:
    require("inline_directive_spans")
    _same_spans(src)


def test_spans_on_every_sample_and_rule_file_and_every_prefix() -> None:
    require("inline_directive_spans")
    for path in c_files():
        _same_spans(path.read_bytes())
    table = b"static const struct t tests[] = {\n\t{ 1, 2 }, // c\n#define E(x) { x, x }\n\tE(3),\n#undef E\n" \
            b"\t/* done */\n};\nenum { A = (\n/* c */\n#define Q 1 \\\n 2\n#pragma x\n0) };\n"
    agree_on_prefixes_and_buffers(_same_spans, table, lambda b: native.inline_directive_spans(b, True),
                                  lambda b: inline_directives.inline_directives_py(b, True))
