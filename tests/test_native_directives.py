"""The native directive search (cocolint/csrc/directives.c) gives exactly what conditionals.py's Python gives.

The tests fail when the native module is not built; with COCOLINT_PURE_PYTHON=1 they are skipped.
"""

from __future__ import annotations


import pytest
from hypothesis import given, settings, strategies as st


from cocolint.kernelc import conditionals as K

from native_helpers import NATIVE_TESTS, c_files, mutated_sample, native as require_native

pytestmark = NATIVE_TESTS


def native():
    """The native module; a failure (not a skip) when it is not built with these functions."""
    return require_native("directive_lines")


def same(src: bytes) -> None:
    assert native().directive_lines(src) == K.directive_lines_py(src), src


def test_analyse_uses_the_native_search() -> None:
    assert K.directive_lines is native().directive_lines


def test_every_sample_and_rule_file_and_their_prefixes() -> None:
    files = c_files()
    assert len(files) > 40
    for f in files:
        same(f.read_bytes())
    for f in files[:4]:
        src = f.read_bytes()
        for cut in range(len(src) + 1):
            same(src[:cut])


# one case per rule of the search; the expected tuples worked out by hand
EDGES = [
    (b"", []),
    (b"#", []),
    (b"#if", [(0, 0, 3, 3)]),
    (b"#if A\n#else\n#endif\n", [(0, 0, 3, 5), (4, 6, 11, 11), (5, 12, 18, 18)]),
    (b"#ifdef A\n#ifndef B\n#elif C\n", [(1, 0, 6, 8), (2, 9, 16, 18), (3, 19, 24, 26)]),
    (b"#  \tif(A)\n", [(0, 0, 6, 9)]),
    (b"  \t#endif\n", [(5, 0, 9, 9)]),
    (b"#ifdefx\n#endif_\n#if0\n#elsewhere\n", []),  # the whole identifier is the word
    (b"#if\xc3\xa9\n", [(0, 0, 3, 5)]),  # a byte above 0x7f ends the word
    (b"x #if A\n", []),  # code before the `#`
    (b"/* #if */\n", []),
    (b"#if A \\\n  && B\nx\n", [(0, 0, 3, 14)]),  # a continuation line
    (b"#if A \\ \t\r\n  && B\n", [(0, 0, 3, 17)]),  # blanks after the backslash
    (b"#if A /* a\n comment */ && B\nx\n", [(0, 0, 3, 27)]),  # a comment opened on it
    (b"#if A /* never closed\nx\n", [(0, 0, 3, 24)]),
    (b"#if A /* closed */\n", [(0, 0, 3, 18)]),
    (b"#if A /*/\nx\n", [(0, 0, 3, 9)]),  # `/*/` counts as closed on its line (as the Python reads it)
    (b"#if A", [(0, 0, 3, 5)]),  # no newline at the end
    (b"int t[] = {\n#include \"t.h\"\n};\n", [(6, 12, 20, 26)]),  # inside an initialiser: blanked
    (b"f(a,\n\t#include \"t.h\"\n);\n", [(6, 5, 14, 20)]),
    (b"int a;\n#include <x.h>\n", []),  # the usual #include
    (b"int t[] = {\n\n#include \"t.h\"\n};\n", [(6, 13, 21, 27)]),  # a blank line between
    (b"int a;\n\n#include <x.h>\n", []),
    (b"=\n# include <x.h>", [(6, 2, 11, 17)]),  # `# include`: the lookbehind does not apply
    (b"\n#include <x.h>\n", []),  # at the start: nothing before it ends in an opener
    (b"{\n#include", [(6, 2, 10, 10)]),
    (b"#define A \\\n#if B\n", [(0, 12, 15, 17)]),  # a #if line inside a #define is still read
    (b"\0#if\0\n#if A\n", [(0, 6, 9, 11)]),
    (b"#if A /*\n#if B /*\n#endif\n", [(0, 0, 3, 25), (0, 9, 12, 25), (5, 18, 24, 24)]),  # never closed
]


@pytest.mark.parametrize("src,expected", EDGES, ids=[repr(e[0])[:40] for e in EDGES])
def test_edge_cases(src: bytes, expected: list[tuple[int, int, int, int]]) -> None:
    assert native().directive_lines(src) == expected
    same(src)


def test_many_comments_opened_on_directive_lines() -> None:
    same(b"#if A /* open\n" * 2000)
    same(b"#if A /* open\n" * 1000 + b"*/\n" + b"#elif B /* a */ /* b\n" * 1000)


def test_analyse_gives_the_same_views_both_ways() -> None:
    n = native()
    for f in c_files():
        src = f.read_bytes()
        try:
            K.directive_lines = K.directive_lines_py
            slow = K.analyse(src)
        finally:
            K.directive_lines = n.directive_lines
        assert repr(K.analyse(src)) == repr(slow), f


def test_what_is_not_bytes_is_refused() -> None:
    for bad in ("#if A\n", None):
        with pytest.raises(TypeError):
            native().directive_lines(bad)


_PIECES = st.sampled_from([
    b"#", b"# ", b"#\t", b"if", b"ifdef", b"ifndef", b"elif", b"else", b"endif", b"include", b"x",
    b"_", b"0", b"\n", b"\r\n", b" ", b"\t", b"\\", b"\\\n", b"/*", b"*/", b"/", b"*", b"{", b",",
    b"(", b"=", b";", b"\0", b"\xff", b"\f", b"\n#include <a.h>", b"\n#if A", b"\n#endif",
])


@settings(max_examples=4000, deadline=None)
@given(st.lists(_PIECES, max_size=50))
def test_random_directive_soup(pieces: list[bytes]) -> None:
    same(b"".join(pieces))


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_mutated_sample_files(data: st.DataObject) -> None:
    same(mutated_sample(data, _PIECES))
