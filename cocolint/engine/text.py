"""A file's bytes seen as lines and characters: 1-based positions that survive invalid UTF-8."""

from __future__ import annotations

import bisect
import itertools

from cocolint import ts


# lookups per file answered by searching the bytes before the list of line starts is built
_SEARCHED_LOOKUPS = 8


class Text:
    """Line starts computed once, on first use; byte offsets turned into (line, character column)."""

    def __init__(self, source: bytes, code: bytes | None = None) -> None:
        self.source = source
        self.code = source if code is None else code  # the same bytes with comments blanked
        self._starts: list[int] | None = None  # most files have no finding: no need to find their lines
        self._asked = 0  # lookups answered by searching the bytes (few findings: no list of every line)
        self._last = (-1, 0)  # the (0-based row, start) of the line the last searched lookup found

    @property
    def starts(self) -> list[int]:
        """The byte offset at which each line starts."""
        if self._starts is None:  # after each newline: the running sum of the lines' lengths
            self._starts = list(itertools.accumulate((len(line) + 1 for line in self.source.split(b"\n")[:-1]),
                                                     initial=0))
        return self._starts

    def _searched(self) -> bool:
        """Whether to answer position() by searching the bytes (memchr speed) rather than from the list
        of every line start, which costs a pass in Python over every line: the first few lookups of a
        file (most files with findings have a handful).  line() then reads the line position() found."""
        if self._starts is not None or self._asked >= _SEARCHED_LOOKUPS:
            return False
        self._asked += 1
        return True

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and 1-based column in characters (an invalid byte counts as one)."""
        if self._searched():
            row = self.source.count(b"\n", 0, offset)
            start = self.source.rfind(b"\n", 0, offset) + 1
            self._last = (row, start)
        else:
            row = bisect.bisect_right(self.starts, offset) - 1
            start = self.starts[row]
        prefix = self.source[start:offset]
        return row + 1, len(prefix.decode("utf-8", "surrogateescape")) + 1

    def line(self, line: int) -> str:
        """The text of a 1-based line, without its line ending."""
        if self._starts is None and self._last[0] == line - 1:  # the line position() just found
            start = self._last[1]
            end = self.source.find(b"\n", start)
            end = len(self.source) if end < 0 else end + 1
        else:
            start = self.starts[line - 1]
            end = self.starts[line] if line < len(self.starts) else len(self.source)
        return self.source[start:end].rstrip(b"\r\n").decode("utf-8", "replace")

    def snippet(self, node: ts.Node, limit: int | None = 80, comments: bool = True) -> str:
        """A node's text on one line, whitespace folded (and shortened for messages).

        With comments=False the text comes from the code view (comments blanked), for messages.
        """
        view = self.source if comments else self.code
        raw = view[node.start_byte:node.end_byte].decode("utf-8", "replace")
        folded = " ".join(raw.split())
        if limit is not None and len(folded) > limit:
            folded = folded[: limit - 3] + "..."
        return folded
