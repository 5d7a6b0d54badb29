"""Compiled regular expressions kept across runs: what the regex compiler made for a pattern is read back, not redone.

CPython compiles a pattern in Python code (parse, then code generation) and hands the result
to `_sre.compile`; for the ~60 patterns of a one-file check that is ~10 ms of every start.
Here the arguments of that last call are stored (marshal, ~/.cache/cocolint/regex, one file
per Python build), and the next run calls `_sre.compile` with them directly.  An entry is
stored only when the pattern it builds compares equal to `re.compile`'s (same flags, pattern
and code) with the same groups, and the file is keyed by the exact Python version and regex
engine; anything unexpected (another Python, a corrupt file, internals that differ) falls
back to `re.compile`.  COCOLINT_NO_RULE_CACHE turns this cache off too.
"""

from __future__ import annotations

import marshal
import os
import re
import sys

from cocolint import cachedir

try:  # CPython's regex compiler (3.11+); elsewhere every pattern goes through re.compile
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - other implementations
    _sre = _compiler = _parser = None  # type: ignore[assignment]

MAX_ENTRIES = 2000  # beyond this the file starts over (patterns made from config globs accumulate)
_entries: dict[tuple[str | bytes, int], tuple] | None = None
_dirty = False


def _path() -> str | None:
    if _sre is None or os.environ.get("COCOLINT_NO_RULE_CACHE"):
        return None
    build = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}-{marshal.version}"
    return cachedir.path("regex", build + ".marshal")


def _load() -> dict[tuple[str | bytes, int], tuple]:
    global _entries
    if _entries is None:
        _entries = {}
        path = _path()
        if path is not None:
            try:
                with open(path, "rb") as f:
                    data = marshal.loads(f.read())
                if isinstance(data, dict):
                    _entries = data
            except (OSError, ValueError, EOFError, TypeError):
                pass
    return _entries


def _arguments(pattern: str | bytes, flags: int) -> tuple:
    """What re._compiler.compile passes to _sre.compile for pattern (the same steps, kept)."""
    p = _parser.parse(pattern, flags)
    code = [int(c) for c in _compiler._code(p, flags)]  # opcodes are int subclasses marshal cannot write
    groupindex = p.state.groupdict
    indexgroup: list[str | None] = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    return (pattern, flags | p.state.flags, code, p.state.groups - 1, dict(groupindex), tuple(indexgroup))


def compile(pattern: str | bytes, flags: int = 0) -> re.Pattern:  # noqa: A001 - re.compile's name
    """re.compile(pattern, flags), from the cache when this Python compiled it before."""
    flags = int(flags)
    if _sre is None or flags & re.DEBUG:
        return re.compile(pattern, flags)
    entries = _load()
    key = (pattern, flags)
    args = entries.get(key)
    if args is not None:
        try:
            return _sre.compile(*args)
        except Exception:  # a corrupt entry: compiled again below and replaced
            pass
    compiled = re.compile(pattern, flags)
    try:
        args = _arguments(pattern, flags)
        same = _sre.compile(*args)
        if same == compiled and same.groupindex == compiled.groupindex and same.groups == compiled.groups:
            global _dirty
            if len(entries) >= MAX_ENTRIES:
                entries.clear()
            entries[key] = args
            if not _dirty:
                import atexit  # cocolint's own command saves before its os._exit; this is for other callers

                atexit.register(save)
            _dirty = True
    except Exception:  # internals not as expected: this pattern is simply not cached
        pass
    return compiled


def save() -> None:
    """Write new entries (called once at the end of a run; failures are ignored)."""
    global _dirty
    path = _path()
    if not _dirty or _entries is None or path is None:
        return
    _dirty = False
    try:
        cachedir.store(path, marshal.dumps(_entries), suffix=".marshal")
    except ValueError:  # an entry marshal cannot write: nothing is kept this time
        pass
