"""The pattern compiler: C snippets with metavariables, compiled to tree-sitter queries."""

from cocolint.pattern.model import CompiledPattern, PatternError

__all__ = ["CompiledPattern", "PatternError", "compile_pattern", "compile_raw_query"]


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    """The compiler loads on first use: checking with cached rules never needs it (start-up time)."""
    if name in ("compile_pattern", "compile_raw_query"):
        from cocolint.pattern import compiler

        return getattr(compiler, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
