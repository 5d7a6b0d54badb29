"""Kernel C that tree-sitter can read: offset-preserving normalisation, conditionals, macro bodies, parse health."""
