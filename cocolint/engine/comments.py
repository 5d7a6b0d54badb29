"""Blank out C comments before matching: same byte offsets and lines, no comment nodes in the tree.

tree-sitter keeps comments as named nodes wherever they stand, so `foo(/* flags */ 0)`
would not be a one-argument call to an anchored query, and a comment at the end of a
block would break `{ ...; last(); }`.  Replacing each comment by spaces (newlines kept)
removes them from the tree while every node keeps its real position.

Comments on preprocessor lines are left alone: a directive's text is opaque to the
matcher anyway, and tree-sitter-c reads a whitespace-only macro body
(`#define debug(x) /* */` blanked) as running on into the next line.

What counts as a comment is defined by one left-to-right lexer (`_LEXEME`: directives,
string and character literals, comments; tests/test_comments.py holds it byte by byte).
Running a lexer over every byte costs 40% of tree-sitter's parse, so comments are found by
a search for `/*` and `//`, and the lexer runs only where that search could be wrong: when
a quote, apostrophe or `#` stands before the opener on its line.  The lexer is outside any
token at the start of a line unless the line before ends in a backslash, so it starts there
(or further back, over backslash-continued lines, or at the end of the previous comment).

The native module (cocolint/csrc/comments.c, built when a C compiler is at hand) runs that
lexer over every byte at about a tenth of the cost; `blank_comments` and `comment_spans` are
its functions then.  The Python functions (`*_py`) stay the reference and the fallback
(COCOLINT_PURE_PYTHON=1), and tests/test_native_comments.py holds the two equal.
"""

from __future__ import annotations

import re

from cocolint import accel, recache

# a directive: `#` first on its line (after blanks), to the end of the line and its continuations;
# group `indented` is set when blanks precede the `#` (the caller checks they are all that does)
_DIRECTIVE_BODY = rb"[^\n\\]*+(?:\\.[^\n\\]*+)*+"
# every alternative opens with a literal byte, so the regex engine skips to the next `#"'/` itself
_LEXEME = recache.compile(
    rb"#(?:(?<![^\n]\#)|(?<=[ \t]\#)(?P<indented>))" + _DIRECTIVE_BODY +  # a preprocessor directive
    rb'|"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"'                                  # a string literal
    rb"|'[^'\\\n]*+(?:\\.[^'\\\n]*+)*+'"                                  # a character literal
    rb"|/(?P<comment>\*.*?\*/|\*.*|/[^\\\n]*+(?:\\.[^\\\n]*+)*+)",       # a comment (block: to EOF if open)
    re.S,
)
_OPENER = recache.compile(rb"/[*/]")
_LINE_COMMENT = recache.compile(rb"//[^\\\n]*+(?:\\.[^\\\n]*+)*+", re.S)  # with its continuation lines
_BLANK = bytes(b if b == 0x0A else 0x20 for b in range(256))
Span = tuple[int, int]


def blank_comments_py(source: bytes) -> bytes:
    """source with every comment outside directives replaced by spaces (line breaks kept), same length."""
    if b"/*" not in source and b"//" not in source:
        return source
    spans = comment_spans_py(source)
    if not spans:
        return source
    out = bytearray(source)
    for s, e in spans:
        out[s:e] = source[s:e].translate(_BLANK)
    return bytes(out)


def comment_spans_py(source: bytes) -> list[Span]:
    """The comments of source outside directives, strings and character literals, in order."""
    spans: list[Span] = []
    n = len(source)
    pos = 0  # the lexer would start a token here: code, not inside anything
    closed_until = n  # no `*/` at or after this offset (known once a search for one failed)
    search, find, rfind = _OPENER.search, source.find, source.rfind
    while True:
        m = search(source, pos)
        if m is None:
            return spans
        o = m.start()
        # the lexer is outside any token at the start of o's line unless a line that ends in a
        # backslash carries one over (tokens other than block comments end at a newline)
        start = rfind(b"\n", pos, o) + 1
        while start > pos + 1 and source[start - 2] == 0x5C:
            start = rfind(b"\n", pos, start - 1) + 1
        if start < pos:
            start = pos
        if start < o and (find(b'"', start, o) >= 0 or find(b"'", start, o) >= 0 or find(b"#", start, o) >= 0):
            found = _lex_to_comment(source, start)  # a token may hide the opener: lex exactly
            if found is None:
                return spans
            spans.append(found)
            pos = found[1]
            continue
        if source[o + 1] == 0x2A:  # nothing before o on its line starts a token: a comment opens at o
            end = find(b"*/", o + 2) if o + 2 < closed_until else -1
            if end < 0:
                closed_until = min(closed_until, o + 2)
                end = n
            else:
                end += 2
        else:
            end = _LINE_COMMENT.match(source, o).end()
        spans.append((o, end))
        pos = end


def _lex_to_comment(source: bytes, pos: int) -> Span | None:
    """The first comment the lexer finds reading from pos (a position outside any token)."""
    while True:
        for m in _LEXEME.finditer(source, pos):
            if m.start("comment") >= 0:
                return m.span()
            if m.start("indented") >= 0:
                at = m.start()
                if source[source.rfind(b"\n", 0, at) + 1:at].strip(b" \t"):
                    pos = at + 1  # code before the `#` on its line: not a directive
                    break
        else:
            return None


blank_comments = accel.pick("blank_comments", blank_comments_py)  # same results, in C
comment_spans = accel.pick("comment_spans", comment_spans_py)
