"""Fast file discovery for whole trees: the same files and order as engine/files.py, as plain strings.

pathlib objects cost microseconds each to build and hash; over 55,000 kernel files that is
seconds of a run whose real work is a few substring tests per file.  The rules are the
same: a named file is checked whatever its suffix, a directory is listed by `git ls-files`
inside a git work tree (so what git ignores is skipped) and walked with os.scandir
otherwise, symlink loops are walked once, and a path that does not exist is reported.
"""

from __future__ import annotations

import os
from pathlib import Path

from cocolint.engine.files import DEFAULT_SUFFIXES, _git_files

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Iterable, Iterator

Found = tuple[str, "str | None"]  # (path as shown, error)


def walk(paths: Iterable[Path], suffixes: tuple[str, ...] = DEFAULT_SUFFIXES,
         regular: set[str] | None = None) -> Iterator[Found]:
    """Yield (path, None) for each file to check and (path, reason) for what cannot be walked.

    If regular is given, the paths that the directory walk saw to be regular files (from the
    directory entry's type, no stat) are added to it.
    """
    seen: set[str] = set()
    for p in paths:
        root = Path(p).as_posix()
        if os.path.isdir(root):
            for found in _directory(root, suffixes, regular):
                if found[1] is not None or found[0] not in seen:
                    seen.add(found[0])
                    yield found
        elif os.path.lexists(root):
            if root not in seen:
                seen.add(root)
                yield root, None
        else:
            yield root, "no such file or directory"


def _directory(root: str, suffixes: tuple[str, ...], regular: set[str] | None) -> Iterator[Found]:
    listed = _git_files(Path(root), suffixes)
    if listed is not None:
        for p in listed:
            yield p.as_posix(), None
        return
    yield from _scandir(root, suffixes, regular)


def _scandir(root: str, suffixes: tuple[str, ...], regular: set[str] | None = None) -> Iterator[Found]:
    stack = [root]
    visited: set[tuple[int, int]] = set()
    while stack:
        d = stack.pop()
        try:
            st = os.stat(d)
            if (st.st_dev, st.st_ino) in visited:
                continue  # a symlink loop, or a directory linked twice
            visited.add((st.st_dev, st.st_ino))
            with os.scandir(d) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield d, f"cannot read directory: {exc.strerror or exc}"
            continue
        subdirs = []
        for e in entries:
            if e.name == ".git":
                continue
            try:
                is_dir = e.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                subdirs.append(e.path)
            elif e.name.endswith(suffixes):
                if regular is not None and e.is_file(follow_symlinks=False):
                    regular.add(e.path)
                yield e.path, None
        stack.extend(reversed(subdirs))
