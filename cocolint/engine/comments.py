"""Blank out C comments before matching: same byte offsets and lines, no comment nodes in the tree.

tree-sitter keeps comments as named nodes wherever they stand, so `foo(/* flags */ 0)`
would not be a one-argument call to an anchored query, and a comment at the end of a
block would break `{ ...; last(); }`.  Replacing each comment by spaces (newlines kept)
removes them from the tree while every node keeps its real position.

Comments on preprocessor lines are left alone: a directive's text is opaque to the
matcher anyway, and tree-sitter-c reads a whitespace-only macro body
(`#define debug(x) /* */` blanked) as running on into the next line.
"""

from __future__ import annotations

import re

# directives, string and character literals are matched so that what they contain is left alone
_LEXEMES = re.compile(
    rb'^[ \t]*#(?:[^\n\\]|\\.)*'          # a preprocessor directive, with its continuation lines
    rb'|"(?:[^"\\\n]|\\.)*"'               # a string literal
    rb"|'(?:[^'\\\n]|\\.)*'"               # a character literal
    rb'|/\*.*?(?:\*/|\Z)'                  # a block comment (to the end of the file if unterminated)
    rb'|//(?:[^\\\n]|\\.)*',               # a line comment, with its continuation lines
    re.S | re.M,
)
_NOT_NEWLINE = re.compile(rb"[^\n]")


def blank_comments(source: bytes) -> bytes:
    """source with every comment outside directives replaced by spaces (line breaks kept), same length."""
    if b"/*" not in source and b"//" not in source:
        return source
    out: bytearray | None = None
    for m in _LEXEMES.finditer(source):
        if source[m.start():m.start() + 1] == b"/":
            if out is None:
                out = bytearray(source)
            out[m.start():m.end()] = _NOT_NEWLINE.sub(b" ", m.group())
    return source if out is None else bytes(out)
