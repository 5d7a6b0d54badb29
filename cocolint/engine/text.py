"""A file's bytes seen as lines and characters: 1-based positions that survive invalid UTF-8."""

from __future__ import annotations

import bisect
import itertools

from cocolint import ts


class Text:
    """Line starts computed once, on first use; byte offsets turned into (line, character column)."""

    def __init__(self, source: bytes, code: bytes | None = None) -> None:
        self.source = source
        self.code = source if code is None else code  # the same bytes with comments blanked
        self._starts: list[int] | None = None  # most files have no finding: no need to find their lines

    @property
    def starts(self) -> list[int]:
        """The byte offset at which each line starts."""
        if self._starts is None:  # after each newline: the running sum of the lines' lengths
            self._starts = list(itertools.accumulate((len(line) + 1 for line in self.source.split(b"\n")[:-1]),
                                                     initial=0))
        return self._starts

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

        With comments=False the text comes from the code view (comments blanked), for messages.
        """
        view = self.source if comments else self.code
        raw = view[node.start_byte:node.end_byte].decode("utf-8", "replace")
        folded = " ".join(raw.split())
        if limit is not None and len(folded) > limit:
            folded = folded[: limit - 3] + "..."
        return folded
