"""Regular expressions compiled on first use (from cocolint/recache.py's cache): a module's patterns cost start-up time only where a file needs them."""

from __future__ import annotations

from cocolint import recache


class LazyPattern:
    """Stands for re.compile(pattern, flags) and compiles it the first time any attribute is asked for."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str) -> object:
        compiled = recache.compile(*self._args)
        # from now on the pattern's methods are plain attributes of this object (no __getattr__ call)
        for attr in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
                     "pattern", "flags", "groups", "groupindex", "scanner"):
            self.__dict__[attr] = getattr(compiled, attr)
        return getattr(compiled, name)


def lazy_compile(pattern: str | bytes, flags: int = 0) -> LazyPattern:
    """A pattern that compiles when first used (for module-level regexes off the common path)."""
    return LazyPattern(pattern, flags)
