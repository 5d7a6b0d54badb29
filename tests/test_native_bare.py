"""csrc/bare.c: bare_macros' search and checks in C keep what the Python keeps, and the pass is unchanged."""

from __future__ import annotations

import re

import pytest

from cocolint import accel
from cocolint.kernelc import passes
from cocolint.kernelc.macros import macro_set
from cocolint.kernelc.scan import Normalised

from native_helpers import PURE_PYTHON, agree_on_prefixes_and_buffers, c_files, native as require, piece_tests

if PURE_PYTHON:
    pytest.skip("COCOLINT_PURE_PYTHON=1: the native module is switched off", allow_module_level=True)

native = accel.native  # built wherever the suite runs: a missing module is a failure, not a skip


def test_the_native_search_is_built_and_used() -> None:
    require("bare_candidates")
    assert passes._native_bare is native.bare_candidates


def _same(src: bytes) -> None:
    want = passes.bare_candidates_py(src)
    assert native.bare_candidates(src) == want
    # the Python from the trigger scan's starts (every `\n` + capital) finds the same as its finditer
    starts = [m.start() for m in re.finditer(rb"\n(?=[A-Z])", src)]
    assert passes.bare_candidates_py(src, starts) == want


_PIECES = ["\n", "A", "AB", "ACPI_MODULE_NAME", "X9_", "a", "(", ")", ";", " ", "\t", "\r", "\r\n", "\\", "\\\n",
           '"', '"s"', "'", "'('", "/*", "*/", "/* c */", "//", "// x\n", "{", "}", "=", ",", "\v", "\f", "\0",
           "\xff", "x", "1", "EXPORT_SYMBOL(f);", "FOO(a, b)\n", "BAR\n", "\tint", "static "]


test_generated_text_gives_the_pythons_candidates, test_mutated_samples_give_the_pythons_candidates = \
    piece_tests(_same, _PIECES, generated=2500, mutated=300)


@pytest.mark.parametrize("src", [
    b"", b"A", b"AB", b"AB\n", b"AB(", b"AB()", b"AB()\n", b"\nAB()\nint x;", b"\nAB()\n{", b"\nAB()\n=",
    b"\nAB() \n\tx", b"\nAB()\n x", b"\nAB()\\\n;", b"\nAB(x);\n", b"\nAB(x) ;", b"\nAB(\"a\\\"\");\n",
    b"\nAB(x) /* c */\nint", b"\nAB(x) // c\nint", b"\nAB(x) \v/* c */\nint", b"\nAB(x) \v\nint",
    b"\nAB(x) y\nint", b"\nAB(x)\r\nint", b"\nAB \t\r\nint", b"\nAB \r \nint", b"\nABc(x)\nint", b"\nA(x)\nint",
    b"\nAB(x;\nint", b"\nAB(x{)\nint", b"\nAB(')')\nint", b"\nAB(\"(\")\nint", b"\nAB(/* ) */)\nint",
    b"\nAB(/* )\nint", b"\nAB((x)\n", b"\nAB(x)\0\nint", b"\xff\nAB(x)\n\xff", b"AB(x)\nCD(y)\nEF\n",
    b"\nAB(" + b"x" * 5000 + b")\nint", b"\nAB(" + b"x" * 3990 + b")\nint", b"\nAB(\n)\nint",
])
def test_edge_cases(src: bytes) -> None:
    _same(src)


def test_every_sample_and_rule_file_and_every_prefix() -> None:
    for path in c_files():
        _same(path.read_bytes())
    text = b"ACPI_MODULE_NAME(\"x\")\nint a;\nMODULE_LICENSE(\"GPL\");\nFOO(a, (b), \"c)\") /* d */\n" \
           b"static int f(void)\nDEFINE_X(y)\n{\n}\nBAR\r\nint z;\n"
    agree_on_prefixes_and_buffers(_same, text, native.bare_candidates, passes.bare_candidates_py)


def _run(src: bytes) -> tuple[bytes | None, dict[str, int]]:
    out = Normalised(src)
    buf = passes.bare_macros(macro_set(), src, None, out)
    return (None if buf is None else bytes(buf)), out.by_class


def test_the_pass_blanks_the_same_with_and_without_the_module(monkeypatch: pytest.MonkeyPatch) -> None:
    sources = [p.read_bytes() for p in c_files()]
    sources.append(b"ACPI_MODULE_NAME(\"x\")\nint a;\nmodule_init(f)\nLIST_HEAD(x)\nint b;\n")
    with_module = [_run(src) for src in sources]
    assert any(buf is not None for buf, _ in with_module), "some sample should have a bare macro"
    monkeypatch.setattr(passes, "_native_bare", None)
    assert [_run(src) for src in sources] == with_module
