"""Where CI systems want findings: paths relative to the repository root (git top level, else the cwd)."""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path
from urllib.parse import quote


def source_root(cwd: str | None = None) -> Path:
    """The git work tree's top level around cwd, or cwd itself outside git (symlinks resolved)."""
    return _source_root(str(Path(cwd or Path.cwd()).resolve()))


@functools.lru_cache(maxsize=8)
def _source_root(cwd: str) -> Path:
    here = Path(cwd)
    try:
        out = subprocess.run(["git", "-C", str(here), "rev-parse", "--show-toplevel"],
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return here
    top = out.stdout.strip()
    return Path(top).resolve() if out.returncode == 0 and top else here


def repo_relative(path: str, root: Path) -> str | None:
    """path relative to root (posix, symlinks resolved), or None if it lies outside root."""
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except (ValueError, OSError):
        return None


def artifact_location(path: str, root: Path, base_id: str) -> dict[str, str]:
    """A SARIF artifactLocation: a relative URI with uriBaseId, or an absolute file URI outside root."""
    rel = repo_relative(path, root)
    if rel is None:
        return {"uri": Path(path).resolve().as_uri()}
    return {"uri": quote(rel, safe="/"), "uriBaseId": base_id}


def annotation_path(path: str, root: Path) -> str:
    """The path GitHub annotations name: repository-relative when possible, else as given."""
    return repo_relative(path, root) or path
