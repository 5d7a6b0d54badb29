"""csrc/conditionals.c: conditionals.analyse in one native call gives exactly analyse_py's Views,
and csrc/blank.c's blank_view gives view_py's bytes for every view of them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from cocolint.kernelc import conditionals as K

from native_helpers import NATIVE_TESTS, agree_on_prefixes_and_buffers, c_files, mutated_sample, native

pytestmark = NATIVE_TESTS


def _native():
    return native("analyse_conditionals", "blank_view")


def _same(src: bytes) -> None:
    got, want = K.analyse(src), K.analyse_py(src)
    assert got == want, src  # directives, dead arms, every group's fields, choices, firsts
    for i in range(want.count):
        a, b = K.view(src, got, i), K.view_py(src, want, i)
        assert a == b and type(a) is type(b), (src, i)
        assert (a is src) == (b is src)  # nothing to blank: the source object itself


def test_the_native_paths_are_built_and_used() -> None:
    n = _native()
    assert K._analyse_conditionals is n.analyse_conditionals and K.analyse is K._analyse_native
    assert K._blank_view is n.blank_view and K.view is K._view_native


_CONDITIONS = st.sampled_from([
    "#if A\n", "#ifdef A\n", "#ifndef A\n", "  # if C\n", "#if defined(__ASSEMBLY__)\n", "#if defined __cplusplus\n",
    "#if\tdefined\f(\v__ASSEMBLY__ )\n", "#if !defined(__ASSEMBLY__)\n", "#if defined(__ASSEMBLY__X)\n",
    "#ifdef __ASSEMBLY__\n", "#ifdef __cplusplus\n", "#ifdef  __ASSEMBLY__/* c */\n", "#ifdef __ASSEMBLY__1\n",
    "#ifndef __ASSEMBLY__\n", "#ifndef __cplusplus\n", "#ifndef\t__ASSEMBLY__ \\\n && X\n", "#if definedX\n",
    "#if defined__ASSEMBLY__\n", "#if defined(__ASSEMBLY__\n", "#ifdef __ASSEMBLY__", "#if A /* open\n */\n",
])
_ARMS = st.sampled_from(["#else\n", "#elif B\n", "#elif defined(__ASSEMBLY__)\n", "#elif defined __cplusplus\n",
                         "# else /* x */\n", "#elif\\\n defined(__cplusplus)\n"])
_LINES = st.sampled_from(["int x;\n", "#include <a.h>\n", "{\n", ",\n", "", "=\n#include \"t.h\"\n", "\0\xff\r\n",
                          "#define A \\\n", "/* #if */\n", "x #else\n", "#endif_x\n"])


def _groups(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """An #if group (arms holding lines and groups), closed by its #endif (or left open now and then)."""
    arm = st.lists(inner, max_size=3).map("".join)
    return st.builds(lambda head, first, rest, end: head + first + "".join(k + a for k, a in rest) + end,
                     _CONDITIONS, arm, st.lists(st.tuples(_ARMS, arm), max_size=4),
                     st.sampled_from(["#endif\n"] * 8 + ["", "#endif", "# endif /* A */\n"]))


_CODE = st.lists(st.recursive(_LINES, _groups, max_leaves=30), max_size=5).map(lambda p: "".join(p).encode("latin-1"))


@settings(max_examples=400, deadline=None)
@given(_CODE)
def test_generated_nests_give_the_same_views(src: bytes) -> None:
    _same(src)


