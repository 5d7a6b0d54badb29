"""csrc/statics.c: static_macros' search and checks in C keep what the Python keeps, and the pass is unchanged."""

from __future__ import annotations

import pytest

from cocolint import accel
from cocolint.kernelc import passes, triggers
from cocolint.kernelc.macros import macro_set
from cocolint.kernelc.scan import Normalised

from native_helpers import PURE_PYTHON, agree_on_prefixes_and_buffers, c_files, native as require, piece_tests

if PURE_PYTHON:
    pytest.skip("COCOLINT_PURE_PYTHON=1: the native module is switched off", allow_module_level=True)

native = accel.native  # built wherever the suite runs: a missing module is a failure, not a skip


def test_the_native_search_is_built_and_used() -> None:
    require("static_candidates")
    assert passes._native_statics is native.static_candidates


def _same(src: bytes) -> None:
    assert native.static_candidates(src) == passes.static_candidates_py(src)


_PIECES = ["static", "static ", "const ", "const", " ", "\t", "\n", "\r", "A", "AB", "X_9", "a", "(", ")", ";",
           "x", "x, y", " x ", "\"s\"", "'('", "/*", "*/", "{", "}", "\\\n", "\v", "\0", "\xff", "DEFINE_MUTEX(",
           "static const ", "xstatic ", "#"]


test_generated_text_gives_the_pythons_candidates, test_mutated_samples_give_the_pythons_candidates = \
    piece_tests(_same, _PIECES, generated=2500, mutated=300)


@pytest.mark.parametrize("src", [
    b"", b"static", b"static ", b"static A", b"static A(", b"static A(x, 1);", b"static A(x);", b"static A( x )\n;",
    b"static A(x, 1)", b"static A(x, 1) x;", b"static const A(x, 1);", b"static constA(x, 1);",
    b"static const a(x, 1);", b"static const  \tAB_9(x, 1);", b"static\tconst\tA(1, 2)\\\n;", b"staticA(1, 2);",
    b"xstatic A(1, 2);", b"  \tstatic A(1, 2);", b"int static A(1, 2);", b"static A(1, 2) /* c */ ;",
    b"static A(1, \")\");", b"static A(1, ';');", b"static A(1; 2);", b"static A(1, (2));", b"static A(\v);",
    b"static A(\vx\f);", b"static A(9x);", b"static A(x y);", b"static Ab(1, 2);", b"static A (1, 2);",
    b"static A(" + b"1," * 2100 + b"2);", b"static A(1, 2)\0;", b"\xffstatic A(1, 2);", b"static static A(1, 2);",
])
def test_edge_cases(src: bytes) -> None:
    _same(src)


def test_every_sample_and_rule_file_and_every_prefix() -> None:
    for path in c_files():
        _same(path.read_bytes())
    text = b"static DEFINE_MUTEX(lock);\nstatic DECLARE_BITMAP(map, 64);\n\tstatic const LIST(a, \"b\")\n;\n" \
           b"static int f(void);\nstatic FOO(x, /* y */ 1);\n"
    agree_on_prefixes_and_buffers(_same, text, native.static_candidates, passes.static_candidates_py)


def test_the_trigger_scans_starts_give_the_same() -> None:
    """The Python, started from the trigger scan's hits as the normaliser runs it, finds the same."""
    gate = triggers.Gate([], [("static_macros", passes.STATIC_TRIGGERS)])
    text = b"static DEFINE_MUTEX(lock);\nstatic const FOO(a, 1);\n  static\tconst \tBAR(\"x\", 2) ;\n"
    for src in [p.read_bytes() for p in c_files()] + [text]:
        found = gate.scan(src)[0]
        assert isinstance(found, triggers.Found)
        assert passes.static_candidates_py(src, found) == native.static_candidates(src)
    assert len(native.static_candidates(text)) == 2


def _run(src: bytes) -> tuple[bytes | None, dict[str, int]]:
    out = Normalised(src)
    buf = passes.static_macros(macro_set(), src, None, out)
    return (None if buf is None else bytes(buf)), out.by_class


def test_the_pass_blanks_the_same_with_and_without_the_module(monkeypatch: pytest.MonkeyPatch) -> None:
    sources = [p.read_bytes() for p in c_files()]
    sources.append(b"static DECLARE_BITMAP(map, 64);\nstatic const DEFINE_PER_CPU(int, x);\nstatic FOO(x, 1);\n")
    with_module = [_run(src) for src in sources]
    monkeypatch.setattr(passes, "_native_statics", None)
    assert [_run(src) for src in sources] == with_module
