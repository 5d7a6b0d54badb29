"""The one boundary around py-tree-sitter: the C language, parsing and running queries."""

from __future__ import annotations

import os
from typing import Iterable

from tree_sitter import Language, Node, Parser, Query, QueryCursor, Range, Tree

__all__ = [
    "C_LANGUAGE", "Node", "Tree", "Query", "QueryError",
    "parse", "parse_ranges", "compile_query", "matches",
]


def _c_binding():  # type: ignore[no-untyped-def]
    """tree_sitter_c's compiled grammar, without its package __init__ when possible.

    The package imports importlib.resources (and with it tempfile, shutil, zlib, bz2, lzma,
    random) for query files cocolint never reads: several milliseconds on every start.
    """
    import importlib.machinery as machinery

    try:
        spec = machinery.PathFinder.find_spec("tree_sitter_c")
        for folder in (spec.submodule_search_locations or []) if spec else []:
            for suffix in machinery.EXTENSION_SUFFIXES:
                path = os.path.join(folder, "_binding" + suffix)
                if os.path.exists(path):
                    loader = machinery.ExtensionFileLoader("tree_sitter_c._binding", path)
                    binding = loader.create_module(machinery.ModuleSpec(loader.name, loader, origin=path))
                    loader.exec_module(binding)
                    return binding
    except (ImportError, OSError, AttributeError):
        pass
    import tree_sitter_c

    return tree_sitter_c


C_LANGUAGE = Language(_c_binding().language())

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
    import importlib.machinery as machinery

    import tree_sitter

    grammar = machinery.PathFinder.find_spec("tree_sitter_c")
    parts = []
    for file in (tree_sitter.__file__, grammar.origin if grammar is not None else None):
        st = os.stat(file or ".")
        parts.append(f"{st.st_size:x}{int(st.st_mtime):x}")
    return "-".join(parts)
