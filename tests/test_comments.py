"""The comment blanker: same output as one plain left-to-right lexer, on tricky input and on random input.

Each test runs the Python implementation (the reference and the fallback) and the one the engine
uses (the native lexer when it is built; tests/test_native_comments.py compares the two).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from cocolint.engine import comments as C

IMPLEMENTATIONS = [pytest.param((C.blank_comments_py, C.comment_spans_py), id="python")]
if C.blank_comments is not C.blank_comments_py:
    IMPLEMENTATIONS.append(pytest.param((C.blank_comments, C.comment_spans), id="native"))
both = pytest.mark.parametrize("impl", IMPLEMENTATIONS)

# The reference: the lexer the blanker is defined by, run over every byte (the implementation
# before the fast search; slow, obviously right).
_REFERENCE = re.compile(
    rb'^[ \t]*#(?:[^\n\\]|\\.)*'
    rb'|"(?:[^"\\\n]|\\.)*"'
    rb"|'(?:[^'\\\n]|\\.)*'"
    rb'|/\*.*?(?:\*/|\Z)'
    rb'|//(?:[^\\\n]|\\.)*',
    re.S | re.M,
)


def reference(source: bytes) -> bytes:
    out = bytearray(source)
    for m in _REFERENCE.finditer(source):
        if source[m.start():m.start() + 1] == b"/":
            out[m.start():m.end()] = re.sub(rb"[^\n]", b" ", m.group())
    return bytes(out)


TRICKY = [
    b'x = "/* not a comment */"; /* one */\n',
    b'p = "http://example.org"; // two\n',
    b"c = '/'; d = '\"'; /* three */ e = '\\''; // four\n",
    b'#define A "/*" /* on a directive: kept */\nint a; /* blanked */\n',
    b'#define B(x) \\\n\tdo { x; } /* kept */ \\\n\twhile (0)\nint b; // blanked\n',
    b"// a line comment \\\ncontinued here\nint c;\n",
    b"// CRLF is no continuation for the lexer \\\r\nint d;\r\n/* crlf\r\n comment */\r\n",
    b"int e; /* never closed\nint f;\n",
    b"int g; /* a */ /* b */ // c\n/**/ /***/ /*/ still open */ x /* y **/\n",
    b'  # define INDENTED 1 /* kept */\nx /* z */ # not a directive /* blanked */\n',
    b's = "a\\\nb /* inside the string */"; /* after */\n',
    b"#if 0 // kept\n#endif\n'/*' /* real */\n",
    b"a = b / c; d = e /f; /* g */\n",
    b'#error don\'t /* kept */\nx = "unterminated /* real comment */\n',
    b"#define X 1 /* opens on a directive\n   and goes on */ y // blanked\n",
    b"\\\n/* after a lone backslash line */ z;\n",
    b'"\\\n" /* q */\n',
    b"",
    b"/",
    b"//",
    b"/*",
    b"#",
]


@both
def test_tricky_inputs_match_the_reference(impl) -> None:
    blank_comments, _ = impl
    for src in TRICKY:
        assert blank_comments(src) == reference(src), src


@both
def test_blanking_keeps_length_and_every_newline(impl) -> None:
    blank_comments, _ = impl
    for src in TRICKY:
        out = blank_comments(src)
        assert len(out) == len(src)
        assert [i for i, c in enumerate(out) if c == 0x0A] == [i for i, c in enumerate(src) if c == 0x0A]


@both
def test_what_is_blanked_and_what_is_not(impl) -> None:
    blank_comments, comment_spans = impl
    src = b'#define A "/*" /* kept */\nx = "/* str */"; /* gone */ y = 1; // gone too\n'
    out = blank_comments(src)
    assert b"/* kept */" in out and b'"/* str */"' in out
    assert b"gone" not in out and out.count(b"\n") == 2
    assert comment_spans(src) == [(src.index(b"/* gone"), src.index(b" y = 1")),
                                  (src.index(b"// gone"), len(src) - 1)]


_PIECES = st.sampled_from([
    b"/*", b"*/", b"//", b"/", b"*", b'"', b"'", b"\\", b"\n", b"\r\n", b"\r", b"#", b" ", b"\t",
    b"x", b"define", b"#define X ", b"\\\n", b"'\"'", b'"/*"', b"  #", b"\n#",
])


@settings(max_examples=3000, deadline=None)
@given(st.lists(_PIECES, max_size=40))
@both
def test_random_token_soup_matches_the_reference(impl, pieces: list[bytes]) -> None:
    blank_comments, _ = impl
    src = b"".join(pieces)
    assert blank_comments(src) == reference(src)


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=200))
@both
def test_random_bytes_match_the_reference(impl, src: bytes) -> None:
    blank_comments, _ = impl
    assert blank_comments(src) == reference(src)
