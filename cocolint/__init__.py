"""cocolint: a linter for Linux-kernel C that guards the confidential-computing hooks."""

__version__ = "0.1.0"
