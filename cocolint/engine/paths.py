"""Path globs for rule scopes, and the root a path is shown relative to."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from cocolint import recache

ROOT_MARKERS = (".cocolint.toml", ".git", "MAINTAINERS")


def glob_regex(glob: str) -> re.Pattern[str]:
    """Compile a glob where `**` crosses directories and `*`, `?` stay within one."""
    return _any_of((glob,))


@functools.lru_cache(maxsize=1024)
def _any_of(globs: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for a list of globs: a tree audit asks every rule's scope about every file."""
    return recache.compile("(?:" + "|".join(map(_glob_source, globs)) + r")\Z")


def _glob_source(glob: str) -> str:
    out, i = [], 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return "".join(out)


def matches_any(path: str, globs: tuple[str, ...] | list[str]) -> bool:
    """True if the root-relative path matches one of the globs."""
    return bool(globs) and _any_of(tuple(globs)).match(path) is not None


@functools.lru_cache(maxsize=16384)
def find_root(directory: Path) -> Path | None:
    """The nearest directory at or above directory holding a root marker."""
    if any((directory / m).exists() for m in ROOT_MARKERS):
        return directory
    parent = directory.parent
    return None if parent == directory else find_root(parent)  # parents' answers are cached too


def scope_path(path: Path) -> str:
    """The path rule scopes see: relative to the tree's root (posix separators)."""
    name = str(path)
    if os.sep != "/" or "/../" in name or name.startswith("../") or name.endswith("/.."):
        return _scope_path(path)
    # what Path.absolute() and relative_to() give, in string work (a tree audit asks once per file)
    absolute = name if name.startswith("/") else os.path.join(os.getcwd(), name)
    folder, _, _ = absolute.rpartition("/")
    prefix = _ROOT_PREFIX.get(folder)
    if prefix is None:
        if len(_ROOT_PREFIX) > 20_000:
            _ROOT_PREFIX.clear()
        root = find_root(Path(folder or "/"))
        prefix = _ROOT_PREFIX[folder] = "/" if root is None else root.as_posix().rstrip("/") + "/"
    return absolute[len(prefix):] if prefix != "/" else absolute.lstrip("/")


_ROOT_PREFIX: dict[str, str] = {}  # a file's folder -> its tree root and a slash ("/": no root)


def _scope_path(path: Path) -> str:
    absolute = path.absolute()
    root = find_root(absolute.parent)
    if root is None:
        return absolute.as_posix().lstrip("/")
    return absolute.relative_to(root).as_posix()
