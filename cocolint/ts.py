"""The one boundary around py-tree-sitter: the C language, parsing and running queries."""

from __future__ import annotations

from typing import Iterable

import tree_sitter_c
from tree_sitter import Language, Node, Parser, Query, QueryCursor, Range, Tree

__all__ = [
    "C_LANGUAGE", "Node", "Tree", "Query", "QueryError",
    "parse", "parse_ranges", "compile_query", "matches",
]

C_LANGUAGE = Language(tree_sitter_c.language())

_parser = Parser(C_LANGUAGE)


class QueryError(ValueError):
    """A tree-sitter query that does not compile."""


def parse(source: bytes, suffix: bytes = b"") -> Tree:
    """Parse a whole C file (with a suffix: as if it were appended; no offset in source moves)."""
    _parser.included_ranges = []
    return _parser.parse(source + suffix if suffix else source)


def parse_ranges(source: bytes, spans: Iterable[tuple[int, int]]) -> Tree:
    """Parse only the given byte spans of source; nodes keep their real offsets."""
    ranges = []
    for start, end in spans:
        sp = _point_at(source, start)
        ep = _point_at(source, end)
        ranges.append(Range(sp, ep, start, end))
    _parser.included_ranges = ranges
    try:
        return _parser.parse(source)
    finally:
        _parser.included_ranges = []


def _point_at(source: bytes, offset: int) -> tuple[int, int]:
    row = source.count(b"\n", 0, offset)
    col = offset - (source.rfind(b"\n", 0, offset) + 1)
    return (row, col)


def compile_query(text: str) -> Query:
    """Compile query text for C; raise QueryError with tree-sitter's reason."""
    try:
        return Query(C_LANGUAGE, text)
    except Exception as exc:  # tree_sitter.QueryError moved between releases
        raise QueryError(str(exc)) from None


def matches(query: Query, node: Node) -> list[tuple[int, dict[str, list[Node]]]]:
    """All matches of query under node: (pattern index, captures by name)."""
    return QueryCursor(query).matches(node)


def build_id() -> str:
    """Identifies the installed tree-sitter and grammar builds (size and mtime of their binaries)."""
    import os
    import tree_sitter

    parts = []
    for mod in (tree_sitter, tree_sitter_c):
        st = os.stat(mod.__file__ or ".")
        parts.append(f"{st.st_size:x}{int(st.st_mtime):x}")
    return "-".join(parts)
