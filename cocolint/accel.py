"""The optional native speed-ups (cocolint/csrc), or None: not built, or COCOLINT_PURE_PYTHON=1."""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Callable, TypeVar

    F = TypeVar("F", bound=Callable[..., object])

native = None
if os.environ.get("COCOLINT_PURE_PYTHON", "") in ("", "0"):
    try:
        from cocolint import _native as native  # type: ignore[attr-defined,no-redef]
    except ImportError:  # no C compiler at install time: the pure-Python paths give the same results
        native = None


def has(name: str) -> bool:
    """Whether the native module is loaded and defines name."""
    return native is not None and hasattr(native, name)


def pick(name: str, python: F) -> F:
    """The native function name when the module defines it, else python (its reference: same results)."""
    return getattr(native, name) if has(name) else python