_PIECES = ["#if A\n", "#ifdef __ASSEMBLY__\n", "#ifndef __ASSEMBLY__\n", "#if defined(__cplusplus)\n", "#else\n",
           "#elif B\n", "#elif defined __ASSEMBLY__\n", "#endif\n", "#include <x.h>\n", "x;\n", "{\n", ",", "\\\n",
           "/*", "*/", " ", "\t", "\r", "\v", "\f", "\0", "\xff", "#", "if", "\n"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_any_order_of_directive_pieces(pieces: list[str]) -> None:
    """Unbalanced #else/#endif, #if left open, directives broken by comments and continuations."""
    _same("".join(pieces).encode("latin-1"))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_edited_sample_files(data: st.DataObject) -> None:
    _same(mutated_sample(data, st.sampled_from([p.encode("latin-1") for p in _PIECES])))


@settings(max_examples=150, deadline=None)
@given(_CODE, st.integers(-1, 10))
def test_the_view_limit_is_the_pythons(src: bytes, limit: int) -> None:
    """max_views is read, not built in: each limit plans what Views.plan plans under it."""
    saved = K.MAX_VIEWS
    try:
        K.MAX_VIEWS = limit
        want = K.analyse_py(src)
        assert K.analyse(src) == want
    finally:
        K.MAX_VIEWS = saved


def _nest(depth: int, arms: int) -> bytes:
    """depth #if groups inside each other's last arm, each with arms arms."""
    if depth == 0:
        return b"x;\n"
    inner = _nest(depth - 1, arms)
    return b"#if A\n" + b"".join(b"a;\n#elif B\n" for _ in range(arms - 1)) + inner + b"#endif\n"


EDGES = [
    b"", b"#", b"#if", b"#if A", b"#endif\n", b"#else\n#endif\n", b"#if A\n#endif", b"#if A\n#else\n",
    b"#ifdef __ASSEMBLY__\nmov\n#else\nint x;\n#endif\n", b"#ifndef __ASSEMBLY__\nint x;\n#else\nmov\n#endif\n",
    b"#ifndef __ASSEMBLY__\nint x;\n#elif A\nmov\n#else\nmov\n#endif\n",
    b"#if defined(__ASSEMBLY__)\na\n#elif A\nb\n#elif defined(__cplusplus)\nc\n#else\nd\n#endif\n",
    b"#ifdef __ASSEMBLY__\n#if A\na\n#else\nb\n#endif\n#else\n#if C\nc\n#else\nd\n#endif\n#endif\n",
    b"#if A\n#if B\nx\n#else\ny\n#endif\n#else\n#if C\nz\n#else\nw\n#endif\n#endif\n",
    b"#if A\r\n#else\r\n#endif\r\n", b"#if A \\\n#else\n#endif\n", b"#if A /*\n#else */\n#endif\n",
    b"int t[] = {\n#include \"t.h\"\n};\n#if A\n#include \"u.h\"\n#endif\n",
    _nest(12, 2), _nest(3, 70), _nest(20, 3), b"#if A\n" * 50 + b"#else\n" + b"#endif\n" * 50,
    b"".join(b"#if A%d\na\n#else\nb\n#endif\n" % i for i in range(30)),
    b"#if A\n#else\n#endif\n" * 3 + b"#if B\n",
]


@pytest.mark.parametrize("src", EDGES, ids=[repr(e[:30]) for e in EDGES])
def test_edge_cases(src: bytes) -> None:
    _same(src)


def test_views_out_of_range_fail_alike() -> None:
    src = b"#if A\na\n#else\nb\n#endif\n"
    views = K.analyse(src)
    for bad in (views.count, 99):
        with pytest.raises(IndexError):
            K.view(src, views, bad)
        with pytest.raises(IndexError):
            K.view_py(src, views, bad)


def test_every_sample_and_rule_file_and_their_prefixes() -> None:
    views = 0
    for path in c_files():
        src = path.read_bytes()
        _same(src)
        views += K.analyse(src).count
    assert views > 50
    table = b"#ifndef __ASSEMBLY__\n#if A\nint t[] = {\n#include \"t.h\"\n};\n#elif defined(__cplusplus)\n" \
            b"x\n#else /* c\n */\nint y;\n#endif\n#else\nmov\n#endif\n"
    agree_on_prefixes_and_buffers(_same, table, K.analyse, K.analyse_py)
