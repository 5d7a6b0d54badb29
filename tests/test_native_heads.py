"""csrc/heads.c: where a file's leading comments and directives end, in C, is where fragments._SKIP ends."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from cocolint import accel
from cocolint.kernelc import fragments

from native_helpers import PURE_PYTHON, c_files, require

if PURE_PYTHON:
    pytest.skip("COCOLINT_PURE_PYTHON=1: the native module is switched off", allow_module_level=True)

# built wherever the suite runs (CI, the quick start): a missing module is a failure, not a skip
native = accel.native


def test_the_native_search_is_built_and_used() -> None:
    require("fragment_head")
    assert fragments.fragment_head is native.fragment_head


def _same(src: bytes, endpos: int | None = None) -> None:
    for end in ((len(src) + 1, len(src), len(src) - 1, len(src) // 2, 3, 0, -1) if endpos is None else (endpos,)):
        assert native.fragment_head(src, end) == fragments.fragment_head_py(src, end), end


_PIECES = [" ", "\t", "\n", "\r", "\v", "\f", "\x1c", "\xa0", "/*", "*/", "*", "/", "//", "#", "#include <x.h>",
           "\\", "\\\r", "\\\n", "a", "{", "\"s\"", ",", "\0", "\xff", "/* c */", "/**/", "#define X \\\n\t1"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_generated_text_gives_the_regexes_end(pieces: list[str]) -> None:
    _same("".join(pieces).encode("latin-1"))


@pytest.mark.parametrize("src", [
    b"", b" ", b"/", b"/*", b"/*/", b"/**/", b"/* a */x", b"/* a ** b **/ c", b"/* a\n", b"//", b"// a\nx", b"#",
    b"#\\", b"#\\\nx", b"#\\\r\nx\ny", b"#a\\\r\r\nx", b"#a\\ \nx", b"#\\\n\\\n#\\", b"\n\n  /* a */ // b\n#if X\n{",
    b"/* a */\n/* b\n", b"\\", b"\0", b" \x0b\x0c\r\n\t{", b"#define A(x) \\\n\tdo { } while (0)\n", b"x",
])
def test_edge_cases(src: bytes) -> None:
    _same(src)


def test_every_sample_and_rule_file_and_every_prefix() -> None:
    for path in c_files():
        src = path.read_bytes()
        _same(src)
        _same(src, 1 << 14)
    head = b"/* SPDX */\n// x\n#include <a.h>\n#define M(x) \\\r\n\t(x)\n\n/* a\n * b **/\n{ \"t\", 1 },\n"
    for i in range(len(head) + 1):
        _same(head[:i])
    _same(b" /* a */\n" * 20000)
    _same(b"#define x \\\n" * 20000, 1 << 14)
    assert native.fragment_head(bytearray(head), 99) == fragments.fragment_head_py(head, 99)
    with pytest.raises(TypeError):
        native.fragment_head("text", 3)
