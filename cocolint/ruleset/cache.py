"""A cache of compiled rules, so a check does not re-parse every rule's TOML and patterns on each start.

A rule file's compiled form depends only on its bytes, its path (the id must match the
file name; the path is shown in findings), and the code that validates and compiles it.
The key is a hash of all three: the file's content and path, cocolint's version and the
size and mtime of the modules that compile rules, and the tree-sitter build.  A file that
failed validation is never stored, so a broken rule always gives its error again.  The
cache lives under ~/.cache/cocolint (XDG_CACHE_HOME respected); an unreadable, corrupt or
unwritable entry means the rule is simply compiled; COCOLINT_NO_RULE_CACHE turns it off.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

try:  # the C unpickler pickle.loads is: without importing pickle.py and its Python pickler (start-up time)
    from _pickle import Unpickler
except ImportError:  # pragma: no cover - Pythons without the accelerator
    from pickle import Unpickler

from cocolint import cachedir
from cocolint.hashes import sha256

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Any

_STAMP: str | None = None
_FORMAT = b"cocolint-rule-cache-1"


def _stamp() -> str:
    """What the compiled form of a rule depends on besides the file itself."""
    global _STAMP
    if _STAMP is None:
        from cocolint import __version__, ts

        here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # stat follows links anyway
        parts = [__version__, ts.build_id()]
        for sub in ("ruleset", "pattern"):
            with os.scandir(os.path.join(here, sub)) as entries:
                for entry in sorted(entries, key=lambda e: e.name):
                    if entry.name.endswith(".py"):
                        st = entry.stat()
                        parts.append(f"{entry.name}:{st.st_size}:{st.st_mtime_ns}")
        st = os.stat(os.path.join(here, "ts.py"))
        parts.append(f"ts.py:{st.st_size}:{st.st_mtime_ns}")
        _STAMP = "|".join(parts)
    return _STAMP


class _RuleUnpickler(Unpickler):
    """Rebuilds a stored rule; its regexes (`functions`, `not-functions`) come from cocolint/recache.py's cache.

    A pickled re.Pattern is a call of re._compile(pattern, flags), which runs CPython's regex
    compiler (~0.4 ms for a rule's function-name regex); recache.compile returns an equal pattern.
    """

    def find_class(self, module: str, name: str) -> Any:
        if module == "re" and name == "_compile":
            from cocolint import recache

            return recache.compile
        return super().find_class(module, name)


def _loads(data: bytes) -> Any:
    return _RuleUnpickler(io.BytesIO(data)).load()


def _dir() -> Path:
    return Path(cachedir.path("rules"))


def cache_key(shown: str, raw: bytes) -> str | None:
    """The cache key for a rule file with these bytes, or None when the cache is off."""
    if os.environ.get("COCOLINT_NO_RULE_CACHE"):
        return None
    try:
        h = sha256(_FORMAT)
        h.update(_stamp().encode())
        h.update(b"\0" + os.fsencode(shown) + b"\0")
        h.update(raw)
        return h.hexdigest()[:40]
    except (OSError, ValueError):
        return None


def load_cached(k: str | None) -> Any | None:
    """The compiled rule stored under k, or None (missing, unreadable, corrupt)."""
    if k is None:
        return None
    try:
        data = (_dir() / k).read_bytes()
        if not data.startswith(_FORMAT):
            return None
        return _loads(data[len(_FORMAT):])
    except Exception:  # a corrupt or foreign entry is a miss, whatever pickle raises
        return None


def store_cached(k: str | None, rule: Any) -> None:
    """Store a rule that just compiled (atomically; failures are ignored)."""
    if k is None:
        return
    import pickle  # a cache miss only

    try:
        data = _FORMAT + pickle.dumps(rule, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # a rule pickle cannot write is compiled again next time
        return
    # a new entry: those of rule file versions and builds no longer in use go
    cachedir.store(str(_dir() / k), data)
