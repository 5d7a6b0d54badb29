"""cocolint: a linter for Linux-kernel C that guards the confidential-computing hooks."""

__version__ = "0.1.0"

import gc

# The command's objects (modules, rules, tables, a file's trees) mostly live until it ends: the
# collector's default pace (a pass per 700 new objects, ~20 in a one-file check, most of them while
# modules load) costs ~3 ms of start-up and frees next to nothing.  Set here, before the first import
# of the package: a long run still collects, per 100,000 new objects.
gc.set_threshold(100_000, 10, 10)

from cocolint.quickpath import import_pathlib as _import_pathlib

_import_pathlib()  # every module below imports pathlib: here it comes without urllib.parse (start-up time)
