"""cocolint: a linter for Linux-kernel C that guards the confidential-computing hooks."""

__version__ = "0.1.0"

from cocolint.quickpath import import_pathlib as _import_pathlib

_import_pathlib()  # every module below imports pathlib: here it comes without urllib.parse (start-up time)
