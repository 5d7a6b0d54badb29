"""Where cocolint keeps its caches (~/.cache/cocolint, XDG_CACHE_HOME respected), and how stale entries go."""

from __future__ import annotations

import os
import time

# an entry no run has written for this long belongs to a cocolint, Python or tree-sitter build
# (or a rule file version) no longer in use; if it is in use after all, it is rebuilt once
STALE_SECONDS = 30 * 24 * 3600
_pruned: set[tuple[str, str, str]] = set()  # (directory, prefix, suffix) store() pruned in this process


def path(*parts: str) -> str:
    """A path under cocolint's cache directory."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "cocolint", *parts)


def prune(directory: str, keep: str, prefix: str = "", suffix: str = "", now: float | None = None) -> int:
    """Remove the files of directory named prefix...suffix, other than keep, last written over
    STALE_SECONDS ago; how many went (failures are ignored).

    Cache files are keyed by build, so every fresh install or upgrade starts new ones: the writers
    call this when they create a file, and a cache directory does not grow without bound.
    """
    now = time.time() if now is None else now
    kept = os.path.basename(keep)
    removed = 0
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                name = entry.name
                if name == kept or not name.startswith(prefix) or not name.endswith(suffix):
                    continue
                try:
                    if entry.is_file(follow_symlinks=False) \
                            and now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS:
                        os.unlink(entry.path)
                        removed += 1
                except OSError:
                    continue
    except OSError:
        return removed
    return removed


def store(path: str, data: bytes, prefix: str = "", suffix: str = "") -> None:
    """Write a cache file whole (a temporary file renamed over it); when it is new, other builds'
    stale files beside it named prefix...suffix go (prune; once per directory and process: a run that
    stores many new entries, such as every rule's after an upgrade, scans a big directory once).
    Failures are ignored: a cache that cannot be written is only a miss next time."""
    directory = os.path.dirname(path)
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(directory, exist_ok=True)
        if not os.path.exists(path) and (directory, prefix, suffix) not in _pruned:
            _pruned.add((directory, prefix, suffix))
            prune(directory, path, prefix, suffix)
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
