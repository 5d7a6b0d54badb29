"""csrc/blank.c: the #if views' blanking in C gives exactly conditionals.blank_py's bytes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from cocolint import accel
from cocolint.kernelc import conditionals

from native_helpers import PURE_PYTHON, c_files, require

if PURE_PYTHON:
    pytest.skip("COCOLINT_PURE_PYTHON=1: the native module is switched off", allow_module_level=True)

# built wherever the suite runs (CI, the quick start): a missing module is a failure, not a skip
native = accel.native


def test_the_native_blank_is_built_and_used() -> None:
    require("blank_spans")
    assert conditionals.blank is native.blank_spans


def _same(src: bytes, spans: list[tuple[int, int]]) -> None:
    got, want = native.blank_spans(src, spans), conditionals.blank_py(src, spans)
    assert got == want and type(got) is type(want)
    if not spans:  # no span: the source object itself
        assert got is src and want is src


_PIECES = ["\n", " ", "\t", "#if X", "#else", "#endif", "int x;", "\0", "\xff", "\r\n", "a", "{", "}"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30),
       st.lists(st.tuples(st.integers(-5, 200), st.integers(-5, 200)), max_size=8))
def test_generated_text_and_spans(pieces: list[str], spans: list[tuple[int, int]]) -> None:
    """Overlapping, nested, empty, reversed and out-of-range spans, in any order."""
    _same("".join(pieces).encode("latin-1"), spans)


@pytest.mark.parametrize("src,spans", [
    (b"", []), (b"", [(0, 0)]), (b"", [(0, 5)]), (b"abc", []), (b"abc", [(0, 3)]), (b"a\nb", [(0, 3)]),
    (b"abcdef", [(1, 4), (2, 3)]), (b"abcdef", [(2, 3), (1, 4)]), (b"abcdef", [(4, 2)]), (b"abcdef", [(-3, 2)]),
    (b"abcdef", [(-9, -2)]), (b"abcdef", [(5, 99)]), (b"abcdef", [(7, 9)]), (b"abcdef", [(0, 2), (2, 4)]),
    (b"abcdef", [(1, 3), (1, 3)]), (b"ab\0\xff\n", [(0, 5)]), (b"abcdef", [(0, 2**70)]),
    (b"abcdef", [(-2**70, 3)]), (b"abcdef", [[1, 4]]), (b"abcdef", [(True, 3)]),
])
def test_edge_cases(src: bytes, spans: list[tuple[int, int]]) -> None:
    _same(src, spans)


def test_every_sample_and_rule_file_through_its_views() -> None:
    files = c_files()
    viewed = 0
    for path in files:
        src = path.read_bytes()
        views = conditionals.analyse(src)
        for i in range(views.count):
            _same(src, views.blanked(i))
            viewed += bool(views.blanked(i))
        _same(src, [(s, e) for s, e in views.dead])
    assert viewed > 10


def test_one_byte_results_leave_the_shared_bytes_alone() -> None:
    """CPython shares its one-byte bytes objects: blanking writes into a new one, never into those."""
    for byte in (b"a", b"\n", b"\0"):
        assert native.blank_spans(byte, [(0, 1)]) == conditionals.blank_py(byte, [(0, 1)])
    assert bytes([0x61]) == b"a" and b"a"[0] == 0x61 and bytes([0]) == b"\0"


def test_other_buffers_and_bad_arguments() -> None:
    src = b"#if A\nx\n#else\ny\n#endif\n" * 1000
    views = conditionals.analyse(src)
    assert native.blank_spans(bytearray(src), views.blanked(1)) == conditionals.blank_py(src, views.blanked(1))
    assert native.blank_spans(memoryview(src), [(0, 4)]) == conditionals.blank_py(src, [(0, 4)])
    with pytest.raises(TypeError):
        native.blank_spans("text", [(0, 1)])
    with pytest.raises(TypeError):
        native.blank_spans(b"text", [(0.5, 1)])
    with pytest.raises(TypeError):
        native.blank_spans(b"text", [5])
    with pytest.raises(ValueError):
        native.blank_spans(b"text", [(0, 1, 2)])
    with pytest.raises(TypeError):
        native.blank_spans(b"text", 5)


_SPAN = st.tuples(st.integers(-5, 70), st.integers(-5, 70))


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=20), st.lists(_SPAN, max_size=4), st.lists(_SPAN, max_size=3),
       st.lists(st.tuples(st.lists(_SPAN, max_size=4), st.integers(-2, 5)), max_size=5), st.integers(-1, 6))
def test_blank_view_is_blank_py_of_blanked(pieces: list[str], directives: list, dead: list, groups: list,
                                           extra: int) -> None:
    """Any Views: overlapping, reversed, out-of-range arms; a kept index out of range; choices
    shorter or longer than the groups (zipped as the Python zips them)."""
    require("blank_view")
    src = "".join(pieces).encode("latin-1")
    views = conditionals.Views(directives, dead, [conditionals._Group(live=live) for live, _ in groups],
                               [[keep for _, keep in groups][:max(0, len(groups) + extra - 3)]])
    got, want = native.blank_view(src, directives, dead, views.groups, views.choices[0]), \
        conditionals.blank_py(src, views.blanked(0))
    assert got == want and type(got) is type(want)
    assert (got is src) == (want is src)
