"""The normalisation pass table without importing every pass: its triggers are cached, a pass is imported when it first runs.

normalise._passes(m) builds the table from the pass modules, which imports all of them (~5 ms
of a one-file check that runs a handful).  Here its result is stored as data: each pass's name,
its triggers, and how to get its function back (a module-level function by module and name;
a functools.partial of one with the macro set or with another such function).  The next run
builds the same table from that, with stand-ins that import a pass's module when the pass first
runs.  The key is every file of the kernel-C package (name, size, mtime: the pass modules and the
macro lists some triggers come from), the Python version and whether the macro set has a
file-scope macro pattern (the table depends on the set only through that and the partials).
A table it cannot describe is simply not cached; COCOLINT_NO_RULE_CACHE turns the cache off.
"""

from __future__ import annotations

import marshal
import os
import sys

from cocolint import cachedir
from cocolint.hashes import sha256

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Callable

    from cocolint.kernelc.macros import MacroSet

_FORMAT = "pass-table-1"
_MACROS = ("macros",)  # a recipe argument: the macro set itself


def table(m: MacroSet, build: Callable[[MacroSet], list]) -> list:
    """build(m), or the same table read from the cache with its passes imported on first use."""
    path = _path(m)
    if path is not None:
        try:
            with open(path, "rb") as f:
                stored = marshal.loads(f.read())
            if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == _FORMAT:
                return [(name, _Lazy(recipe, m), triggers) for name, recipe, triggers in stored[1]]
        except (OSError, ValueError, EOFError, TypeError):
            pass
    built = build(m)
    if path is not None:
        recipes = [_recipe(fn, m) for _, fn, _ in built]
        if all(r is not None for r in recipes):
            rows = [(name, r, tuple(triggers)) for (name, _, triggers), r in zip(built, recipes)]
            _store(path, (_FORMAT, rows))
    return built


class _Lazy:
    """A pass that imports its module (and binds its arguments) the first time it is called."""

    __slots__ = ("recipe", "macros", "fn")

    def __init__(self, recipe: tuple, macros: MacroSet) -> None:
        self.recipe, self.macros, self.fn = recipe, macros, None

    def __call__(self, *args: object) -> object:
        fn = self.fn
        if fn is None:
            fn = self.fn = _resolve(self.recipe, self.macros)
        return fn(*args)


def _recipe(fn: object, m: MacroSet) -> tuple | None:
    """How to get fn back in another process, or None when it cannot be said."""
    import functools

    if isinstance(fn, functools.partial):
        if fn.keywords or isinstance(fn.func, functools.partial):
            return None
        func = _recipe(fn.func, m)
        args = [_MACROS if a is m else _recipe(a, m) for a in fn.args]
        if func is None or any(a is None for a in args):
            return None
        return ("partial", func, tuple(args))
    module, name = getattr(fn, "__module__", None), getattr(fn, "__qualname__", None)
    if isinstance(module, str) and isinstance(name, str) and module.startswith("cocolint.") \
            and getattr(sys.modules.get(module), name, None) is fn:
        return ("fn", module, name)
    return None


def _resolve(recipe: tuple, m: MacroSet) -> Callable[..., object]:
    if recipe[0] == "partial":
        import functools

        args = [m if a == _MACROS else _resolve(a, m) for a in recipe[2]]
        return functools.partial(_resolve(recipe[1], m), *args)
    __import__(recipe[1])
    return getattr(sys.modules[recipe[1]], recipe[2])  # type: ignore[no-any-return]


def _path(m: MacroSet) -> str | None:
    """The cache file for this package's files and this kind of macro set (None: no cache)."""
    if os.environ.get("COCOLINT_NO_RULE_CACHE"):
        return None
    here = os.path.dirname(os.path.abspath(__file__))
    parts = [_FORMAT, here, f"{sys.version_info[:2]}:{marshal.version}", f"static:{m.static_macro is not None}"]
    try:
        with os.scandir(here) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name.endswith((".py", ".toml")):
                    st = entry.stat()
                    parts.append(f"{entry.name}:{st.st_size}:{st.st_mtime_ns}")
    except OSError:
        return None
    key = sha256("|".join(parts).encode()).hexdigest()[:32]
    return cachedir.path("macros", f"{key}.passes.marshal")


def _store(path: str, data: object) -> None:
    try:
        cachedir.store(path, marshal.dumps(data), suffix=".marshal")
    except ValueError:  # not marshallable: the table is built again next time
        pass
