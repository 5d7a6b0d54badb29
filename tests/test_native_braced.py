"""csrc/braced.c: braced_calls in C gives exactly braced_calls_py's bytes and counts."""

from __future__ import annotations

import pytest

from cocolint import accel
from cocolint.kernelc import braced_calls as B

from native_helpers import NATIVE_TESTS, native, piece_tests
from native_pass_helpers import agree, agree_on_c_files, agree_on_prefixes, both_buffers

pytestmark = NATIVE_TESTS


def test_the_native_pass_is_built_and_used() -> None:
    assert B._braced_calls is native("braced_calls").braced_calls


_same = both_buffers(B.braced_calls, B.braced_calls_py)


_PIECES = ["{", "}", "(", ")", "[", "]", ", {", ", .f = {", ", .x\t=\t{", ", .", ",", ";", "=", " ", "\n", "\t",
           "ENTRY(", "entry(", "E9_(", "x", "\"a\"", "'b'", "\"(\"", "/* ( */", "// (\n", "\\\n",
           "#define entry(a) a\n",
           "DMI(A, \"x\")", "\0", "\xff", "\r", "\v", "\f", "1"]


test_generated_text, test_mutated_samples = piece_tests(_same, _PIECES, generated=2000, mutated=150)


ITEM = b'{ PRESENT("8086", "2", ATOM, { DMI(V, "x"), }), { 0 } }'


@pytest.mark.parametrize("src", [
    b"", b"{", b", {", ITEM, b"x = " + ITEM + b";", b"s = E(a, { 1 });", b"s = E(a, { 1 }) + 1;", b"{ e(a, { 1 }) }",
    b"#define e(x) x\n{ e(a, { 1 }) }", b"#  define\te(x) x\n{ e(a, { 1 }) }", b"#define e x\n{ e(a, { 1 }) }",
    b"{ E(a, .f = { 1 }), }", b"{ E(a, .f={ 1 }), }", b"{ E(a, .9 = { 1 }), }", b"{ E((a), { 1 }), }",
    b"{ E(\"a\", { 1 }), }", b"{ E('a', { 1 }), }", b"{ E(a[1], { 1 }), }", b"{ E(a /* ( */, { 1 }), }",
    b"{ E(a, { 1 }, \"(\"), }", b"{ E(a, { 1 }\n", b"{ E(a, { 1 }) // c\n}", b"{ /* c */ E(a, { 1 }) \\\n, }",
    b"f(E(a, { 1 }))", b"{ 1E(a, { 1 }), }", b"{ _E(a, { 1 }), }", b"{ Ea(a, { 1 }), }", b"{ E(a, { 1 }, { 2 }), }",
    b"{ E(F(a, { 1 }), { 2 }), }", b"{ E(a, { 1 })\0, }", b"{ E(a, { 1 })\xff, }",
    *(b"{ E(" + b"x" * k + b", { 1 }), }" for k in (1900, 2500, 2993, 2994, 2995, 3000)),
    b"{ E(a, " + b"x" * 4000 + b", { 1 }), }",
    b"{ " + b"E(a, { 1 }), " * 2100 + b"}",
])
def test_edge_cases(src: bytes) -> None:
    _same(src)


def test_every_sample_and_rule_file_and_every_prefix() -> None:
    # no sample has a braced call (yet): each is read through, unchanged
    agree_on_c_files(B.braced_calls, B.braced_calls_py)
    text = b"#define ent(a, b) a\nstatic const struct id ids[] = {\n\t" + ITEM + b",\n\tent(x, { .f = 1 }),\n};\n"
    got = agree(B.braced_calls, B.braced_calls_py, text)[0]
    assert got is not None and b"{\"8086\"" in got and b"{x, { .f = 1 }}" in got
    agree_on_prefixes(_same, B.braced_calls, B.braced_calls_py, text)


def test_bad_arguments() -> None:
    fn = accel.native.braced_calls
    with pytest.raises(TypeError):
        fn(ITEM, bytearray(b"{"), B.Normalised(b""))
    with pytest.raises(TypeError):
        fn(ITEM.decode(), None, B.Normalised(b""))
