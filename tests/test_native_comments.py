"""The native comment lexer (cocolint/csrc/comments.c) gives exactly what the Python reference gives.

The tests fail when the native module is not built (a C compiler is part of the test set-up);
with COCOLINT_PURE_PYTHON=1 they are skipped, saying so.
"""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings, strategies as st


from cocolint.engine import comments as C

from native_helpers import NATIVE_TESTS, c_files, mutated_sample, native as require_native

pytestmark = NATIVE_TESTS


def native():
    """The native module; a failure (not a skip) when it is not built with these functions."""
    return require_native("comment_spans", "blank_comments")


def same(src: bytes) -> None:
    """Native and Python agree on src: spans, blanked text, and identity when nothing is blanked."""
    n = native()
    spans = C.comment_spans_py(src)
    assert n.comment_spans(src) == spans, src
    out = n.blank_comments(src)
    assert out == C.blank_comments_py(src), src
    assert type(out) is bytes
    assert (out is src) == (not spans), src


def test_the_engine_uses_the_native_lexer() -> None:
    n = native()
    assert C.blank_comments is n.blank_comments and C.comment_spans is n.comment_spans


def test_every_sample_and_rule_file() -> None:
    files = c_files()
    assert len(files) > 40
    for f in files:
        same(f.read_bytes())


def test_every_prefix_of_a_few_files_ends_inside_some_token() -> None:
    # a file cut anywhere: inside a string, an escape, a comment, a directive's continuation
    for f in c_files()[:6]:
        src = f.read_bytes()
        for cut in range(len(src) + 1):
            same(src[:cut])


def test_all_files_as_one_long_source() -> None:
    # over 64 KiB: lexed with the GIL released
    src = b"\n".join(f.read_bytes() for f in c_files()) * 2
    assert len(src) > 1 << 16
    same(src)
    same(src[:-5] * 3)


# (source, the comment spans): one case per branch of the lexer, spans worked out by hand
EDGES = [
    (b"", []),
    (b"/", []),
    (b"/*", [(0, 2)]),
    (b"//", [(0, 2)]),
    (b"/*/", [(0, 3)]),  # the `*` of the opener does not close it
    (b"/**/", [(0, 4)]),
    (b"/***/x", [(0, 5)]),
    (b"a / b /= c", []),
    (b"x /* a */ y /* b", [(2, 9), (12, 16)]),  # the second runs to the end
    (b"x // a\ny", [(2, 6)]),
    (b"// a \\\n b\nc", [(0, 9)]),  # continued by a backslash-newline
    (b"// a \\\\\nb", [(0, 7)]),  # an escaped backslash continues nothing
    (b"// a \\\r\nb", [(0, 7)]),  # backslash-CR: the CR is escaped, the newline ends it
    (b"// a\\", [(0, 4)]),  # a last backslash takes no byte: left out
    (b"// a\\\\", [(0, 6)]),
    (b"// a \\\n\n// b", [(0, 7), (8, 12)]),
    (b'"/* s */" /* c */', [(10, 17)]),
    (b"'/' /* c */ '\"' // d", [(4, 11), (16, 20)]),
    (b'"a\\"/*" /* c */', [(8, 15)]),  # an escaped quote
    (b'"a\\\\" /* c */', [(6, 13)]),  # an escaped backslash closes nothing
    (b'"a\\\n/* s */" /* c */', [(13, 20)]),  # a string goes on over a backslash-newline
    (b'"open /* c */\n', [(6, 13)]),  # unterminated: the quote is a plain byte
    (b"'open /* c */", [(6, 13)]),
    (b'"a\\', []),  # ends inside an escape
    (b'"\\"\\"\\" /* c */', [(8, 15)]),
    (b"#define A /* k */\n/* c */", [(18, 25)]),
    (b"  \t# define A /* k */\n", []),  # indented directive
    (b"x # /* c */\n", [(4, 11)]),  # code before the `#`: not a directive
    (b"#define A \\\n /* k */\n/* c */", [(21, 28)]),  # a continued directive
    (b"#define A \\\r\n /* c */", [(14, 21)]),  # backslash-CR continues nothing
    (b"#define A /* k\n */ /* c */", [(19, 26)]),  # the directive ends at its line
    (b"#error don't /* k */\n/* c */", [(21, 28)]),  # a directive holds lone quotes
    (b"#x\\", []),
    (b"/* c */# k /* d */", [(0, 7), (11, 18)]),  # the `#` is not first on its line
    (b"// a \\\n# define /* c */", [(0, 23)]),  # the continued comment holds the `#` line
    (b"\"s\" \\\n# d /* k */\n", []),  # a line after a backslash-newline starts a line
    (b"\r# d /* c */", [(5, 12)]),  # CR is no line break
    (b"\0/* c */\0//\0\n", [(1, 8), (9, 12)]),  # NUL bytes are plain
    (b"\xff\xfe/* \xc3( */ '\xe2\x82' // \x80", [(2, 10), (16, 20)]),  # not UTF-8
]


