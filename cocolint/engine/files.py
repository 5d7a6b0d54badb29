"""Find the files to check: explicit files as given, directories walked (git-aware), .c/.h by default."""

from __future__ import annotations

import os
from pathlib import Path

from cocolint.record import dataclass

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Iterator

DEFAULT_SUFFIXES = (".c", ".h")


@dataclass(frozen=True)
class Discovered:
    """A path to check, or a path that could not be walked (with the reason)."""

    path: Path
    error: str | None = None


def discover(paths: list[Path], suffixes: tuple[str, ...] = DEFAULT_SUFFIXES) -> Iterator[Discovered]:
    """Yield files in a stable order; a named file is checked whatever its suffix."""
    from cocolint.engine.walk import walk  # the one walker (strings, fast); this is its Path view

    for path, error in walk(paths, suffixes):
        yield Discovered(Path(path), error)


def _git_files(root: Path, suffixes: tuple[str, ...]) -> list[Path] | None:
    """Tracked and untracked-but-not-ignored files, if root is inside a git work tree."""
    import subprocess  # a directory walk only: checking named files never starts git

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
    import subprocess

    try:
        return subprocess.run(["git", "-C", str(root), "check-ignore", "-q", "."],
                              capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False
