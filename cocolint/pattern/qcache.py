"""Remember which generated queries tree-sitter already accepted, so loading rules does not recompile them.

tree-sitter analyses a query when it compiles it, and the commutative and parenthesised
alternatives the pattern compiler generates make that cost up to a tenth of a second per
pattern.  A query text that compiled once with this grammar and library version compiles
again, so `check` only needs to validate new or changed patterns; the engine compiles
what a file needs when it needs it.  The cache is a plain set of hashes in the user's cache
directory; when it cannot be read or written, every query is simply compiled.
"""

from __future__ import annotations

import os
from pathlib import Path

from cocolint import cachedir, ts
from cocolint.hashes import sha256

_known: set[str] | None = None
_added: set[str] = set()


def _file() -> Path:
    return Path(cachedir.path(f"queries-ok-{ts.build_id()}.txt"))


def _key(query: str) -> str:
    return sha256(query.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def known_good(query: str) -> bool:
    """True if this exact query text compiled before with the installed tree-sitter versions."""
    global _known
    if os.environ.get("COCOLINT_NO_QUERY_CACHE"):
        return False
    if _known is None:
        try:
            _known = set(_file().read_text(encoding="ascii").split())
        except (OSError, ValueError):
            _known = set()
    return _key(query) in _known


def remember(query: str) -> None:
    """Record a query that just compiled (appended to the cache file; failures are ignored)."""
    key = _key(query)
    if _known is not None and key in _known or key in _added:
        return
    _added.add(key)
    if os.environ.get("COCOLINT_NO_QUERY_CACHE"):
        return
    try:
        path = _file()
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():  # a new build's file: other builds' stale ones go
            cachedir.prune(str(path.parent), str(path), prefix="queries-ok-", suffix=".txt")
        with open(path, "a", encoding="ascii") as f:
            f.write(key + "\n")
    except OSError:
        pass
