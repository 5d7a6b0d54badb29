"""csrc/define_comments.c: the comments of multi-line #defines found in C are the Python's; the pass is unchanged."""

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
    require("define_comment_spans")
    assert passes.define_comment_spans is native.define_comment_spans


def _same(src: bytes) -> None:
    assert native.define_comment_spans(src) == passes.define_comment_spans_py(src)


_PIECES = ["#define ", "# define", "#  define\t", "define", "#", "#definex", "X", "(", ")", " ", "\t", "\\", "\\\n",
           "\\\r\n", "\\ \n", "\\\r", "\r", "\n", "/*", "*/", "/* c */", "/*/", "*", "/", "//", "x;", "\v", "\f",
           "\0", "\xff", "#if", "\"/*\""]


test_generated_text_gives_the_pythons_spans, test_mutated_samples_give_the_pythons_spans = \
    piece_tests(_same, _PIECES, generated=2500, mutated=300)


@pytest.mark.parametrize("src", [
    b"", b"\\", b"\\\n", b"\\\r\n", b"\\\r", b"#define X \\\n", b"#define X /* a */ \\\n b",
    b"#define X \\\n /* a */ b", b"#define X \\\n /* a",
    b"#define X \\\n /* a \n b */ c \\\n d /* e */\n", b"#define X \\\r\n /* a */\r\n",
    b"#definex \\\n /* a */", b"#define\\\n /* a */", b"  #\t define \\\n/* a */", b"x #define \\\n/* a */",
    b"#define X a \\\n\\\n\\\n /* b */ /* c */ /*/ d */", b"#define X \\ \n /* a */",
    b"#define X \\\t\r\n /* a */ \\\n",
    b"int a; \\\n /* b */",
    b"#define A \\\n x\n#define B \\\n /* y */\n", b"/* a \\\n#define X */ \\\n /* y */",
    b"#define X \\\n/*/", b"#define X \\\n/**/", b"\n\\\n#define X \\\n /* y */", b"#define X \\\n /* \0 */ \xff\n",
])
def test_edge_cases(src: bytes) -> None:
    _same(src)


def test_every_sample_and_rule_file_and_every_prefix() -> None:
    for path in c_files():
        _same(path.read_bytes())
    text = b"#define F(x) \\\n\tdo { /* one */ \\\n\t\tf(x); /* two\n three */ \\\n\t} while (0)\n" \
           b"#if A \\\n /* not a define */\n#endif\n# define G \\\r\n\t/* g */ 1\r\n"
    agree_on_prefixes_and_buffers(_same, text, native.define_comment_spans, passes.define_comment_spans_py)
    assert len(native.define_comment_spans(text)) == 3


def _run(src: bytes) -> tuple[bytes | None, dict[str, int]]:
    out = Normalised(src)
    buf = passes.define_comments(src, None, out)
    return (None if buf is None else bytes(buf)), out.by_class


def test_the_pass_blanks_the_same_with_and_without_the_module(monkeypatch: pytest.MonkeyPatch) -> None:
    sources = [p.read_bytes() for p in c_files()]
    sources.append(b"#define F(x) \\\n\tdo { /* one */ \\\n\t\tf(x); \\\n\t} while (0)\n")
    with_module = [_run(src) for src in sources]
    assert any(buf is not None for buf, _ in with_module)
    monkeypatch.setattr(passes, "define_comment_spans", passes.define_comment_spans_py)
    assert [_run(src) for src in sources] == with_module
