"""The pattern compiler: C snippets with metavariables, compiled to tree-sitter queries."""

from cocolint.pattern.compiler import CompiledPattern, PatternError, compile_pattern, compile_raw_query

__all__ = ["CompiledPattern", "PatternError", "compile_pattern", "compile_raw_query"]
