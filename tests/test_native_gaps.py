"""csrc/gaps.c: macro_runs' two whole-file searches in C find exactly what their regexes find."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from cocolint import accel
from cocolint.kernelc import macro_runs

from native_helpers import PURE_PYTHON, agree_on_prefixes_and_buffers, c_files, native as require_native

if PURE_PYTHON:
    pytest.skip("COCOLINT_PURE_PYTHON=1: the native module is switched off", allow_module_level=True)

# built wherever the suite runs (CI, the quick start): a missing module is a failure, not a skip
native = accel.native


def test_the_native_searches_are_built_and_used() -> None:
    require_native("call_gaps", "last_names")
    assert macro_runs.call_gaps is native.call_gaps and macro_runs.last_names is native.last_names


def _same(src: bytes) -> None:
    assert native.call_gaps(src) == macro_runs.call_gaps_py(src)
    assert native.last_names(src) == macro_runs.last_names_py(src)


_PIECES = [")", "\n", " ", "\t", "\t)", "A", "a", "_", ".", "{", "}", "};", "#if", "#endif", "#ifdef", "#",
           "/*", "*/", "/* c */", "*", "/", "x", "int ", "FOO", "9", "(", "\r", ";", ",", "\0", "\xff"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_generated_text_gives_the_regexes_spans(pieces: list[str]) -> None:
    _same("".join(pieces).encode("latin-1"))


@pytest.mark.parametrize("src", [
    b"", b")", b"}", b"\n}", b"A\n}", b"A\n}\n}", b")\n", b")\n\tA", b")\n\n  .x", b")\n};", b")\n#if",
    b")\n#endif", b")\n/*", b"\t)\n\tint x", b"\t)\n\tint *x", b"\t)\n\tint", b") /* a */\n\tB", b") /* a */ b */\n\tB",
    b") /* a */ b */\n\tb", b") /* a\n */\n\tB", b")/**/\n\tB", b")/*/\n\tB", b")  \t/* x */\n};",
    b"PIN(A, 0)\n\tPIN(B, 1)\n\tPIN(C, 2)\n};\n", b"\tREG(x)\n}", b"X)\n\t\n\n\t{",
])
def test_edge_cases(src: bytes) -> None:
    _same(src)


def test_every_sample_and_rule_file() -> None:
    for path in c_files():
        _same(path.read_bytes())


def test_a_large_file_and_every_prefix_of_a_table() -> None:
    table = b"static const struct pin pins[] = {\n\tPIN(A, 0, 4)\n\tPIN(B, 1, 4) /* b */\n\tPIN(C)\n};\n" \
            b"struct regs {\n\tREG_FIELD_LIST(u8)\n\tEMPTY_MEMBERS\n};\n"
    agree_on_prefixes_and_buffers(_same, table, native.call_gaps, macro_runs.call_gaps_py)
