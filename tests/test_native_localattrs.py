"""csrc/localattrs.c: local_attributes in C gives exactly local_attributes_py's bytes and counts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from cocolint import accel
from cocolint.kernelc import local_attributes as L

from native_helpers import NATIVE_TESTS, agree_on_prefixes_and_buffers, c_files, mutated_sample, native
from native_pass_helpers import agree, rewritten_by_others, run

pytestmark = NATIVE_TESTS


def test_the_native_pass_is_built_and_used() -> None:
    assert L._local_attributes is native("local_attributes").local_attributes


def _same(src: bytes) -> None:
    agree(L.local_attributes, L.local_attributes_py, src)
    agree(L.local_attributes, L.local_attributes_py, src, rewritten_by_others(src))


_PIECES = ["#define PRINTF(i, j) __attribute__((format(printf, i, j)))\n", "#define NORET __attribute__ ((noreturn))\n",
           "# define X() __attribute__((x))\n", "PRINTF", "NORET", "X", "(1, 2)", "()", "(", ")", " (*", "(*", "\\\n",
           "__attribute__((nonnull(2)))", "__attribute__ ((a))", "register", "register u64 x0 ", "asm", "__asm",
           "__asm__", " (", "(\"x0\")", "\"r\"", " = v;", ";", ",", "=", "{", "}", " ", "\t", "\n", "#", "x", "\0",
           "\xff", "\r", "\"", "/* ) */"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_generated_text(pieces: list[str]) -> None:
    _same("".join(pieces).encode("latin-1"))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_mutated_samples(data: st.DataObject) -> None:
    _same(mutated_sample(data, st.sampled_from(_PIECES).map(lambda p: p.encode("latin-1"))))


PR = b"#define PRINTF(i, j) __attribute__((format(printf, i, j)))\n"


@pytest.mark.parametrize("src", [
    b"", b"register", b"register u64 x0 asm(\"x0\") = v;", b"register u64 x0 __asm__ (\"x0\");",
    b"register u64 x0 __asm(\"x0\") , x1;", b"register u64 x0 asm(\"x0\")", b"register u64 x0 asm(\"x0\") + 1;",
    b"register_t x asm(\"x0\");", b"myregister x asm(\"x0\");", b"register x = asm(\"x0\");",
    b"register\nx\0asm(\"r\")=",
    b"register x basm(\"x0\");", b"register x asm(\"x\n0\");", b"register x asm(\"\");",
    b"register register x asm(\"a\");",
    PR + b"void PRINTF(1, 2) die(const char *fmt, ...);", PR + b"void PRINTF die(void);",
    PR + b"#if PRINTF(1, 2)\n",
    PR + b"a \\\nPRINTF(1, 2) x;", PR + b"PRINTF(1, (2)) x; PRINTF(\")\") y;", PR + b"PRINTF(1, 2",
    b"#define N __attribute__((n))\nN N_x xN N",
    b"#define N(a) __attribute__((n))\n#define N __attribute__((m))\nN(1) N",
    b"#define N __attribute__((n))\n#define N(a) __attribute__((m))\nN(1) N",
    b"typedef int __attribute__((nonnull(2))) (*cmp_t)(void);", b"int __attribute__ (( x )) (*f)(void);",
    b"int __attribute__((x)) (f)(void);", b"int __attribute__((x)) (*", b"int __attribute__((x(\")\"))) (*f)",
    b"#define A(x) __attribute__((a)) \\\n", b"#define AB(x\n) __attribute__((a))\nAB(1)",
    b"#define\tAB __attribute__\t((a))\nAB",
])
def test_edge_cases(src: bytes) -> None:
    _same(src)


def test_every_sample_and_rule_file_and_every_prefix() -> None:
    changed = 0
    for path in c_files():
        src = path.read_bytes()
        changed += agree(L.local_attributes, L.local_attributes_py, src)[0] is not None
        agree(L.local_attributes, L.local_attributes_py, src, found=True)
    assert changed >= 1
    text = PR + b"void PRINTF(1, 2) die(const char *fmt, ...);\n" \
        b"typedef int __attribute__((nonnull(2))) (*cmp_t)(void);\n" \
        b"static void f(void)\n{\n\tregister u64 x0 asm(\"x0\") = 1;\n}\n"
    agree_on_prefixes_and_buffers(_same, text, lambda b: run(L.local_attributes, b, None),
                                  lambda b: run(L.local_attributes_py, b, None))


def test_bad_arguments() -> None:
    fn = accel.native.local_attributes
    with pytest.raises(TypeError):
        fn(PR, bytearray(b"#"), L.Normalised(b""))
    with pytest.raises(TypeError):
        fn(PR.decode(), None, L.Normalised(b""))
