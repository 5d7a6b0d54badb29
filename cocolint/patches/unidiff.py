"""Parse unified diffs (git diff, git format-patch, diff -u) into files and hunks, as bytes."""

from __future__ import annotations

import re

from cocolint.record import dataclass, field

_HUNK = re.compile(rb"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)$")
_C_ESCAPES = {ord("n"): 10, ord("t"): 9, ord('"'): 34, ord("\\"): 92, ord("a"): 7, ord("b"): 8,
              ord("f"): 12, ord("r"): 13, ord("v"): 11}


class DiffError(ValueError):
    """A diff that cannot be read; the message names the line of the diff."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class Hunk:
    """One `@@ -a,b +c,d @@` block; lines keep their marker (b' ', b'-', b'+') and their newline."""

    old_start: int
    old_count: int
    new_start: int
    new_count: int
    header: str
    at: int  # 1-based line of the @@ header in the diff
    lines: list[tuple[bytes, bytes]] = field(default_factory=list)

    def old_lines(self) -> list[bytes]:
        """The lines the hunk expects to find."""
        return [text for mark, text in self.lines if mark != b"+"]

    def new_lines(self) -> list[bytes]:
        """The lines the hunk leaves behind."""
        return [text for mark, text in self.lines if mark != b"-"]

    def added(self) -> list[int]:
        """1-based new-side line numbers of the added lines."""
        return self._numbers(b"+", self.new_start)

    def removed(self) -> list[int]:
        """1-based old-side line numbers of the removed lines."""
        return self._numbers(b"-", self.old_start)

    def _numbers(self, want: bytes, start: int) -> list[int]:
        other = b"-" if want == b"+" else b"+"
        out, line = [], start
        for mark, _ in self.lines:
            if mark == want:
                out.append(line)
            if mark != other:
                line += 1
        return out


@dataclass
class FileDiff:
    """Changes to one file. A path is None for /dev/null (a new or deleted file)."""

    old_path: str | None
    new_path: str | None
    hunks: list[Hunk] = field(default_factory=list)
    binary: bool = False
    at: int = 0  # 1-based line where the file's diff starts

    @property
    def path(self) -> str:
        """The path the change is known by (the new one, or the old one if deleted)."""
        return self.new_path if self.new_path is not None else self.old_path or ""


def unquote(raw: bytes) -> bytes:
    """Undo git's C-style quoting of a path ("a/t\\303\\244b.c")."""
    if not (raw.startswith(b'"') and raw.endswith(b'"') and len(raw) >= 2):
        return raw
    body, out, i = raw[1:-1], bytearray(), 0
    while i < len(body):
        c = body[i]
        if c == 92 and i + 1 < len(body):  # backslash
            n = body[i + 1]
            if 48 <= n <= 55 and re.fullmatch(rb"[0-7]{3}", body[i + 1:i + 4]):
                out.append(int(body[i + 1:i + 4], 8))
                i += 4
                continue
            out.append(_C_ESCAPES.get(n, n))
            i += 2
            continue
        out.append(c)
        i += 1
    return bytes(out)


def _path(raw: bytes, strip: int) -> str | None:
    raw = raw.rstrip(b"\r\n")
    if not raw.startswith(b'"'):
        raw = raw.split(b"\t", 1)[0].rstrip(b" ")  # diff -u puts a timestamp after a tab
    raw = unquote(raw)
    if raw == b"/dev/null":
        return None
    parts = raw.decode("utf-8", "surrogateescape").split("/")
    return "/".join(parts[strip:]) if len(parts) > strip else parts[-1]


def _git_header_paths(rest: bytes, strip: int) -> tuple[str | None, str | None]:
    """Paths from `diff --git a/x b/x` (ambiguous with spaces: split where both halves agree)."""
    rest = rest.rstrip(b"\r\n")
    if rest.startswith(b'"'):
        end = rest.index(b'"', 1) + 1 if b'"' in rest[1:] else len(rest)
        return _path(rest[:end], strip), _path(rest[end:].lstrip(), strip)
    half = len(rest) // 2
    if len(rest) % 2 == 1 and rest[half:half + 1] == b" ":
        return _path(rest[:half], strip), _path(rest[half + 1:], strip)
    a, _, b = rest.partition(b" ")
    return _path(a, strip), _path(b, strip)


def parse(data: bytes, strip: int = 1) -> list[FileDiff]:
    """Every file diff in data (text around them, such as a commit message, is skipped)."""
    lines = data.splitlines(keepends=True)
    files: list[FileDiff] = []
    cur: FileDiff | None = None
    header_open = False  # inside a `diff --git` header: ---/+++ belong to it
    i = 0
    while i < len(lines):
        line, num = lines[i], i + 1
        if line.startswith(b"diff --git "):
            cur = FileDiff(*_git_header_paths(line[11:], strip), at=num)
            files.append(cur)
            header_open = True
        elif header_open and cur is not None and line.startswith((b"rename from ", b"copy from ")):
            cur.old_path = _path(line.split(b" ", 2)[2], 0)
        elif header_open and cur is not None and line.startswith((b"rename to ", b"copy to ")):
            cur.new_path = _path(line.split(b" ", 2)[2], 0)
        elif header_open and cur is not None and line.startswith(b"new file mode"):
            cur.old_path = None
        elif header_open and cur is not None and line.startswith(b"deleted file mode"):
            cur.new_path = None
        elif header_open and cur is not None and line.startswith((b"Binary files ", b"GIT binary patch")):
            cur.binary = True
        elif line.startswith(b"--- ") and i + 1 < len(lines) and lines[i + 1].startswith(b"+++ "):
            old, new = _path(line[4:], strip), _path(lines[i + 1][4:], strip)
            if header_open and cur is not None:
                cur.old_path, cur.new_path = old, new
            else:
                cur = FileDiff(old, new, at=num)
                files.append(cur)
            header_open = False
            i += 2
            continue
        elif line.startswith(b"@@ ") and cur is not None:
            header_open = False
            i = _hunk(lines, i, cur)
            continue
        i += 1
    return files


def _hunk(lines: list[bytes], i: int, cur: FileDiff) -> int:
    m = _HUNK.match(lines[i].rstrip(b"\r\n"))
    if m is None:
        raise DiffError(i + 1, "malformed hunk header")
    count = lambda g: int(g) if g is not None else 1  # noqa: E731
    h = Hunk(int(m[1]), count(m[2]), int(m[3]), count(m[4]),
             lines[i].rstrip(b"\r\n").decode("utf-8", "replace"), at=i + 1)
    old_left, new_left = h.old_count, h.new_count
    i += 1
    while (old_left > 0 or new_left > 0) and i < len(lines):
        line = lines[i]
        mark, text = line[:1], line[1:]
        if line in (b"\n", b"\r\n"):  # a context line whose leading space a mailer ate
            mark, text = b" ", line
        if mark == b"\\":
            _no_newline(h)
            i += 1
            continue
        if mark not in (b" ", b"-", b"+"):
            break
        old_left -= mark != b"+"
        new_left -= mark != b"-"
        h.lines.append((mark, text))
        i += 1
    if old_left > 0 or new_left > 0:
        raise DiffError(h.at, f"hunk {h.header} ends early (file {cur.path})")
    if i < len(lines) and lines[i].startswith(b"\\"):
        _no_newline(h)
        i += 1
    cur.hunks.append(h)
    return i


def _no_newline(h: Hunk) -> None:
    """`\\ No newline at end of file`: the line before has no line ending."""
    if h.lines:
        mark, text = h.lines[-1]
        h.lines[-1] = (mark, text.rstrip(b"\r\n") if text.endswith(b"\n") else text)
