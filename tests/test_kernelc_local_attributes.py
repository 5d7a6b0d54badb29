"""Attributes the grammar cannot place (cocolint/kernelc/local_attributes.py)."""

from __future__ import annotations

from cocolint import ts
from cocolint.kernelc import local_attributes
from cocolint.kernelc.normalise import normalise
from cocolint.kernelc.scan import Normalised


def _attrs(src: bytes) -> bytes:
    out = Normalised(src)
    buf = local_attributes.local_attributes(src, None, out)
    return src if buf is None else bytes(buf)


def test_a_files_own_attribute_macros_are_blanked_where_used_not_where_defined() -> None:
    src = (b"#define PF(i, j) __attribute__((format(printf, i, j)))\n#define NORET __attribute__((noreturn))\n"
           b"void PF(1, 2) NORET die(const char *s, ...);\n")
    got = _attrs(src)
    assert got.splitlines()[:2] == src.splitlines()[:2]
    assert got.splitlines()[2] == b"void                die(const char *s, ...);"
    assert not ts.parse(got).root_node.has_error


def test_names_defined_otherwise_are_left_alone() -> None:
    src = b"#define PF(x) printf(x)\nvoid f(void)\n{\n\tPF(\"a\");\n}\nint g __attribute__((unused));\n"
    assert _attrs(src) == src


def test_an_attribute_before_a_parenthesised_declarator() -> None:
    src = b"typedef int __attribute__((nonnull(2,3))) (*cmp_t)(void *, int, int);\n"
    got = _attrs(src)
    assert got == b"typedef int                               (*cmp_t)(void *, int, int);\n"
    assert not ts.parse(got).root_node.has_error
    assert len(normalise(src).source) == len(src)


def test_register_asm_names_are_blanked() -> None:
    src = (b"int f(void)\n{\n\tregister unsigned long r0 asm (\"r0\") = 1;\n\tregister long r2 __asm__(\"2\");\n"
           b"\tregister_x(a);\n\tasm volatile(\"nop\");\n\treturn r0;\n}\n")
    got = _attrs(src)
    assert b"\tregister unsigned long r0            = 1;\n\tregister long r2             ;\n" in got
    assert b"register_x(a);" in got and b"asm volatile(\"nop\");" in got
    assert ts.parse(src).root_node.has_error and not ts.parse(got).root_node.has_error


def test_asm_inline_reads_as_the_asm_keyword() -> None:
    from cocolint.kernelc import asm_keywords

    src = b"#define asm_inline asm __inline\nvoid f(void)\n{\n\tasm_inline volatile(\"nop\" : : : \"memory\");\n}\n"
    out = Normalised(src)
    got = bytes(asm_keywords.asm_keywords(src, None, out))
    assert got == src.replace(b"\tasm_inline volatile", b"\tasm        volatile")
    assert out.by_class == {"asm_keyword": 7}
    assert ts.parse(src).root_node.has_error and not ts.parse(got).root_node.has_error
    assert asm_keywords.asm_keywords(b"int my_asm_inline_count;", None, Normalised(b"")) is None
