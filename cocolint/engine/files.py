"""Find the files to check: explicit files as given, directories walked (git-aware), .c/.h by default."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

DEFAULT_SUFFIXES = (".c", ".h")


@dataclass(frozen=True)
class Discovered:
    """A path to check, or a path that could not be walked (with the reason)."""

    path: Path
    error: str | None = None


def discover(paths: list[Path], suffixes: tuple[str, ...] = DEFAULT_SUFFIXES) -> Iterator[Discovered]:
    """Yield files in a stable order; a named file is checked whatever its suffix."""
    seen: set[Path] = set()
    for p in paths:
        if p.is_dir():
            yield from (d for d in _walk(p, suffixes) if d.path not in seen and not seen.add(d.path))
        elif p.exists() or p.is_symlink():
            if p not in seen:
                seen.add(p)
                yield Discovered(p)
        else:
            yield Discovered(p, "no such file or directory")


def _walk(root: Path, suffixes: tuple[str, ...]) -> Iterator[Discovered]:
    listed = _git_files(root, suffixes)
    if listed is not None:
        yield from (Discovered(p) for p in listed)
        return
    yield from _scandir(root, suffixes)


def _git_files(root: Path, suffixes: tuple[str, ...]) -> list[Path] | None:
    """Tracked and untracked-but-not-ignored files, if root is inside a git work tree."""
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."],
            capture_output=True, check=True, timeout=120,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    names = sorted({n for n in out.decode("utf-8", "surrogateescape").split("\0") if n.endswith(suffixes)})
    if not names and _git_ignores(root):
        return None  # a directory named on purpose is checked even if git ignores it: walk it
    return [root / n for n in names if os.path.lexists(root / n)]


def _git_ignores(root: Path) -> bool:
    try:
        return subprocess.run(["git", "-C", str(root), "check-ignore", "-q", "."],
                              capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _scandir(root: Path, suffixes: tuple[str, ...]) -> Iterator[Discovered]:
    stack = [root]
    visited: set[tuple[int, int]] = set()
    while stack:
        d = stack.pop()
        try:
            st = d.stat()
            if (st.st_dev, st.st_ino) in visited:
                continue  # a symlink loop
            visited.add((st.st_dev, st.st_ino))
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as exc:
            yield Discovered(d, f"cannot read directory: {exc.strerror or exc}")
            continue
        subdirs = []
        for e in entries:
            if e.name.startswith(".git") and e.name in (".git",):
                continue
            try:
                is_dir = e.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                subdirs.append(Path(e.path))
            elif e.name.endswith(suffixes):
                yield Discovered(Path(e.path))
        stack.extend(reversed(subdirs))
