"""csrc/localattrs.c: local_attributes in C gives exactly local_attributes_py's bytes and counts."""

from __future__ import annotations

import pytest

from cocolint import accel
from cocolint.kernelc import local_attributes as L

from native_helpers import NATIVE_TESTS, native, piece_tests
from native_pass_helpers import agree_on_c_files, agree_on_prefixes, both_buffers

pytestmark = NATIVE_TESTS


def test_the_native_pass_is_built_and_used() -> None:
    assert L._local_attributes is native("local_attributes").local_attributes


_same = both_buffers(L.local_attributes, L.local_attributes_py)


_PIECES = ["#define PRINTF(i, j) __attribute__((format(printf, i, j)))\n", "#define NORET __attribute__ ((noreturn))\n",
           "# define X() __attribute__((x))\n", "PRINTF", "NORET", "X", "(1, 2)", "()", "(", ")", " (*", "(*", "\\\n",
           "__attribute__((nonnull(2)))", "__attribute__ ((a))", "register", "register u64 x0 ", "asm", "__asm",
           "__asm__", " (", "(\"x0\")", "\"r\"", " = v;", ";", ",", "=", "{", "}", " ", "\t", "\n", "#", "x", "\0",
           "\xff", "\r", "\"", "/* ) */"]


test_generated_text, test_mutated_samples = piece_tests(_same, _PIECES, generated=2000, mutated=150)


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
    assert agree_on_c_files(L.local_attributes, L.local_attributes_py) >= 1
    text = PR + b"void PRINTF(1, 2) die(const char *fmt, ...);\n" \
        b"typedef int __attribute__((nonnull(2))) (*cmp_t)(void);\n" \
        b"static void f(void)\n{\n\tregister u64 x0 asm(\"x0\") = 1;\n}\n"
    agree_on_prefixes(_same, L.local_attributes, L.local_attributes_py, text)


def test_bad_arguments() -> None:
    fn = accel.native.local_attributes
    with pytest.raises(TypeError):
        fn(PR, bytearray(b"#"), L.Normalised(b""))
    with pytest.raises(TypeError):
        fn(PR.decode(), None, L.Normalised(b""))
