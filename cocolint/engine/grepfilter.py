"""Stage 1 of the pre-filter in C: GNU grep lists the files worth reading, Python reads only those.

Reading 1.2 GB of kernel sources into Python and searching each anchor costs several times
what grep needs.  This module asks GNU grep (`grep -l -F -a`, byte semantics under
LC_ALL=C) which files of a batch contain any of the pre-filter's anchors, the suppression
marker or a NUL byte.  Exactly those, and every file grep could not vouch for, go on to
the Python path (which reads them, reports binary files and read errors, and applies the
exact per-rule check); every other file holds none of the anchors as a substring, which is
the very test Prefilter.may_match would apply, so it is skipped without being read.

Sound by construction: a plain regular file (os.stat, symlinks followed; devices, FIFOs and
directories are never opened by grep) that grep
neither listed nor named in an error message contains no token; anything else (a file grep
could not read, a batch where grep failed without saying why, a non-regular file, grep
missing or not GNU) is read in Python.
"""

from __future__ import annotations

import os
import stat

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Iterable, Iterator, Sequence

Item = tuple[str, "str | None"]
SMALL = 64  # fewer files than this: not worth starting grep
BATCH_BYTES = 96 * 1024  # path bytes per grep command line
BATCH_FILES = 256  # files per grep: grep looks ahead (IN_FLIGHT + 2) * BATCH_FILES files at most
IN_FLIGHT = 2

_grep: str | None | bool = False  # False: not looked up yet


def gnu_grep() -> str | None:
    """The path of a GNU grep, or None (COCOLINT_NO_GREP set, not installed, or another grep)."""
    global _grep
    if os.environ.get("COCOLINT_NO_GREP"):
        return None
    if _grep is False:
        import shutil
        import subprocess

        found = shutil.which("grep")
        try:
            ok = found is not None and b"GNU grep" in subprocess.run(
                [found, "--version"], capture_output=True, timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            ok = False
        _grep = found if ok else None
    return _grep or None


class GrepSplit:
    """Decides, batch by batch, which files must be read: those grep lists or cannot vouch for."""

    def __init__(self, tokens: Sequence[bytes], grep: str, regular: set[str] | None = None) -> None:
        import tempfile

        self.grep = grep
        self.regular = regular if regular is not None else set()  # paths known to be regular files
        self.failed = False
        # a pattern file: one token a line (tokens never hold a newline); removed in close()
        fd, self.patterns = tempfile.mkstemp(prefix="cocolint-tokens-")
        with os.fdopen(fd, "wb") as f:
            f.write(b"\n".join(sorted(set(tokens))) + b"\n")

    def close(self) -> None:
        """Remove the pattern file."""
        try:
            os.unlink(self.patterns)
        except OSError:
            pass

    def split(self, items: Iterable[Item]) -> Iterator[tuple[Item, bool]]:
        """Each item with True if it must be read in Python, False if it holds no token; in order."""
        it = iter(items)
        head = []
        for item in it:
            head.append(item)
            if len(head) >= SMALL:
                break
        else:
            for item in head:  # a handful of files: reading them is cheaper than starting grep
                yield item, True
            return
        from collections import deque

        running: deque[tuple[list[Item], object]] = deque()
        batch: list[Item] = []
        size = 0
        for item in _chain(head, it):
            batch.append(item)
            size += len(item[0]) + 1
            if size >= BATCH_BYTES or len(batch) >= BATCH_FILES:
                running.append((batch, self._start(batch)))
                batch, size = [], 0
                while len(running) > IN_FLIGHT:
                    yield from self._finish(*running.popleft())
        if batch:
            running.append((batch, self._start(batch)))
        while running:
            yield from self._finish(*running.popleft())

    def _start(self, batch: list[Item]) -> object:
        if self.failed:
            return None
        import subprocess

        names = [p for p, error in batch if error is None]
        if not names:
            return None
        try:
            return subprocess.Popen(
                [self.grep, "-l", "-F", "-a", "-Z", "-D", "skip", "-d", "skip", "-f", self.patterns, "--", *names],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                env={**os.environ, "LC_ALL": "C", "GREP_COLORS": "", "GREP_OPTIONS": ""})
        except (OSError, ValueError):
            self.failed = True  # grep cannot run here: every file goes the Python way
            return None

    def _finish(self, batch: list[Item], proc: object) -> Iterator[tuple[Item, bool]]:
        listed: set[str] | None = None
        errors = b""
        if proc is not None:
            out, errors = proc.communicate()  # type: ignore[attr-defined]
            if proc.returncode in (0, 1, 2):  # type: ignore[attr-defined]
                listed = set(os.fsdecode(n) for n in out.split(b"\0") if n)
            if proc.returncode == 2 and not errors:
                listed = None  # an error grep did not explain: trust nothing of this batch
        for item in batch:
            path, error = item
            known = path in self.regular
            self.regular.discard(path)  # the set holds only files still in flight
            # grep names each file it could not read in a message ("grep: PATH: reason"); any mention counts
            if listed is None or error is not None or path in listed or \
                    (errors and os.fsencode(path) + b": " in errors):
                yield item, True
            else:
                yield item, not (known or _regular(path))


def _regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _chain(head: list[Item], rest: Iterator[Item]) -> Iterator[Item]:
    yield from head
    yield from rest
