"""The one boundary around py-tree-sitter: the C language, parsing and running queries."""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Iterable

__all__ = [
    "C_LANGUAGE", "Node", "Tree", "Query", "QueryError",
    "parse", "parse_ranges", "compile_query", "matches", "pattern_starts",
]


def _binding(package: str):  # type: ignore[no-untyped-def]
    """package's compiled `_binding` module, without running the package's __init__ when possible.

    tree_sitter_c's __init__ imports importlib.resources (and with it tempfile, shutil, zlib,
    bz2, lzma, random) for query files cocolint never reads, and tree_sitter's imports typing
    for one Protocol: several milliseconds on every start.  The module is registered under its
    own name, so a later `import tree_sitter` finds the same one.
    """
    import importlib.machinery as machinery
    import sys

    name = package + "._binding"
    if name in sys.modules:
        return sys.modules[name]
    try:
        spec = machinery.PathFinder.find_spec(package)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            for suffix in machinery.EXTENSION_SUFFIXES:
                path = os.path.join(folder, "_binding" + suffix)
                if os.path.exists(path):
                    loader = machinery.ExtensionFileLoader(name, path)
                    binding = loader.create_module(machinery.ModuleSpec(name, loader, origin=path))
                    loader.exec_module(binding)
                    sys.modules[name] = binding
                    return binding
    except (ImportError, OSError, AttributeError):
        pass
    import importlib

    return importlib.import_module(package)


if TYPE_CHECKING:
    from tree_sitter import Language, Node, Parser, Query, QueryCursor, Range, Tree
else:
    _ts = _binding("tree_sitter")
    Language, Node, Parser, Query, QueryCursor, Range, Tree = (
        _ts.Language, _ts.Node, _ts.Parser, _ts.Query, _ts.QueryCursor, _ts.Range, _ts.Tree)

C_LANGUAGE = Language(_binding("tree_sitter_c").language())

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


def pattern_starts(query: Query) -> list[int]:
    """Where each of the query's patterns starts in its text (a byte offset)."""
    return [query.start_byte_for_pattern(i) for i in range(query.pattern_count)]


def matches(query: Query, node: Node) -> list[tuple[int, dict[str, list[Node]]]]:
    """All matches of query under node: (pattern index, captures by name)."""
    return QueryCursor(query).matches(node)


def build_id() -> str:
    """Identifies the installed tree-sitter and grammar builds (size and mtime of their binaries)."""
    import importlib.machinery as machinery

    library = machinery.PathFinder.find_spec("tree_sitter")  # the package's __init__.py, not imported
    grammar = machinery.PathFinder.find_spec("tree_sitter_c")
    parts = []
    for file in (library.origin if library is not None else None, grammar.origin if grammar is not None else None):
        st = os.stat(file or ".")
        parts.append(f"{st.st_size:x}{int(st.st_mtime):x}")
    return "-".join(parts)
