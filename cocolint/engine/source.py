"""Read one source file fast and safely: regular files only, never blocking on a FIFO or device."""

from __future__ import annotations

import errno
import os
import stat

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)


BINARY_PROBE = 8000  # bytes looked at for a NUL, as git and diff decide what is binary


def binary_at(source: bytes) -> int:
    """The offset of a NUL byte near the start (a binary file), or -1 for text."""
    return source.find(b"\0", 0, BINARY_PROBE)


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
        if stat.S_ISDIR(st.st_mode):
            raise SourceError("is a directory")
        if not stat.S_ISREG(st.st_mode):  # reading a FIFO or a device could block or never end
            raise SourceError("not a regular file, not checked")
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
        return "is a directory"
    return f"cannot read: {exc.strerror or exc}"
