"""csrc/defines.c: statement_macros' search for long function-like #defines finds what its regex finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from cocolint import accel
from cocolint.kernelc import passes

from native_helpers import PURE_PYTHON, agree_on_prefixes_and_buffers, c_files, require

if PURE_PYTHON:
    pytest.skip("COCOLINT_PURE_PYTHON=1: the native module is switched off", allow_module_level=True)

# built wherever the suite runs (CI, the quick start): a missing module is a failure, not a skip
native = accel.native


def test_the_native_search_is_built_and_used() -> None:
    require("define_fns_long")
    assert passes.define_fns_long is native.define_fns_long


def _same(src: bytes) -> None:
    assert native.define_fns_long(src) == passes.define_fns_long_py(src)


_PIECES = ["#", "define", " ", "\t", "N", "a", "_", "9", "(", ")", ";", "/*", "*/", "/", "*", "\\", "\r",
           "\n", "x", "#define ", "#  define\tF(", "do {", "\0", "\xff", "\\ \r\n", "##"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_generated_text_gives_the_regexes_spans(pieces: list[str]) -> None:
    _same("".join(pieces).encode("latin-1"))


@pytest.mark.parametrize("src", [
    b"", b"#", b"#define", b"#define ", b"#define F", b"#define F(", b"#define F(;", b"#define F(x) a;",
    b"#define F(x) a", b"#define F(x) a /* b */", b"#define F(x) a /", b"#define F(x) \\", b"#define F(x) \\ \t\r",
    b"#define F(x) \\ \t\r\nb;", b"#define F(x) \\ x", b"#define F(x)\n;", b"#define F(x) /\n*", b"#defineF(x);",
    b"# \t define \t _9a(x);", b"#define 9a(x);", b"#define F (x);", b"#define F(x);#define G(y);",
    b"##define F(x);", b"#define F(#define G(x);", b"#define F(x)\\\\", b"#define F(\\", b"#undef F(x);",
    b"#define F(x) a\r\n#define G(y) \\\r\n\tb;\r\n", b"#define F\0(x);", b"#define F(x)\0;",
])
def test_edge_cases(src: bytes) -> None:
    _same(src)


def test_every_sample_and_rule_file_and_every_prefix() -> None:
    for path in c_files():
        _same(path.read_bytes())
    header = b"#define N(x) \\\n\tdo { f(x); } while (0)\n#define M(a, b) g(a, b); /* two */\n" \
             b"#define ONE(x) (x)\n#define L(x) x \\\r\n\n"
    agree_on_prefixes_and_buffers(_same, header, native.define_fns_long, passes.define_fns_long_py)
