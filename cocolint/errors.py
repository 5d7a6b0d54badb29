"""Errors a user can act on: each renders as one line naming the file (and line when known)."""

from __future__ import annotations


class CocolintError(Exception):
    """A problem with the user's input, rules or config; exit status 2, never a traceback."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"
