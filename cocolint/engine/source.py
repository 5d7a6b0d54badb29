"""Read one source file fast and safely: regular files only, never blocking on a FIFO or device."""

from __future__ import annotations

import errno
import os
import stat

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


class SourceError(Exception):
    """Why a file could not be read, as one line."""


def read_source(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes; raise SourceError for anything that is not a readable regular file."""
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        raise SourceError(_reason(exc)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = next((name for test, name in _KINDS if test(st.st_mode)), "not a regular file")
            raise SourceError(f"is {kind}, not a source file" if kind != "not a regular file" else kind)
        # one read for an ordinary file; /proc-style files report size 0 and are read to EOF
        data = os.read(fd, st.st_size + 1)
        if len(data) <= st.st_size:
            return data
        parts = [data]
        while True:
            more = os.read(fd, 1 << 20)
            if not more:
                return b"".join(parts)
            parts.append(more)
    except OSError as exc:
        raise SourceError(_reason(exc)) from None
    finally:
        os.close(fd)


def _reason(exc: OSError) -> str:
    if exc.errno == errno.EISDIR:
        return "is a directory, not a source file"
    if exc.errno == errno.ELOOP:
        return "cannot read: symbolic link loop"
    if exc.errno == errno.ENOENT:
        return "cannot read: no such file (a broken symbolic link?)"
    return f"cannot read: {(exc.strerror or str(exc)).lower()}"
