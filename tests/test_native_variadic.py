"""csrc/variadic.c: the GNU variadic names found in C are the Python's, and variadic_params is unchanged."""

from __future__ import annotations

import pytest

from cocolint import accel
from cocolint.kernelc import passes
from cocolint.kernelc.scan import Normalised

from native_helpers import PURE_PYTHON, agree_on_prefixes_and_buffers, c_files, native as require, piece_tests

if PURE_PYTHON:
    pytest.skip("COCOLINT_PURE_PYTHON=1: the native module is switched off", allow_module_level=True)

native = accel.native  # built wherever the suite runs: a missing module is a failure, not a skip


def test_the_native_search_is_built_and_used() -> None:
    require("variadic_spans")
    assert passes.variadic_spans is native.variadic_spans


def _same(src: bytes) -> None:
    assert native.variadic_spans(src) == passes.variadic_spans_py(src)


_PIECES = ["#define ", "# define\t", "#define", "#", "define", " ", "\t", "pr", "9", "_", "(", ")", ",", ", ",
           "...", "...)", "args", "args...)", "..)", ".", "\n", "\r", "\\\n", "\0", "\xff", "\v", "x...)"]


test_generated_text_gives_the_regexes_spans, test_mutated_samples_give_the_regexes_spans = \
    piece_tests(_same, _PIECES, generated=2500, mutated=300)


@pytest.mark.parametrize("src", [
    b"", b"...)", b"a...)", b"#define p(a...)", b"#define p(a...", b"#define p(a..)", b"#define p(...)",
    b"#define p(fmt, ...)", b"#define p(fmt, args...)", b"#define p(fmt, args ...)", b"#define p(f) a...)",
    b"#define p(f\n, a...)", b"#define p(f, a.b...)", b"#define p(a...)...)", b"#define 9(a...)", b"#define (a...)",
    b"#definep(a...)", b"#define  p (a...)", b"# \t define \t p(x, y, zz...)", b"#define p(\0a...)",
    b"#define p(\xffa...)", b"##define p(a...)", b"#define p(#define q(a...)", b"#define p(a...)#define q(b...)",
    b"#define p(x" + b"y" * 5000 + b"...)", b"x #define p(a...)", b"#define p(a, b...) \\\n\tf(a, ##b...)",
])
def test_edge_cases(src: bytes) -> None:
    _same(src)


def test_every_sample_and_rule_file_and_every_prefix() -> None:
    for path in c_files():
        _same(path.read_bytes())
    text = b"#define pr_x(fmt, args...) printk(fmt, ##args)\n#define dbg(...) 0\n#  define\tlog(lvl,rest...)\n"
    agree_on_prefixes_and_buffers(_same, text, native.variadic_spans, passes.variadic_spans_py)
    assert len(native.variadic_spans(text)) == 2


def _run(src: bytes) -> tuple[bytes | None, dict[str, int]]:
    out = Normalised(src)
    buf = passes.variadic_params(src, None, out)
    return (None if buf is None else bytes(buf)), out.by_class


def test_the_pass_blanks_the_same_with_and_without_the_module(monkeypatch: pytest.MonkeyPatch) -> None:
    sources = [p.read_bytes() for p in c_files()] + [b"#define pr(fmt, args...) f(fmt, ##args)\n"]
    with_module = [_run(src) for src in sources]
    assert any(buf is not None for buf, _ in with_module)
    monkeypatch.setattr(passes, "variadic_spans", passes.variadic_spans_py)
    assert [_run(src) for src in sources] == with_module
