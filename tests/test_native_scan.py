"""csrc/scan.c: the normaliser's byte helpers in C give what scan.py's originals give, for any offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from cocolint.kernelc import scan

from native_helpers import NATIVE_TESTS, c_files, mutated_sample, native

pytestmark = NATIVE_TESTS

NAMES = ("blank", "skip_space", "code_before", "close_paren", "_close_paren", "top_commas", "call_parens")
_PIECES = [b" ", b"\t", b"\n", b"\r", b"\v", b"\f", b"\\", b"\\\n", b"(", b")", b"[", b"]", b",", b";", b"{", b"}",
           b"\"", b"'", b"\\\"", b"/*", b"*/", b"//", b"/", b"*", b"a", b"x_1", b"\0", b"\xff", b"\"a,(b\"",
           b"/* ( , ) */", b"// ) ,\n", b"f(a, b)", b"#define X(a) \\\n", b"'('", b"\x1c"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map(b"".join)


def test_the_native_helpers_are_built_and_used() -> None:
    n = native(*NAMES)
    for name in NAMES:
        assert getattr(scan, name) is getattr(n, name), name


def _result(fn, *args, **kw) -> object:
    try:
        return ("value", fn(*args, **kw))
    except (IndexError, TypeError) as e:
        return ("raises", type(e))


def _offsets(src: bytes) -> list[int]:
    n = len(src)
    return sorted({-n - 5, -n - 1, -n, -n + 1, -5000, -4100, -3, -2, -1, 0, 1, 2, n // 3, n // 2, n - 2, n - 1, n, n + 1,
                   n + 4000, *(i for i, c in enumerate(src) if c in b"(),/\\\"'\n;{}" and i < 400)})


def _same(src: bytes, offsets: list[int] | None = None) -> None:
    n = native(*NAMES)
    offsets = _offsets(src) if offsets is None else offsets
    for i in offsets:
        assert n.skip_space(src, i) == scan.skip_space_py(src, i), i
        assert n.skip_space(src, i, -1) == scan.skip_space_py(src, i, -1), i
        assert _result(n.code_before, src, i) == _result(scan.code_before_py, src, i), i
        for statements in (False, True):
            assert n.close_paren(src, i, statements) == scan.close_paren_py(src, i, statements), (i, statements)
            assert n.close_paren(src, i, statements=statements) == scan.close_paren_py(src, i, statements), i
            for limit in (len(src), i + 4000, i + 7, -1, 3):
                assert n._close_paren(src, i, limit, statements) == scan._close_paren_py(src, i, limit, statements)
        assert _result(n.call_parens, src, i) == _result(scan.call_parens_py, src, i), i
        for j in (i + 1, i + 9, len(src), i - 1, -1, 0):
            assert n.top_commas(src, i, j) == scan.top_commas_py(src, i, j), (i, j)
            a, b = bytearray(src), bytearray(src)
            assert n.blank(a, i, j) == scan.blank_py(b, i, j), (i, j)
            assert a == b


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_generated_text(src: bytes) -> None:
    _same(src)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_mutated_samples(data: st.DataObject) -> None:
    src = mutated_sample(data, st.sampled_from(_PIECES))
    _same(src, sorted(set(data.draw(st.lists(st.integers(-len(src) - 2, len(src) + 2), max_size=20)))))


@pytest.mark.parametrize("src", [
    b"", b"(", b")", b"()", b"(a, b)", b"(a, (b, c), [d, e])", b"(\"a)\" )", b"('\\'' )", b"(\"a\\", b"(/* ) */ x)",
    b"(/* )", b"(a; b)", b"({ x; })", b"(a\n\"b\n)", b"x /* c */ ", b"x // c\n ", b"\"//\" x", b"a */", b"\\\n\\",
    b"( " + b"x" * 5000 + b")", b"(" * 50 + b")" * 50, b"f (\\\n a)", b"\r\n(\v\f)", b"(a[1,2], b)", b"(a, b]", b"(\0,\xff)",
])
def test_edge_cases(src: bytes) -> None:
    _same(src, None if len(src) >= 100 else sorted(set(_offsets(src)) | set(range(-2, len(src) + 2))))


def test_every_sample_and_rule_file() -> None:
    for path in c_files():
        src = path.read_bytes()
        _same(src, [i for i, c in enumerate(src) if c in b"(,)/\n"][::7] + _offsets(src))


def test_buffers_and_types() -> None:
    n = native(*NAMES)
    src = b"f(a, (b), c) /* x */ ;"
    assert n.close_paren(bytearray(src), 1) == scan.close_paren_py(src, 1) == 11
    assert n.top_commas(memoryview(src), 1, 11) == scan.top_commas_py(src, 1, 11) == [3, 8]
    assert n.code_before(bytearray(src), len(src) - 2) == scan.code_before_py(src, len(src) - 2) == 11
    with pytest.raises(TypeError):
        n.close_paren("text", 0)
    with pytest.raises(TypeError):  # the Python assigns into bytes (and fails) only when something changes
        n.blank(b"ab", 0, 2)
    assert n.blank(b"  ", 0, 2) == scan.blank_py(b"  ", 0, 2) == 0
    with pytest.raises(IndexError):
        n.code_before(src, len(src))
    huge = b"(" + b"a," * 100000 + b")"
    assert n.top_commas(huge, 0, len(huge) - 1) == scan.top_commas_py(huge, 0, len(huge) - 1)
    assert n.close_paren(huge, 0) == scan.close_paren_py(huge, 0) == -1
