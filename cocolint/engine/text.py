"""A file's bytes seen as lines and characters: 1-based positions that survive invalid UTF-8."""

from __future__ import annotations

import bisect

from cocolint import ts


class Text:
    """Line starts computed once; byte offsets turned into (line, character column)."""

    def __init__(self, source: bytes) -> None:
        self.source = source
        starts = [0]
        find = source.find
        pos = find(b"\n")
        while pos >= 0:
            starts.append(pos + 1)
            pos = find(b"\n", pos + 1)
        self.starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and 1-based column in characters (an invalid byte counts as one)."""
        row = bisect.bisect_right(self.starts, offset) - 1
        prefix = self.source[self.starts[row]:offset]
        return row + 1, len(prefix.decode("utf-8", "surrogateescape")) + 1

    def line(self, line: int) -> str:
        """The text of a 1-based line, without its line ending."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.source)
        return self.source[start:end].rstrip(b"\r\n").decode("utf-8", "replace")

    def snippet(self, node: ts.Node, limit: int | None = 80, comments: bool = True) -> str:
        """A node's text on one line, whitespace folded (and shortened for messages).

        With comments=False, comments inside the node are left out (for messages).
        """
        raw = self.source[node.start_byte:node.end_byte]
        if not comments:
            raw = _without_comments(raw, node)
        raw = raw.decode("utf-8", "replace")
        folded = " ".join(raw.split())
        if limit is not None and len(folded) > limit:
            folded = folded[: limit - 3] + "..."
        return folded


def _without_comments(raw: bytes, node: ts.Node) -> bytes:
    """raw (the bytes of node) with the comment nodes inside it replaced by a space."""
    spans = []
    stack = [node]
    while stack:
        cur = stack.pop()
        if cur.type == "comment":
            spans.append((cur.start_byte, cur.end_byte))
        else:
            stack.extend(cur.children)
    if not spans:
        return raw
    out, pos = [], node.start_byte
    for start, end in sorted(spans):
        out.append(raw[pos - node.start_byte:start - node.start_byte])
        out.append(b" ")
        pos = end
    out.append(raw[pos - node.start_byte:])
    return b"".join(out)
