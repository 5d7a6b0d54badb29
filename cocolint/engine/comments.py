"""Blank out C comments before matching: same byte offsets and lines, no comment nodes in the tree.

tree-sitter keeps comments as named nodes wherever they stand, so `foo(/* flags */ 0)`
would not be a one-argument call to an anchored query, and a comment at the end of a
block would break `{ ...; last(); }`.  Replacing each comment by spaces (newlines kept)
removes them from the tree while every node keeps its real position.
"""

from __future__ import annotations

import re

# string and character literals are matched so that `"/*"` inside them is left alone
_LEXEMES = re.compile(rb'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|/\*.*?(?:\*/|\Z)|//(?:[^\\\n]|\\.)*', re.S)
_NOT_NEWLINE = re.compile(rb"[^\n]")


def _blank(m: re.Match[bytes]) -> bytes:
    text = m.group()
    return text if text[:1] in (b'"', b"'") else _NOT_NEWLINE.sub(b" ", text)


def blank_comments(source: bytes) -> bytes:
    """source with every comment replaced by spaces (line breaks kept), same length."""
    if b"/*" not in source and b"//" not in source:
        return source
    return _LEXEMES.sub(_blank, source)