@pytest.mark.parametrize("src,spans", EDGES, ids=[repr(e[0])[:40] for e in EDGES])
def test_edge_cases(src: bytes, spans: list[tuple[int, int]]) -> None:
    assert native().comment_spans(src) == spans
    same(src)


def test_a_long_line_of_escaped_quotes() -> None:
    # every quote's literal fails the same way (the native lexer scans each line once, not once per quote)
    for body in (b'"\\' * 1500, b"'\\" * 1500, b'"\\\'\\' * 700):
        same(body + b" /* c */\n" + body + b"\n/* d */")


def test_blank_comments_returns_its_argument_when_nothing_is_blanked() -> None:
    n = native()
    for src in (b"int a;\n", b'"//" "/*"\n', b"#define A /* k */\n", bytearray(b"x = 1; /* c */")[:6]):
        assert n.blank_comments(src) is src
    ba = bytearray(b"int a; /* c */\n")
    out = n.blank_comments(ba)
    assert out == b"int a;        \n" and type(out) is bytes
    assert n.comment_spans(ba) == C.comment_spans_py(ba) == [(7, 14)]


def test_buffers_and_references_are_released() -> None:
    n = native()
    ba = bytearray(b"a /* c */ b")
    for _ in range(3):
        n.comment_spans(ba)
        n.blank_comments(ba)
    ba.extend(b" more")  # a buffer still exported would refuse the resize (BufferError)
    src = b"no comment here" * 3
    before = sys.getrefcount(src)
    for _ in range(1000):
        n.blank_comments(src)
        n.comment_spans(src)
    assert sys.getrefcount(src) == before


def test_what_is_not_bytes_is_refused() -> None:
    n = native()
    for bad in ("/* str */", None, 3):
        for f in (n.comment_spans, n.blank_comments):
            with pytest.raises(TypeError):
                f(bad)


_PIECES = st.sampled_from([
    b"/*", b"*/", b"//", b"/", b"*", b'"', b"'", b"\\", b"\n", b"\r\n", b"\r", b"#", b" ", b"\t",
    b"\0", b"x", b"\xff", b"define", b"#define X ", b"\\\n", b"\\\r\n", b"\\\\", b"'\"'", b'"/*"',
    b"  #", b"\n#", b"\n  # if", b"/**/", b"*/*", b"//\\\n",
])


@settings(max_examples=4000, deadline=None)
@given(st.lists(_PIECES, max_size=60))
def test_random_token_soup(pieces: list[bytes]) -> None:
    same(b"".join(pieces))


@settings(max_examples=1000, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes(src: bytes) -> None:
    same(src)


@settings(max_examples=600, deadline=None)
@given(st.data())
def test_mutated_sample_files(data: st.DataObject) -> None:
    same(mutated_sample(data, _PIECES))
