"""csrc/objstmts.c: object_statements in C gives exactly object_statements_py's bytes and counts."""

from __future__ import annotations

import pytest

from cocolint import accel
from cocolint.kernelc import object_statements as O

from native_helpers import NATIVE_TESTS, native, piece_tests
from native_pass_helpers import agree_on_c_files, agree_on_prefixes, both_buffers

pytestmark = NATIVE_TESTS

PACKAGED = O._packaged()[0].decode()  # a member-list name from macros.toml


def test_the_native_pass_is_built_and_used() -> None:
    assert O._native is native("object_statements").object_statements
    assert all(n and all(c in O._WORD for c in n) for n in O._packaged())  # the C looks up whole words


_same = both_buffers(O.object_statements, O.object_statements_py)


_PIECES = ["#define INFO \\\n\tu8 a; \\\n\tu8 b;\n", "#define LONG_NAME\t\\\r\n\tint x;  \r\n",
           "# define  ITEM\\\n x;\n",
           "#define SHORT \\\n a;\n", "#define F(x) \\\n x;\n", "INFO", "LONG_NAME", "ITEM", PACKAGED, "struct s {",
           "{", "}", ";", ")", ":", "(", ",", "=", ".", "->", "+", "/* c */", "// c\n", "\n", " ", "\t", "\r", "\\",
           "\\\n", "#", "#if X\n", "#endif\n", "u16 flags;", "INFOX", "xINFO", "#INFO", "\0", "\xff", "\v", "\f"]


test_generated_text, test_mutated_samples = piece_tests(_same, _PIECES, generated=1500, mutated=150)


DEF = b"#define CHANNEL_INFO \\\n\tu8 id; \\\n\tu8 reserved[3];\n"


@pytest.mark.parametrize("src", [
    b"", b"\\", b"\\\n", b"\\\n;\n", DEF, DEF + b"struct c {\n\tCHANNEL_INFO\n\tu16 f;\n};\n",
    DEF + b"struct c {\n\tCHANNEL_INFO /* common */\n\tu16 f;\n};\n", DEF + b"struct c { CHANNEL_INFO CHANNEL_INFO };",
    DEF + b"x = CHANNEL_INFO;", DEF + b"f(CHANNEL_INFO)", DEF + b"{ CHANNEL_INFO\t// c\n}", DEF + b"{CHANNEL_INFO}",
    DEF + b"#if X\n{\n#endif\nCHANNEL_INFO\n", DEF + b"{ \\\nCHANNEL_INFO\n", DEF + b"{ #CHANNEL_INFO\n",
    DEF + b"a: CHANNEL_INFO - 1", DEF + b"if (x) CHANNEL_INFO", b"#define ABCD \\\r\n a; \t\r\n{ ABCD\n",
    b"#define ABC \\\n a;\n{ ABC\n", b"  #  define ABCD\\\n a;\n{ ABCD", b"#define ABCD \\\n a; b\n{ ABCD\n",
    b"#define ABCD \\\n \\\n a;\n{ ABCD\n", b"#define ABCD \\\n a\\b;\n{ ABCD\n", b"#define ABCD \\\n a;\r\r\n{ ABCD\n",
    ("{ %s\n u8 x;\n}" % PACKAGED).encode(), ("struct {\n\t%s\n};" % PACKAGED).encode(), ("%s;" % PACKAGED).encode(),
    DEF + b"{ CHANNEL_INFO", DEF + b"{ CHANNEL_INFO ", DEF + b"\0{ CHANNEL_INFO\xff\n",
])
def test_edge_cases(src: bytes) -> None:
    _same(src)


def test_every_sample_and_rule_file_and_every_prefix() -> None:
    assert agree_on_c_files(O.object_statements, O.object_statements_py) >= 1
    text = DEF + b"struct chan {\n\tCHANNEL_INFO /* c */\n\tu16 flags;\n};\n" \
        + ("struct a {\n\t%s\n};\n" % PACKAGED).encode()
    agree_on_prefixes(_same, O.object_statements, O.object_statements_py, text)


def test_bad_arguments() -> None:
    fn = accel.native.object_statements
    out = O.Normalised(b"")
    assert fn(b"{ A_NAME\n", None, out, []) is None
    assert fn(b"{ A_NAME\n", None, out, [b"A_NAME"]) == bytearray(b"{ A_NAM;\n")  # no blank after it: its last byte
    for bad in ([b"A-B"], [b""], ["A_NAME"]):
        with pytest.raises((TypeError, ValueError)):
            fn(b"{ A_NAME\n", None, out, bad)
    with pytest.raises(TypeError):
        fn(b"{ A_NAME\n", None, out, 5)
